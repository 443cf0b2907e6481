// The inspection's bulk reads on SQLite as raw prepared statements returning arrays: a full inspection
// reads every message once, and building a keyed object per row through the query builder cost more than
// SQLite's own work. Results are identical to the query-builder versions used on PostgreSQL.
import type SqliteDatabase from 'better-sqlite3';

type Row = unknown[];

/** Prepared statements with `IN (?, ?, …)` lists, one per combination of list lengths. */
class InListStatements {
  private readonly byLengths = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly sql: (...placeholders: string[]) => string,
  ) {}

  prepared(...lengths: number[]): SqliteDatabase.Statement {
    const key = lengths.join(':');
    let statement = this.byLengths.get(key);
    if (!statement) {
      if (this.byLengths.size >= 32) this.byLengths.clear();
      statement = this.sqlite
        .prepare(this.sql(...lengths.map((n) => new Array(n).fill('?').join(', '))))
        .raw(true);
      this.byLengths.set(key, statement);
    }
    return statement;
  }
}

export class SqliteInspectionReads {
  private readonly messages: InListStatements;
  private readonly buyersAgentMessages: InListStatements;

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
                     AND s.id NOT IN (${excluded || "''"}) AND m.sender = 'agent'`,
    );
  }

  /** [session_id, id, sender, at, seq, text, kind] in session, time, import order. */
  sessionMessages(shop: string, sessionIds: readonly string[]): Row[] {
    return this.messages.prepared(sessionIds.length).all(shop, ...sessionIds) as Row[];
  }

  /**
   * [session_id, buyer, agent, message id, at, seq] of the agent messages in the buyers' sessions of the
   * days, leaving out the excluded sessions.
   */
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
