// Inspection results: one row per finding (with its evidence spans as JSON) and one score row per
// inspected session, which also records what was inspected (the session's revision and the rulebook
// fingerprint) so the next run re-inspects only new or changed sessions, or everything after a rulebook change.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('findings')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('buyer', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('message_ids', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('score_delta', 'double precision', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('rulebook', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('findings_pk', ['shop', 'id'])
    .execute();
  await db.schema.createIndex('findings_day_rule').on('findings').columns(['shop', 'day', 'rule']).execute();
  await db.schema
    .createIndex('findings_agent_day')
    .on('findings')
    .columns(['shop', 'agent', 'day'])
    .execute();
  await db.schema.createIndex('findings_session').on('findings').columns(['shop', 'session_id']).execute();

  await db.schema
    .createTable('session_scores')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('critical', 'integer', (c) => c.notNull())
    .addColumn('inspected_revision', 'integer', (c) => c.notNull())
    .addColumn('rulebook', 'text', (c) => c.notNull())
    .addColumn('inspected_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_scores_pk', ['shop', 'session_id'])
    .execute();
  await db.schema
    .createIndex('session_scores_agent_day')
    .on('session_scores')
    .columns(['shop', 'agent', 'day'])
    .execute();
  await db.schema.createIndex('session_scores_day').on('session_scores').columns(['shop', 'day']).execute();

  // A buyer's other sessions: where the agent messages for order credit and reminders live.
  await db.schema
    .createIndex('sessions_buyer_day')
    .on('sessions')
    .columns(['shop', 'buyer', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_buyer_day').ifExists().execute();
  await db.schema.dropTable('session_scores').ifExists().execute();
  await db.schema.dropTable('findings').ifExists().execute();
}
