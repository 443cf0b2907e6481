// Bulk import on PostgreSQL: one dedicated connection, one transaction. Messages are COPied straight into
// `messages` (PostgreSQL's fastest way in) inside a savepoint; a batch holding a message already stored
// fails that COPY on the primary key, is rolled back to the savepoint and goes the careful way instead:
// COPY into a temp stage, then INSERT … ON CONFLICT DO NOTHING, so re-imports are no-ops. After a first
// such batch the rest of the file goes the careful way too (a re-import would fail every COPY).
//
// Message batches come as rows, or (from the read-ahead worker) already encoded as COPY text with their
// sessions' figures (encoded-messages.ts): then this thread only passes bytes on. The server's work on a
// batch (heap and index inserts) is the import's bottleneck, so message batches are pipelined:
// writeMessages starts a batch's write and returns, and this thread takes the next batch while the server
// stores the previous one. One batch is in flight at a time, and every other statement waits for it, so
// statements still run in the order they were called.
import type pg from 'pg';
import type { AgentProfile, Order, Refund, Shop } from '../../domain/types.js';
import type {
  EncodedMessages,
  EncodedSession,
  MessageEncoding,
  SessionKeyFields,
} from '../encoded-messages.js';
import type { ImportLogEntry, ImportWriter, ImportWriteTotals, MessageRow } from '../import-writer.js';
import { type SessionDelta, SessionDeltas } from '../session-delta.js';
import { copyLine, MESSAGE_COLUMNS, messageCopyBytes } from './copy-format.js';
import { copyIn, copyUnlessStored } from './copy-text.js';
import { PostgresSessionSink, SESSION_TEMP_TABLES } from './postgres-session-sink.js';

export async function beginPostgresImport(pool: pg.Pool): Promise<ImportWriter> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE stage_messages (shop text, id text, session_id text, sender text, at bigint, seq bigint,
         text text, kind text) ON COMMIT DROP;
       CREATE TEMP TABLE stage_session_keys (shop text, session_id text, buyer text, agent text, day text)
         ON COMMIT DROP;
       ${SESSION_TEMP_TABLES}`,
    );
    // Imports into one schema take turns: each numbers its messages on from the last import's highest
    // order number, which must be final before the next begins.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.import'))`);
    const { rows } = await client.query<{ s: string }>('SELECT last_value AS s FROM message_seq');
    return new PostgresImportWriter(client, Number(rows[0].s));
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
    throw err;
  }
}

class PostgresImportWriter implements ImportWriter {
  private changed = 0;
  private done = false;
  /** Cleared at the first batch that collides with stored messages. */
  private direct = true;
  /** Sessions of the directly copied batches (the staged ones sum theirs in SQL). */
  private readonly sessions: PostgresSessionSink;
  readonly messageEncoding: MessageEncoding;

  constructor(
    private readonly client: pg.PoolClient,
    private seq: number,
  ) {
    this.sessions = new PostgresSessionSink(client);
    this.messageEncoding = { kind: 'postgres-copy', firstSeq: seq };
  }

  /** The message batch being written, if any; its failure surfaces at the next call. */
  private inFlight: Promise<void> | null = null;

  /** Waits for the message batch in flight (and throws its error). */
  private async settle(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = null;
    if (pending) await pending;
  }

  async ensureShop(shop: Shop): Promise<void> {
    await this.settle();
    await this.client.query(
      `INSERT INTO shops (id, name, time_zone, settings, created_at) VALUES ($1, $2, $3, '{}', $4)
       ON CONFLICT (id) DO NOTHING`,
      [shop.id, shop.name, shop.timeZone, Date.now()],
    );
  }

  async writeMessages(rows: MessageRow[]): Promise<void> {
    if (rows.length === 0) return;
    // Each batch owns its seq range from the start, whichever way it is finally written.
    const firstSeq = this.seq;
    this.seq += rows.length;
    // Encoded while the previous batch is still on the server.
    const text = asBuffer(messageCopyBytes(rows, firstSeq));
    await this.begin(() => this.writeBatch(text, rows.length, () => rowSessions(rows)));
  }

  async writeEncodedMessages(batch: EncodedMessages, sessions: readonly EncodedSession[]): Promise<void> {
    // The worker numbers every message of the file; batches given as rows in between advanced this.seq alike.
    if (batch.firstSeq !== this.seq) {
      throw new Error(`encoded batch starts after seq ${batch.firstSeq}, expected ${this.seq}`);
    }
    if (batch.count === 0) return;
    this.seq += batch.count;
    const text = asBuffer(batch.bytes);
    await this.begin(() => this.writeBatch(text, batch.count, () => sessions));
  }

