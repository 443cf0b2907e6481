// PostgreSQL: messages are found by their session through a hash index on session_id instead of the
// B-tree on (shop, session_id). Every imported message adds an entry to this index, and a B-tree whose keys
// repeat (all of a session's messages share one) pays for keeping its duplicate lists in order: COPYing
// the 2M-message demo into a copy of the table took 13.1 s with the B-tree and 7.1 s with the hash index
// (the primary key alone: 8.7 s), and a 500-session read costs the same through either when it is a join
// on the list of ids (postgres-inspection-reads.ts). A session id is a hash of its shop, agent, buyer and
// day, so it is never shared between shops; readers still say `shop = …`. Nothing reads messages by a
// range of session ids (a hash index cannot serve one). SQLite has no hash indexes and keeps its own.
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') return;
  await sql`DROP INDEX messages_session`.execute(db);
  await sql`CREATE INDEX messages_session ON messages USING hash (session_id)`.execute(db);
}

export async function down(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') return;
  await sql`DROP INDEX messages_session`.execute(db);
  await sql`CREATE INDEX messages_session ON messages (shop, session_id)`.execute(db);
}
