// Bulk import on SQLite: prepared statements on the raw better-sqlite3 connection inside one
// BEGIN IMMEDIATE … COMMIT. Query builders cost more than the insert itself at a million rows.
import type SqliteDatabase from 'better-sqlite3';
import type { AgentProfile, Order, Refund, Shop } from '../../domain/types.js';
import {
  type ImportLogEntry,
  type ImportWriter,
  type ImportWriteTotals,
  type MessageRow,
  nameFromNick,
} from '../import-writer.js';
import { SESSION_FLUSH_AT, SessionDeltas, sessionDeltaValues, sortById } from '../session-delta.js';
import { holdCheckpoints, releaseCheckpoints } from './background-checkpoint.js';

export function beginSqliteImport(sqlite: SqliteDatabase.Database): ImportWriter {
  holdCheckpoints(sqlite);
  try {
    sqlite.exec('BEGIN IMMEDIATE');
  } catch (err) {
    releaseCheckpoints(sqlite, 0);
    throw err;
  }
  try {
    sqlite.exec(
      'CREATE TEMP TABLE IF NOT EXISTS import_touched (shop TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (shop, id)) WITHOUT ROWID',
    );
    sqlite.exec('DELETE FROM temp.import_touched');
  } catch (err) {
    sqlite.exec('ROLLBACK');
    releaseCheckpoints(sqlite, 0);
    throw err;
  }
  return new SqliteImportWriter(sqlite);
}

class SqliteImportWriter implements ImportWriter {
  private changed = 0;
  private readonly newBuyers;
  private readonly newAgents;
  private readonly deltas = new SessionDeltas();
  private readonly upsertSession;
  private done = false;
  private readonly insertMessage;
  private readonly touchSession;
  private readonly insertBuyer;
  private readonly upsertOrder;
  private readonly upsertRefund;
  private readonly upsertAgent;
  private readonly insertShop;

