// Fewer and smaller index entries per imported row on PostgreSQL, where the server's index work is most of
// an import's cost (measured by COPY into copies of the tables, 300k demo messages and their 34k sessions):
// - messages_session keys on (shop, session_id) alone. All of a session's messages then share one key, so
//   B-tree deduplication stores it once with a list of rows: the index shrinks from 26 MB to 5 MB and the
//   COPY of 300k messages takes ~0.3 s less. Readers sort a session's few messages by (at, seq) themselves.
// - sessions_day_agent goes: every reader of a day range is served by sessions_day_first (shop, day, …)
//   and every reader of one agent by sessions_agent_day; each extra index cost the sessions COPY ~35%.
// - the import's starting order number comes from a sequence, not MAX(seq): there is no index on seq, so
//   MAX(seq) read the whole messages table at the start of every import.
// SQLite keeps its indexes: there the session index leads a covering scan, and seq is the rowid.
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') return;
  await sql`DROP INDEX messages_session`.execute(db);
  await sql`CREATE INDEX messages_session ON messages (shop, session_id)`.execute(db);
  await sql`DROP INDEX sessions_day_agent`.execute(db);
  await sql`CREATE SEQUENCE message_seq MINVALUE 0 START WITH 0`.execute(db);
  await sql`SELECT setval('message_seq', COALESCE((SELECT MAX(seq) FROM messages), 0), true)`.execute(db);
}

export async function down(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') return;
  await sql`DROP SEQUENCE message_seq`.execute(db);
  await sql`CREATE INDEX sessions_day_agent ON sessions (shop, day, agent)`.execute(db);
  await sql`DROP INDEX messages_session`.execute(db);
  await sql`CREATE INDEX messages_session ON messages (shop, session_id, at, seq)`.execute(db);
}
