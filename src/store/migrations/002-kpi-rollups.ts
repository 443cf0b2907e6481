// Daily KPI rollups: one row per (shop, day, agent) holding the summable parts of every metric, so a
// 30-day report sums a few thousand rows instead of walking millions of messages.
import type { Kysely } from 'kysely';
import { PART_KEYS } from '../../domain/kpi/parts.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('kpi_agent_days')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull());
  for (const key of PART_KEYS) table = table.addColumn(key, 'bigint', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('kpi_agent_days_pk', ['shop', 'day', 'agent']).execute();
  await db.schema
    .createIndex('kpi_agent_days_agent')
    .on('kpi_agent_days')
    .columns(['shop', 'agent', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kpi_agent_days').ifExists().execute();
}
