// Messages keep only what differs from message to message. Buyer, agent and day are the session's (a
// session is one shop-agent-buyer-day), so they are read from `sessions`; repeating them on every row
// cost the import a fifth of its time and the store a third of the table. On SQLite the import order
// `seq` becomes the rowid: rows are stored in arrival order and the session index needs no extra column.
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') {
    await sql`CREATE TABLE messages_narrow (
      seq INTEGER PRIMARY KEY, shop TEXT NOT NULL, id TEXT NOT NULL, session_id TEXT NOT NULL,
      sender TEXT NOT NULL, at INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL)`.execute(db);
    await sql`INSERT INTO messages_narrow (seq, shop, id, session_id, sender, at, text, kind)
      SELECT seq, shop, id, session_id, sender, at, text, kind FROM messages ORDER BY seq`.execute(db);
    await sql`DROP TABLE messages`.execute(db);
    await sql`ALTER TABLE messages_narrow RENAME TO messages`.execute(db);
    await sql`CREATE UNIQUE INDEX messages_pk ON messages (shop, id)`.execute(db);
    await sql`CREATE INDEX messages_session ON messages (shop, session_id, at)`.execute(db);
    return;
  }
  await sql`ALTER TABLE messages DROP COLUMN buyer, DROP COLUMN agent, DROP COLUMN day`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Restores the columns from the sessions (both engines understand this correlated form).
  for (const column of ['buyer', 'agent', 'day']) {
    await sql`ALTER TABLE messages ADD COLUMN ${sql.raw(column)} TEXT NOT NULL DEFAULT ''`.execute(db);
    await sql`UPDATE messages SET ${sql.raw(column)} = (SELECT s.${sql.raw(column)} FROM sessions s
      WHERE s.shop = messages.shop AND s.id = messages.session_id)`.execute(db);
  }
}