  /** Starts a batch's write once the one in flight is stored. */
  private async begin(write: () => Promise<void>): Promise<void> {
    await this.settle();
    const pending = write();
    pending.catch(() => {}); // surfaces through settle()
    this.inFlight = pending;
  }

  private async writeBatch(
    text: Buffer,
    count: number,
    sessions: () => readonly SessionDelta[],
  ): Promise<void> {
    if (this.direct && (await this.copyDirect(text))) {
      for (const s of sessions()) this.sessions.add(s);
      this.changed += count;
    } else {
      await this.insertStaged(text, sessions());
    }
    await this.sessions.afterBatch();
  }

  /** COPY into messages; false (and nothing written) when a message of the batch is stored already. */
  private async copyDirect(text: Buffer): Promise<boolean> {
    const copied = await copyUnlessStored(this.client, `COPY messages (${MESSAGE_COLUMNS}) FROM STDIN`, text);
    if (!copied) this.direct = false;
    return copied;
  }

  /** The careful way: only messages not stored yet go in, and their sessions' counts are summed in SQL. */
  private async insertStaged(text: Buffer, keys: readonly SessionKeyFields[]): Promise<void> {
    await copyIn(this.client, `COPY stage_messages (${MESSAGE_COLUMNS}) FROM STDIN`, text);
    let keyText = '';
    for (const k of keys) keyText += copyLine([k.shop, k.id, k.buyer, k.agent, k.day]);
    await copyIn(this.client, 'COPY stage_session_keys FROM STDIN', keyText);
    const result = await this.client.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO messages (${MESSAGE_COLUMNS})
         SELECT ${MESSAGE_COLUMNS} FROM stage_messages ORDER BY seq
         ON CONFLICT DO NOTHING
         RETURNING shop, session_id, sender, at
       ), deltas AS (
         -- Only newly inserted messages reach here, so the deltas never double count. They are summed
         -- into sessions once, at finish: chats interleave, so per-batch upserts would repeat sessions.
         INSERT INTO session_deltas
         SELECT ins.shop, ins.session_id, MIN(k.agent), MIN(k.buyer), MIN(k.day), MIN(ins.at), MAX(ins.at),
                COUNT(*), SUM(CASE WHEN sender = 'buyer' THEN 1 ELSE 0 END),
                SUM(CASE WHEN sender = 'agent' THEN 1 ELSE 0 END),
                SUM(CASE WHEN sender = 'bot' THEN 1 ELSE 0 END)
         FROM ins JOIN stage_session_keys k USING (shop, session_id)
         GROUP BY ins.shop, ins.session_id
       )
       SELECT COUNT(*) AS n FROM ins`,
    );
    await this.client.query('TRUNCATE stage_messages, stage_session_keys');
    this.sessions.markStaged();
    this.changed += Number(result.rows[0].n);
  }

  async writeOrders(rows: Order[]): Promise<number> {
    await this.settle();
    const list = lastWins(rows, (o) => `${o.shop}\u0000${o.orderId}`);
    if (list.length === 0) return 0;
    const r = await this.client.query(
      `INSERT INTO orders (shop, order_id, buyer, created_at, paid_at, amount_fen, status, items)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
                            $7::text[], $8::text[])
       ON CONFLICT (shop, order_id) DO UPDATE SET buyer = excluded.buyer, created_at = excluded.created_at,
         paid_at = excluded.paid_at, amount_fen = excluded.amount_fen, status = excluded.status,
         items = excluded.items
       WHERE (orders.buyer, orders.created_at, orders.paid_at, orders.amount_fen, orders.status, orders.items)
         IS DISTINCT FROM (excluded.buyer, excluded.created_at, excluded.paid_at, excluded.amount_fen,
                           excluded.status, excluded.items)`,
      columns(list, [
        (o) => o.shop,
        (o) => o.orderId,
        (o) => o.buyer,
        (o) => o.createdAt,
        (o) => o.paidAt,
        (o) => o.amountFen,
        (o) => o.status,
        (o) => o.items,
      ]),
    );
    await this.addBuyers(list);
    return this.count(r.rowCount);
  }

  async writeRefunds(rows: Refund[]): Promise<number> {
    await this.settle();
    const list = lastWins(rows, (r) => `${r.shop}\u0000${r.refundId}`);
    if (list.length === 0) return 0;
    const res = await this.client.query(
      `INSERT INTO refunds (shop, refund_id, order_id, buyer, agent, created_at, amount_fen, reason, status)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                            $7::bigint[], $8::text[], $9::text[])
       ON CONFLICT (shop, refund_id) DO UPDATE SET order_id = excluded.order_id, buyer = excluded.buyer,
         agent = excluded.agent, created_at = excluded.created_at, amount_fen = excluded.amount_fen,
         reason = excluded.reason, status = excluded.status
       WHERE (refunds.order_id, refunds.buyer, refunds.agent, refunds.created_at, refunds.amount_fen,
              refunds.reason, refunds.status)
         IS DISTINCT FROM (excluded.order_id, excluded.buyer, excluded.agent, excluded.created_at,
                           excluded.amount_fen, excluded.reason, excluded.status)`,
      columns(list, [
        (r) => r.shop,
        (r) => r.refundId,
        (r) => r.orderId,
        (r) => r.buyer,
        (r) => r.agent,
        (r) => r.createdAt,
        (r) => r.amountFen,
        (r) => r.reason,
        (r) => r.status,
      ]),
    );
    await this.addBuyers(list);
    return this.count(res.rowCount);
  }

  async writeAgents(rows: AgentProfile[]): Promise<number> {
    await this.settle();
    const list = lastWins(rows, (a) => `${a.shop}\u0000${a.nick}`);
    if (list.length === 0) return 0;
    const res = await this.client.query(
      `INSERT INTO agents (shop, nick, name, role, grp, hired_on, mentor)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (shop, nick) DO UPDATE SET name = excluded.name, role = excluded.role, grp = excluded.grp,
         hired_on = excluded.hired_on, mentor = excluded.mentor
       WHERE (agents.name, agents.role, agents.grp, agents.hired_on, agents.mentor)
         IS DISTINCT FROM (excluded.name, excluded.role, excluded.grp, excluded.hired_on, excluded.mentor)`,
      columns(list, [
        (a) => a.shop,
        (a) => a.nick,
        (a) => a.name,
        (a) => a.role,
        (a) => a.group,
        (a) => a.hiredOn,
        (a) => a.mentor,
      ]),
    );
    return this.count(res.rowCount);
  }

  private async addBuyers(rows: Array<{ shop: string; buyer: string }>): Promise<void> {
    await this.client.query(
      'INSERT INTO buyers (shop, nick) SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      columns(rows, [(r) => r.shop, (r) => r.buyer]),
    );
  }

  private count(rowCount: number | null): number {
    const n = rowCount ?? 0;
    this.changed += n;
    return n;
  }

  async finish(log: ImportLogEntry): Promise<ImportWriteTotals> {
    try {
      await this.settle();
      const sessionsTouched = await this.sessions.finish();
      await this.client.query(
        `INSERT INTO imports (shop, file, format, records, inserted, started_at, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [log.shop, log.file, log.format, log.records, this.changed, log.startedAt, Date.now()],
      );
      // Outside the transaction (a sequence ignores rollbacks): a failed commit leaves an unused range.
      await this.client.query(`SELECT setval('message_seq', $1, true)`, [this.seq]);
      await this.client.query('COMMIT');
      this.done = true;
      this.client.release();
      return { inserted: this.changed, sessionsTouched };
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.settle().catch(() => {}); // the connection must be idle before it rolls back
      await this.client.query('ROLLBACK');
    } finally {
      this.client.release();
    }
  }
}

/** A Buffer view of the bytes (no copy): what the COPY stream writes. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The sessions of a batch given as rows, with their counts in it. */
function rowSessions(rows: MessageRow[]): SessionDelta[] {
  const deltas = new SessionDeltas();
  for (const m of rows) deltas.add(m);
  return deltas.drain();
}

/** Within one batch an id may repeat (an order's status changing in the same file): keep the last. */
function lastWins<T>(rows: T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    byKey.delete(k);
    byKey.set(k, row);
  }
  return [...byKey.values()];
}

/** Turns rows into one array per column, the shape `unnest($1::t[], …)` takes. */
function columns<T>(rows: T[], getters: Array<(row: T) => string | number | null>): unknown[][] {
  return getters.map((get) => rows.map(get));
}
