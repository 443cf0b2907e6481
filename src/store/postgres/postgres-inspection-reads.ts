// The inspection's bulk reads on PostgreSQL: named (prepared once per connection) statements that take
// their lists as one array parameter (`= ANY($n)`, not thousands of placeholders to parse and plan per
// batch) and return rows as arrays. Same rows, same order as the SQLite reads.
import type pg from 'pg';
import type { InspectionReads, Row } from '../inspection-reads.js';
import { copyOutRows, literal } from './copy-out.js';

// Each listed session's score is looked up by its key, fenced (OFFSET 0) so that the planner cannot make
// it a join over the whole table; and the statement is planned at every page, not prepared once. Both
// because session_scores grows under the inspection while its statistics still say what the import left:
// - prepared, as a plain join, the plan merge-joined a sort of every score written so far into each page
//   (the 300k demo's 69 pages: 0.95 s of the server, growing with the shop);
// - prepared, fenced, the plan made while the table was empty scanned it whole for every session of every
//   later page (24 s). Planned per page (~1 ms), it sees the table's size at that moment.
const PENDING = `SELECT s.id, s.agent, s.buyer, s.day, s.revision,
                        CASE WHEN sc.session_id IS NULL THEN 0 ELSE 1 END
                 FROM sessions s
                 LEFT JOIN LATERAL (SELECT sc.session_id, sc.inspected_revision, sc.rulebook FROM session_scores sc
                                    WHERE sc.shop = s.shop AND sc.session_id = s.id OFFSET 0) sc ON true
                 WHERE s.shop = $1 AND s.id > $2`;

export class PostgresInspectionReads implements InspectionReads {
  constructor(private readonly pool: pg.Pool) {}

  private async rows(name: string, text: string, values: unknown[]): Promise<Row[]> {
    const r = await this.pool.query({ name, text, values, rowMode: 'array' });
    return r.rows as Row[];
  }

  pendingSessions(shop: string, after: string | null, limit: number, rulebook: string, all: boolean) {
    // The first page asks for ids after '' (no session id is empty): a plain range on the primary key.
    const from = after ?? '';
    if (all) return this.unpreparedRows(`${PENDING} ORDER BY s.id LIMIT $3`, [shop, from, limit]);
    return this.unpreparedRows(
      `${PENDING} AND (sc.session_id IS NULL OR sc.inspected_revision < s.revision OR sc.rulebook <> $4)
       ORDER BY s.id LIMIT $3`,
      [shop, from, limit, rulebook],
    );
  }

  /** Rows of a statement the server plans at each execution (see PENDING). */
  private async unpreparedRows(text: string, values: unknown[]): Promise<Row[]> {
    const r = await this.pool.query({ text, values, rowMode: 'array' });
    return r.rows as Row[];
  }

  sessionMessages(shop: string, sessionIds: readonly string[]) {
    // A lookup per listed session, not `session_id = ANY(list)`: through the hash index (migration 009) the
    // latter rechecks every row against the whole list. Fenced (OFFSET 0) like the reads below, so that no
    // sample of statistics can turn it into a scan of every message (measured as fast as the plain join on
    // the 300k demo shop: 0.94–1.12 s against 0.95–1.08 s for its 69 batches). Not sorted here: the
    // repository puts each session's few messages in time order, which cost the server ~20% of this read
    // as an incremental sort (0.70–0.78 s against 0.84–0.97 s of its CPU for the 300k demo's batches).
    // Read as COPY text (copy-out.ts), the values inlined: COPY takes no parameters.
    const ids = sessionIds.map(literal).join(',');
    return copyOutRows(
      this.pool,
      `SELECT m.session_id, m.id, m.sender, m.at, m.seq, m.text, m.kind
       FROM unnest(ARRAY[${ids}]::text[]) AS p(id)
       CROSS JOIN LATERAL (SELECT m.session_id, m.id, m.sender, m.at, m.seq, m.text, m.kind FROM messages m
                           WHERE m.session_id = p.id AND m.shop = ${literal(shop)} OFFSET 0) m`,
      7,
    );
  }

