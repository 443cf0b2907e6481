// The inspection's bulk reads on SQLite as raw prepared statements returning arrays: a full inspection
// reads every message once, and building a keyed object per row through the query builder cost more than
// SQLite's own work. Results are identical to the query-builder versions used on PostgreSQL.
import type SqliteDatabase from 'better-sqlite3';

type Row = unknown[];

/** Prepared `… IN (?, ?, …)` statements, one per list length (batches mostly share one length). */
class InListStatements {
  private readonly byLength = new Map<number, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly sql: (placeholders: string) => string,
  ) {}

  all(shop: string, list: readonly string[]): Row[] {
    let statement = this.byLength.get(list.length);
    if (!statement) {
      if (this.byLength.size >= 16) this.byLength.clear();
      statement = this.sqlite.prepare(this.sql(new Array(list.length).fill('?').join(', '))).raw(true);
      this.byLength.set(list.length, statement);
    }
    return statement.all(shop, ...list) as Row[];
  }
}

export class SqliteInspectionReads {
  private readonly messages: InListStatements;
  private readonly agentMessages: InListStatements;

  constructor(sqlite: SqliteDatabase.Database) {
    this.messages = new InListStatements(
      sqlite,
      (ids) => `SELECT session_id, id, sender, at, seq, text, kind FROM messages
                WHERE shop = ? AND session_id IN (${ids}) ORDER BY session_id, at, seq`,
    );
    this.agentMessages = new InListStatements(
      sqlite,
      (ids) => `SELECT session_id, id, at, seq FROM messages
                WHERE shop = ? AND session_id IN (${ids}) AND sender = 'agent'`,
    );
  }

  /** [session_id, id, sender, at, seq, text, kind] in session, time, import order. */
  sessionMessages(shop: string, sessionIds: readonly string[]): Row[] {
    return this.messages.all(shop, sessionIds);
  }

  /** [session_id, id, at, seq] of the human agent messages of these sessions. */
  agentMessagesOf(shop: string, sessionIds: readonly string[]): Row[] {
    return this.agentMessages.all(shop, sessionIds);
  }
}
