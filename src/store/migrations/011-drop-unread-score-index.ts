// session_scores loses its (shop, agent, day) index: since the daily rollups (006) nothing reads scores by
// agent — the API reads score_agent_days, the rollup rebuild reads session_scores by day, the session list
// joins on the key. The index still cost every inspection a scattered insert per session: on the 300k demo
// shop's 34k sessions, saved in batches of 500 on SQLite, 430 ms with both secondary indexes and about
// 100 ms less without this one.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS session_scores_agent_day`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX session_scores_agent_day ON session_scores (shop, agent, day)`.execute(db);
}
