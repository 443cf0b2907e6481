// The inspection's bulk reads on SQLite as raw prepared statements returning arrays (see
// ../inspection-reads.ts). Same rows, same order as the PostgreSQL reads.
import type SqliteDatabase from 'better-sqlite3';
import type { InspectionReads, Row } from '../inspection-reads.js';

/** Prepared statements with `IN (?, ?, …)` lists, one per combination of list lengths. */
class InListStatements {
  private readonly byLengths = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly sql: (...placeholders: string[]) => string,
    /** Rows as arrays (the hot reads) or as objects keyed by column (rows handed to the row mappers). */
    private readonly raw = true,
  ) {}

  prepared(...lengths: number[]): SqliteDatabase.Statement {
    const key = lengths.join(':');
    let statement = this.byLengths.get(key);
    if (!statement) {
      if (this.byLengths.size >= 32) this.byLengths.clear();
      statement = this.sqlite
        .prepare(this.sql(...lengths.map((n) => new Array(n).fill('?').join(', '))))
        .raw(this.raw);
      this.byLengths.set(key, statement);
    }
    return statement;
  }
}

export class SqliteInspectionReads implements InspectionReads {
  private readonly messages: InListStatements;
  private readonly buyersAgentMessages: InListStatements;
  private readonly agentMessagesOf: InListStatements;
  private readonly agentSessions: SqliteDatabase.Statement;
  private readonly buyersOrders: InListStatements;
  private readonly buyersRefunds: InListStatements;
  private readonly pendingAll: SqliteDatabase.Statement;
  private readonly pendingChanged: SqliteDatabase.Statement;

  constructor(sqlite: SqliteDatabase.Database) {
    this.messages = new InListStatements(
      sqlite,
      (ids) => `SELECT session_id, id, sender, at, seq, text, kind FROM messages
                WHERE shop = ? AND session_id IN (${ids}) ORDER BY session_id, at, seq`,
    );
    // Named index: given a day range, SQLite would otherwise walk a day index instead of the buyers'.
    this.buyersAgentMessages = new InListStatements(
      sqlite,
      (buyers, excluded) => `SELECT s.id, s.buyer, s.agent, m.id, m.at, m.seq
                   FROM sessions s INDEXED BY sessions_buyer_day
                   JOIN messages m ON m.shop = s.shop AND m.session_id = s.id
                   WHERE s.shop = ? AND s.buyer IN (${buyers}) AND s.day >= ? AND s.day <= ?
                     AND s.agent_messages > 0 AND s.id NOT IN (${excluded || "''"}) AND m.sender = 'agent'`,
    );
    this.agentMessagesOf = new InListStatements(
      sqlite,
      (ids) => `SELECT session_id, id, at, seq FROM messages
                WHERE shop = ? AND session_id IN (${ids}) AND sender = 'agent'`,
    );
    this.agentSessions = sqlite
      .prepare(`SELECT id, buyer, agent FROM sessions WHERE shop = ? AND day = ? AND agent_messages > 0`)
      .raw(true);
    // No ORDER BY: it would lure SQLite onto the (shop, created_at) index instead of the buyer index.
    this.buyersOrders = new InListStatements(
      sqlite,
      (buyers) => `SELECT * FROM orders WHERE shop = ? AND buyer IN (${buyers})
                   AND created_at >= ? AND created_at < ?`,
      false,
    );
    this.buyersRefunds = new InListStatements(
      sqlite,
      (buyers) => `SELECT * FROM refunds WHERE shop = ? AND buyer IN (${buyers})
                   AND created_at >= ? AND created_at < ?`,
      false,
    );
    // The first page asks for ids after '' (no session id is empty): one statement serves every page.
    const pending = (changedOnly: boolean) =>
      sqlite
        .prepare(
          `SELECT s.id, s.agent, s.buyer, s.day, s.revision, sc.session_id IS NOT NULL
           FROM sessions s LEFT JOIN session_scores sc ON sc.shop = s.shop AND sc.session_id = s.id
           WHERE s.shop = ? AND s.id > ?
           ${changedOnly ? 'AND (sc.session_id IS NULL OR sc.inspected_revision < s.revision OR sc.rulebook <> ?)' : ''}
           ORDER BY s.id LIMIT ?`,
        )
        .raw(true);
    this.pendingAll = pending(false);
    this.pendingChanged = pending(true);
  }

  pendingSessions(shop: string, after: string | null, limit: number, rulebook: string, all: boolean): Row[] {
    if (all) return this.pendingAll.all(shop, after ?? '', limit) as Row[];
    return this.pendingChanged.all(shop, after ?? '', rulebook, limit) as Row[];
  }

  buyerOrders(shop: string, buyers: readonly string[], start: number, end: number): unknown[] {
    return this.buyersOrders.prepared(buyers.length).all(shop, ...buyers, start, end);
  }

  buyerRefunds(shop: string, buyers: readonly string[], start: number, end: number): unknown[] {
    return this.buyersRefunds.prepared(buyers.length).all(shop, ...buyers, start, end);
  }

  sessionMessages(shop: string, sessionIds: readonly string[]): Row[] {
    return this.messages.prepared(sessionIds.length).all(shop, ...sessionIds) as Row[];
  }

  agentSessionsOfDay(shop: string, day: string): Row[] {
    return this.agentSessions.all(shop, day) as Row[];
  }

  sessionAgentMessages(shop: string, sessionIds: readonly string[]): Row[] {
    return this.agentMessagesOf.prepared(sessionIds.length).all(shop, ...sessionIds) as Row[];
  }

  buyerAgentMessages(
    shop: string,
    buyers: readonly string[],
    days: { from: string; to: string },
    excluded: readonly string[],
  ): Row[] {
    return this.buyersAgentMessages
      .prepared(buyers.length, excluded.length)
      .all(shop, ...buyers, days.from, days.to, ...excluded) as Row[];
  }
}