  buyerAgentMessages(
    shop: string,
    buyers: readonly string[],
    days: { from: string; to: string },
    excluded: readonly string[],
  ) {
    // Per buyer, then per session, through the indexes (the OFFSET 0 fences keep the planner from
    // flattening the lookups into a join): as a plain join, batches whose buyers had a few hundred sessions
    // in the window were planned as a parallel scan of every message hashed against the sessions, 90–200 ms
    // a batch instead of ~7, and a scan that grows with the table. On the 300k demo shop the 69 batches'
    // reads took 1.35–1.6 s of the server's time as a join and 0.45–0.48 s this way. Sessions without an agent
    // message (bot-only or unanswered: 13% of the 2M demo's) are not looked into at all.
    return this.rows(
      'insp_buyer_agent_messages',
      `SELECT s.id, s.buyer, s.agent, m.id, m.at, m.seq
       FROM unnest($2::text[]) AS b(buyer)
       CROSS JOIN LATERAL (SELECT s.id, s.buyer, s.agent FROM sessions s
                           WHERE s.shop = $1 AND s.buyer = b.buyer AND s.day >= $3 AND s.day <= $4
                             AND s.agent_messages > 0
                           OFFSET 0) s
       CROSS JOIN LATERAL (SELECT m.id, m.at, m.seq FROM messages m
                           WHERE m.session_id = s.id AND m.shop = $1 AND m.sender = 'agent' OFFSET 0) m
       WHERE NOT (s.id = ANY($5::text[]))`,
      [shop, buyers, days.from, days.to, excluded],
    );
  }

  agentSessionsOfDay(shop: string, day: string) {
    return this.rows(
      'insp_agent_sessions_of_day',
      'SELECT id, buyer, agent FROM sessions WHERE shop = $1 AND day = $2 AND agent_messages > 0',
      [shop, day],
    );
  }

  sessionAgentMessages(shop: string, sessionIds: readonly string[]) {
    // A lookup per listed session through the hash index, fenced as in sessionMessages.
    return this.rows(
      'insp_session_agent_messages',
      `SELECT m.session_id, m.id, m.at, m.seq
       FROM unnest($2::text[]) AS p(id)
       CROSS JOIN LATERAL (SELECT m.session_id, m.id, m.at, m.seq FROM messages m
                           WHERE m.session_id = p.id AND m.shop = $1 AND m.sender = 'agent' OFFSET 0) m`,
      [shop, sessionIds],
    );
  }

  buyerOrders(shop: string, buyers: readonly string[], start: number, end: number) {
    return this.byBuyers('insp_orders', 'orders', shop, buyers, start, end);
  }

  buyerRefunds(shop: string, buyers: readonly string[], start: number, end: number) {
    return this.byBuyers('insp_refunds', 'refunds', shop, buyers, start, end);
  }

  /** The buyers' rows of a table created in [start, end), keyed by column (the row mappers' input). */
  private async byBuyers(
    name: string,
    table: 'orders' | 'refunds',
    shop: string,
    buyers: readonly string[],
    start: number,
    end: number,
  ): Promise<unknown[]> {
    // Per buyer through the (shop, buyer, created_at) index, fenced as above: as `buyer = ANY(…)` the
    // planner read the batch's whole time window through the (shop, created_at) index and filtered it by
    // buyer, which grows with the shop's daily orders (300k demo: 0.44–0.49 s → 0.28–0.38 s of the server).
    const text = `SELECT t.* FROM unnest($2::text[]) AS b(buyer)
                  CROSS JOIN LATERAL (SELECT * FROM ${table} t WHERE t.shop = $1 AND t.buyer = b.buyer
                                      AND t.created_at >= $3 AND t.created_at < $4 OFFSET 0) t`;
    const r = await this.pool.query({ name, text, values: [shop, buyers, start, end] });
    return r.rows;
  }
}
