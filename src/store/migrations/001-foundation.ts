// The data spine: shops, agents, buyers, messages, sessions, orders, refunds, import log.
// Written with Kysely's schema builder so the same migration runs on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agents')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('nick', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('grp', 'text')
    .addColumn('hired_on', 'text')
    .addColumn('mentor', 'text')
    .addPrimaryKeyConstraint('agents_pk', ['shop', 'nick'])
    .execute();

  await db.schema
    .createTable('buyers')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('nick', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('buyers_pk', ['shop', 'nick'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('buyer', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('messages_pk', ['shop', 'id'])
    .execute();
  await db.schema
    .createIndex('messages_session')
    .on('messages')
    .columns(['shop', 'session_id', 'at', 'seq'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('buyer', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('buyer_messages', 'integer', (c) => c.notNull())
    .addColumn('agent_messages', 'integer', (c) => c.notNull())
    .addColumn('bot_messages', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('sessions_pk', ['shop', 'id'])
    .execute();
  await db.schema
    .createIndex('sessions_day_agent')
    .on('sessions')
    .columns(['shop', 'day', 'agent'])
    .execute();
  await db.schema
    .createIndex('sessions_agent_day')
    .on('sessions')
    .columns(['shop', 'agent', 'day'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('buyer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('items', 'text')
    .addPrimaryKeyConstraint('orders_pk', ['shop', 'order_id'])
    .execute();
  await db.schema.createIndex('orders_created').on('orders').columns(['shop', 'created_at']).execute();
  await db.schema.createIndex('orders_buyer').on('orders').columns(['shop', 'buyer', 'created_at']).execute();

  await db.schema
    .createTable('refunds')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('refund_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('buyer', 'text', (c) => c.notNull())
    .addColumn('agent', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('refunds_pk', ['shop', 'refund_id'])
    .execute();
  await db.schema
    .createIndex('refunds_buyer')
    .on('refunds')
    .columns(['shop', 'buyer', 'created_at'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', engine === 'postgres' ? 'serial' : 'integer', (c) =>
      engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('shop', 'text')
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['imports', 'refunds', 'orders', 'sessions', 'messages', 'buyers', 'agents', 'shops']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