  constructor(private readonly sqlite: SqliteDatabase.Database) {
    // seq is the rowid: SQLite numbers new rows after the highest, i.e. in import order.
    this.insertMessage = sqlite.prepare(
      `INSERT INTO messages (shop, id, session_id, sender, at, text, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.touchSession = sqlite.prepare('INSERT OR IGNORE INTO temp.import_touched (shop, id) VALUES (?, ?)');
    this.upsertSession = sqlite.prepare(
      `INSERT INTO sessions (shop, id, agent, buyer, day, first_at, last_at, message_count,
                             buyer_messages, agent_messages, bot_messages, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (shop, id) DO UPDATE SET
         first_at = MIN(sessions.first_at, excluded.first_at), last_at = MAX(sessions.last_at, excluded.last_at),
         message_count = sessions.message_count + excluded.message_count,
         buyer_messages = sessions.buyer_messages + excluded.buyer_messages,
         agent_messages = sessions.agent_messages + excluded.agent_messages,
         bot_messages = sessions.bot_messages + excluded.bot_messages,
         revision = sessions.revision + 1`,
    );
    this.insertBuyer = sqlite.prepare('INSERT OR IGNORE INTO buyers (shop, nick) VALUES (?, ?)');
    this.newBuyers = new PendingInserts(this.insertBuyer);
    this.newAgents = new PendingInserts(
      sqlite.prepare('INSERT OR IGNORE INTO agents (shop, nick, name) VALUES (?, ?, ?)'),
    );
    this.upsertOrder = sqlite.prepare(
      `INSERT INTO orders (shop, order_id, buyer, created_at, paid_at, amount_fen, status, items)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop, order_id) DO UPDATE SET buyer = excluded.buyer, created_at = excluded.created_at,
         paid_at = excluded.paid_at, amount_fen = excluded.amount_fen, status = excluded.status,
         items = excluded.items
       WHERE orders.buyer IS NOT excluded.buyer OR orders.created_at IS NOT excluded.created_at
         OR orders.paid_at IS NOT excluded.paid_at OR orders.amount_fen IS NOT excluded.amount_fen
         OR orders.status IS NOT excluded.status OR orders.items IS NOT excluded.items`,
    );
    this.upsertRefund = sqlite.prepare(
      `INSERT INTO refunds (shop, refund_id, order_id, buyer, agent, created_at, amount_fen, reason, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop, refund_id) DO UPDATE SET order_id = excluded.order_id, buyer = excluded.buyer,
         agent = excluded.agent, created_at = excluded.created_at, amount_fen = excluded.amount_fen,
         reason = excluded.reason, status = excluded.status
       WHERE refunds.status IS NOT excluded.status OR refunds.amount_fen IS NOT excluded.amount_fen
         OR refunds.reason IS NOT excluded.reason OR refunds.agent IS NOT excluded.agent
         OR refunds.order_id IS NOT excluded.order_id OR refunds.created_at IS NOT excluded.created_at
         OR refunds.buyer IS NOT excluded.buyer`,
    );
    this.upsertAgent = sqlite.prepare(
      `INSERT INTO agents (shop, nick, name, role, grp, hired_on, mentor) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (shop, nick) DO UPDATE SET name = excluded.name, role = excluded.role, grp = excluded.grp,
         hired_on = excluded.hired_on, mentor = excluded.mentor
       WHERE agents.name IS NOT excluded.name OR agents.role IS NOT excluded.role OR agents.grp IS NOT excluded.grp
         OR agents.hired_on IS NOT excluded.hired_on OR agents.mentor IS NOT excluded.mentor`,
    );
    this.insertShop = sqlite.prepare(
      'INSERT OR IGNORE INTO shops (id, name, time_zone, settings, created_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  async ensureShop(shop: Shop): Promise<void> {
    this.insertShop.run(shop.id, shop.name, shop.timeZone, '{}', Date.now());
  }

  async writeMessages(rows: MessageRow[]): Promise<void> {
    let inserted = 0;
    for (const m of rows) {
      const r = this.insertMessage.run(m.shop, m.id, m.sessionId, m.from, m.at, m.text, m.kind);
      if (r.changes === 0) continue;
      inserted++;
      // A session's buyer and agent are the same for all its messages: look at them once per session.
      if (this.deltas.add(m)) {
        this.newBuyers.add(m.shop, m.buyer);
        this.newAgents.add(m.shop, m.agent, nameFromNick(m.agent));
      }
    }
    if (this.deltas.size >= SESSION_FLUSH_AT) this.flushSessions();
    this.changed += inserted;
  }

  private flushSessions(): void {
    this.newBuyers.flush();
    this.newAgents.flush();
    const deltas = sortById(this.deltas.drain());
    for (const d of deltas) {
      this.upsertSession.run(...sessionDeltaValues(d));
      this.touchSession.run(d.shop, d.id);
    }
  }

  async writeOrders(rows: Order[]): Promise<number> {
    let changed = 0;
    for (const o of rows) {
      changed += this.upsertOrder.run(
        o.shop,
        o.orderId,
        o.buyer,
        o.createdAt,
        o.paidAt,
        o.amountFen,
        o.status,
        o.items,
      ).changes;
      this.insertBuyer.run(o.shop, o.buyer);
    }
    this.changed += changed;
    return changed;
  }

  async writeRefunds(rows: Refund[]): Promise<number> {
    let changed = 0;
    for (const r of rows) {
      changed += this.upsertRefund.run(
        r.shop,
        r.refundId,
        r.orderId,
        r.buyer,
        r.agent,
        r.createdAt,
        r.amountFen,
        r.reason,
        r.status,
      ).changes;
      this.insertBuyer.run(r.shop, r.buyer);
    }
    this.changed += changed;
    return changed;
  }

  async writeAgents(rows: AgentProfile[]): Promise<number> {
    let changed = 0;
    for (const a of rows) {
      changed += this.upsertAgent.run(a.shop, a.nick, a.name, a.role, a.group, a.hiredOn, a.mentor).changes;
    }
    this.changed += changed;
    return changed;
  }

  async finish(log: ImportLogEntry): Promise<ImportWriteTotals> {
    this.flushSessions();
    const touched = (
      this.sqlite.prepare('SELECT COUNT(*) AS n FROM temp.import_touched').get() as { n: number }
    ).n;
    this.sqlite.exec('DELETE FROM temp.import_touched');
    const inserted = this.changed;
    this.sqlite
      .prepare(
        'INSERT INTO imports (shop, file, format, records, inserted, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(log.shop, log.file, log.format, log.records, inserted, log.startedAt, Date.now());
    this.sqlite.exec('COMMIT');
    this.done = true;
    releaseCheckpoints(this.sqlite, inserted);
    return { inserted, sessionsTouched: touched };
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
    } finally {
      releaseCheckpoints(this.sqlite, 0);
    }
  }
}

/**
 * Rows for an `INSERT OR IGNORE` (buyers, agents seen in chats), deduplicated in JS and written in key
 * order when many have gathered and at the end: one statement per distinct key, and sorted inserts touch
 * each B-tree page once instead of landing all over the index.
 */
class PendingInserts {
  private static readonly LIMIT = 200_000;
  private readonly rows = new Map<string, string[]>();

  constructor(private readonly statement: SqliteDatabase.Statement) {}

  add(shop: string, key: string, ...rest: string[]): void {
    const k = `${shop}\u0000${key}`;
    if (this.rows.has(k)) return;
    this.rows.set(k, [shop, key, ...rest]);
    if (this.rows.size >= PendingInserts.LIMIT) this.flush();
  }

  flush(): void {
    const keys = [...this.rows.keys()].sort();
    for (const k of keys) this.statement.run(...this.rows.get(k)!);
    this.rows.clear();
  }
}
