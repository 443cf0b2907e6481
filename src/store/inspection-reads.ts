// The inspection's bulk reads, as rows of plain values: a full inspection reads every message once, and
// building a keyed object per row through the query builder cost more than the database's own work.
// One implementation per engine (sqlite/, postgres/); both return the same rows in the same order.

/** A row of column values, in the order each method documents. */
export type Row = unknown[];

export interface InspectionReads {
  /**
   * [id, agent, buyer, day, revision, inspected (0/1)] of the next page of sessions after `after` (all of
   * them, or only those new, grown or inspected under another rulebook), in id order.
   */
  pendingSessions(
    shop: string,
    after: string | null,
    limit: number,
    rulebook: string,
    all: boolean,
  ): Row[] | Promise<Row[]>;
  /** [session_id, id, sender, at, seq, text, kind], each session's rows together (time order not promised). */
  sessionMessages(shop: string, sessionIds: readonly string[]): Row[] | Promise<Row[]>;
  /**
   * [session_id, buyer, agent, message id, at, seq] of the agent messages in the buyers' sessions of the
   * days, leaving out the excluded sessions.
   */
  buyerAgentMessages(
    shop: string,
    buyers: readonly string[],
    days: { from: string; to: string },
    excluded: readonly string[],
  ): Row[] | Promise<Row[]>;
  /** [id, buyer, agent] of the sessions with an agent message on the day (any order). */
  agentSessionsOfDay(shop: string, day: string): Row[] | Promise<Row[]>;
  /** [session_id, message id, at, seq] of the agent messages of these sessions (any order). */
  sessionAgentMessages(shop: string, sessionIds: readonly string[]): Row[] | Promise<Row[]>;
  /** The buyers' orders created in [start, end), as stored rows keyed by column (unordered). */
  buyerOrders(
    shop: string,
    buyers: readonly string[],
    start: number,
    end: number,
  ): unknown[] | Promise<unknown[]>;
  /** The buyers' refunds created in [start, end), as stored rows keyed by column (unordered). */
  buyerRefunds(
    shop: string,
    buyers: readonly string[],
    start: number,
    end: number,
  ): unknown[] | Promise<unknown[]>;
}
