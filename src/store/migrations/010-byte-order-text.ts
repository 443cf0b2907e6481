// PostgreSQL: every text column compares and sorts by bytes (COLLATE "C"), as SQLite's do.
// - The same order on both engines: SQLite orders text by its bytes; PostgreSQL by the database's locale
//   (en_US, zh_CN …), which put agents, buyers and ids in another order than the embedded store did.
// - Cheaper keys: under a locale every comparison of two keys goes through strcoll, and an import compares
//   keys at every level of every index it inserts into. COPY of the 2M-message demo's 230k sessions into a
//   copy of the table took 3.9 s with the locale's comparisons and 2.3 s with bytes; its 2M messages 8.0 s
//   and 6.8 s.
// All of them, not only the indexed ones: nothing in Zhipei needs a locale's order or case rules (ids,
// nicks, days and Chinese text), and one collation everywhere keeps every comparison of two columns valid.
// A column of the database's default collation still compares with them (the "C" side wins), so temp
// tables and parameters need nothing; a table added later should declare its text columns COLLATE "C" on
// PostgreSQL to sort like the rest.
import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine.js';

async function textColumns(db: Kysely<unknown>): Promise<Array<{ table: string; column: string }>> {
  const r = await sql<{ table: string; column: string }>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type = 'text' AND table_name NOT LIKE 'kysely%'
    ORDER BY table_name, ordinal_position`.execute(db);
  return r.rows;
}

async function setCollation(db: Kysely<unknown>, collation: 'C' | 'default'): Promise<void> {
  const byTable = new Map<string, string[]>();
  for (const { table, column } of await textColumns(db)) {
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  }
  for (const [table, columns] of byTable) {
    // One ALTER per table: its indexes are rebuilt once, not once per column.
    const changes = columns.map(
      (c) => sql`ALTER COLUMN ${sql.ref(c)} TYPE text COLLATE ${sql.raw(`"${collation}"`)}`,
    );
    await sql`ALTER TABLE ${sql.table(table)} ${sql.join(changes)}`.execute(db);
    // A column whose type is altered loses its statistics; without them the planner reads whole tables
    // (a batch's messages through a scan of all of them instead of the session index).
    await sql`ANALYZE ${sql.table(table)}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') return;
  await setCollation(db, 'C');
}

export async function down(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') return;
  await setCollation(db, 'default');
}
