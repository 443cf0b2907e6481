// What the web API reads fast: each inquiry session's outcome (kept with the KPI rollups, so "inquiry not
// converted" is a lookup, not a KPI pass per request), and indexes for the newest-first keyset pages of
// sessions and findings.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kpi_inquiries')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('ordered', 'integer', (c) => c.notNull())
    .addColumn('paid', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_inquiries_pk', ['shop', 'session_id'])
    .execute();
  await db.schema.createIndex('kpi_inquiries_day').on('kpi_inquiries').columns(['shop', 'day']).execute();
  await db.schema
    .createIndex('sessions_day_first')
    .on('sessions')
    .columns(['shop', 'day', 'first_at', 'id'])
    .execute();
  await db.schema.createIndex('findings_day_id').on('findings').columns(['shop', 'day', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('findings_day_id').ifExists().execute();
  await db.schema.dropIndex('sessions_day_first').ifExists().execute();
  await db.schema.dropTable('kpi_inquiries').ifExists().execute();
}
