// Daily rollups of inspection results, so the findings summary (overview, findings explorer) sums a few
// thousand rows instead of grouping every finding and session score of the period. Rebuilt per day by the
// inspection run that changed the day; filled here from what a store already holds.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finding_agent_days')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_agent_days_pk', ['shop', 'day', 'agent', 'rule', 'severity'])
    .execute();
  await db.schema
    .createTable('score_agent_days')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('score_sum', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('score_agent_days_pk', ['shop', 'day', 'agent'])
    .execute();
  await sql`INSERT INTO finding_agent_days (shop, day, agent, rule, severity, findings)
    SELECT shop, day, agent, rule, severity, COUNT(*) FROM findings GROUP BY shop, day, agent, rule, severity`.execute(
    db,
  );
  await sql`INSERT INTO score_agent_days (shop, day, agent, sessions, score_sum)
    SELECT shop, day, agent, COUNT(*), SUM(score) FROM session_scores GROUP BY shop, day, agent`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('score_agent_days').ifExists().execute();
  await db.schema.dropTable('finding_agent_days').ifExists().execute();
}
