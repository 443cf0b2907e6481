// Reads what the inspection engine needs, batch by batch, and keeps its results (findings, session scores).
// Sessions are paged by keyset (id > last id, never OFFSET); each batch's messages, orders, refunds and the
// buyers' agent messages are loaded in a few set-based queries, and a batch's results replace the old ones
// in one transaction.
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { InspectionMessage } from '../../domain/inspection/types.js';
import type { Order, Refund, Sender } from '../../domain/types.js';
import { orderFromRow, refundFromRow } from './row-mappers.js';
import type { AgentSession, AgentSessionDays } from './agent-session-days.js';
import type { Database, FindingsTable, OrdersTable, RefundsTable } from '../schema.js';
import type { InspectionReads } from '../inspection-reads.js';
import { PostgresInspectionReads } from '../postgres/postgres-inspection-reads.js';
import { postgresResultSaver } from '../postgres/postgres-result-saver.js';
import type { WriteGate } from '../sqlite/write-gate.js';
import { SqliteInspectionReads } from '../sqlite/sqlite-inspection-reads.js';
import { sqliteResultSaver } from '../sqlite/sqlite-result-saver.js';
import type { TimeRange } from './kpi.repository.js';

/** A session waiting for inspection, with the revision that will be recorded as inspected. */
export interface PendingSession {
  id: string;
  agent: string;
  buyer: string;
  day: string;
  revision: number;
  /** Inspected before (it has a score): its old results must be replaced, not just added. */
  inspected?: boolean;
}

export interface PendingQuery {
  shop: string;
  /**
   * Keyset: only sessions after this id; null for the first page. Session ids lead with their day, so id
   * order is day order and the primary key serves the paging without a sort.
   */
  after: string | null;
  limit: number;
  /** Fingerprint of the rulebook about to run: sessions inspected under another one are pending. */
  rulebook: string;
  /** Every session, inspected or not. */
  all: boolean;
}

/** A human agent message to a buyer (for order credit and payment reminders). */
export interface BuyerAgentMessage {
  id: string;
  buyer: string;
  agent: string;
  at: number;
  seq: number;
}

/** One evidence span as stored and as printed by `zhipei findings --json`. */
export interface EvidenceJson {
  message_id: string;
  start: number;
  end: number;
  text: string;
}

export interface FindingRecord {
  shop: string;
  id: string;
  sessionId: string;
  rule: string;
  severity: string;
  agent: string;
  buyer: string;
  day: string;
  messageIds: string[];
  evidence: EvidenceJson[];
  scoreDelta: number;
  detail: string | null;
  rulebook: string;
}

export interface SessionResult {
  session: PendingSession;
  findings: FindingRecord[];
  score: number;
  critical: number;
}

export interface FindingsQuery {
  shop?: string;
  /** Inclusive session-day range. */
  from?: string;
  to?: string;
  rule?: string;
  agent?: string;
}

/** Filters shared by the findings page and the findings summary (all on the session's day and agent). */
export interface FindingFilter {
  shop: string;
  from?: string;
  to?: string;
  agent?: string;
  /** Agents of this group (agents.grp). */
  group?: string;
}

export interface FindingPageQuery extends FindingFilter {
  rule?: string;
  severity?: string;
  limit: number;
  /** Keyset: the last row of the previous page (newest day first, then id descending). */
  after?: { day: string; id: string };
}

export interface FindingSummaryRows {
  byRule: Array<{ rule: string; severity: string; count: number }>;
  byAgent: Array<{ agent: string; severity: string; count: number }>;
  byDay: Array<{ day: string; rule: string; count: number }>;
  scoresByAgent: Array<{ agent: string; score: number; sessions: number }>;
  scoresByDay: Array<{ day: string; score: number; sessions: number }>;
  team: { score: number | null; sessions: number };
}

type ResultSaver = (
  shop: string,
  rulebook: string,
  results: SessionResult[],
  at: number,
) => void | Promise<void>;

export class InspectionRepository {
  /**
   * The bulk work of an inspection run on the raw connection: reads as rows of values, and saves through
   * prepared statements (SQLite) or COPY (PostgreSQL). Absent for repositories given only the query builder.
   */
  private readonly raw: { reads: InspectionReads; save: ResultSaver } | null;

  constructor(
    private readonly db: Kysely<Database>,
    engine: {
      sqlite?: SqliteDatabase.Database;
      sqliteReader?: SqliteDatabase.Database;
      writeGate?: WriteGate;
      pool?: pg.Pool;
    } = {},
  ) {
    if (engine.sqlite) {
      const save = sqliteResultSaver(engine.sqlite);
      const gate = engine.writeGate;
      this.raw = {
        // Reads see committed sessions only, not an import still in progress.
        reads: new SqliteInspectionReads(engine.sqliteReader ?? engine.sqlite),
        // Results are written in the store's write turn, never into an import's open transaction.
        save: gate ? (...args) => gate.hold(() => save(...args)) : save,
      };
    } else if (engine.pool)
      this.raw = { reads: new PostgresInspectionReads(engine.pool), save: postgresResultSaver(engine.pool) };
    else this.raw = null;
  }

  private get bulk(): { reads: InspectionReads; save: ResultSaver } {
    if (!this.raw) throw new Error('inspection runs need the store connection (sqlite or pool)');
    return this.raw;
  }

  /** The next page of sessions to inspect, in id (so day) order: a page covers a day or two. */
  async pendingSessions(q: PendingQuery): Promise<PendingSession[]> {
    const rows = await this.bulk.reads.pendingSessions(q.shop, q.after, q.limit, q.rulebook, q.all);
    return rows.map(([id, agent, buyer, day, revision, scored]) => ({
      id: id as string,
      agent: agent as string,
      buyer: buyer as string,
      day: day as string,
      revision: Number(revision),
      inspected: Number(scored) === 1,
    }));
  }

  /** Particular sessions, in the shape of the pending ones (for inspecting one session on request). */
  async sessionsByIds(shop: string, ids: string[]): Promise<PendingSession[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'agent', 'buyer', 'day', 'revision'])
      .where('shop', '=', shop)
      .where('id', 'in', ids)
      .orderBy('day')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      agent: r.agent,
      buyer: r.buyer,
      day: r.day,
      revision: Number(r.revision),
    }));
  }

  /** How many sessions the next run would inspect. */
  async countPending(shop: string, rulebook: string, all: boolean): Promise<number> {
    let query = this.db
      .selectFrom('sessions as s')
      .leftJoin('session_scores as sc', (j) =>
        j.onRef('sc.shop', '=', 's.shop').onRef('sc.session_id', '=', 's.id'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.shop', '=', shop);
    if (!all) {
      query = query.where((eb) =>
        eb.or([
          eb('sc.session_id', 'is', null),
          eb('sc.inspected_revision', '<', eb.ref('s.revision')),
          eb('sc.rulebook', '<>', rulebook),
        ]),
      );
    }
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The sessions' messages (with text), grouped by session, each in time order (equal times: import order).
   * Buyer and agent come from the session, not from every row: reading rows is the cost here.
   */
  async sessionMessages(shop: string, sessions: PendingSession[]): Promise<Map<string, InspectionMessage[]>> {
    const out = new Map<string, InspectionMessage[]>();
    if (sessions.length === 0) return out;
    const byId = new Map(sessions.map((s) => [s.id, s]));
    // [session_id, id, sender, at, seq, text, kind], each session's rows together (in time and import
    // order on SQLite; on PostgreSQL sorted here, see postgres-inspection-reads.ts).
    const rows = (await this.bulk.reads.sessionMessages(shop, [...byId.keys()])) as Array<
      [string, string, string, number, number, string, string]
    >;
    let list: InspectionMessage[] = [];
    let current = '';
    let session: PendingSession | undefined;
    for (const r of rows) {
      if (r[0] !== current) {
        current = r[0];
        session = byId.get(current)!;
        let known = out.get(current);
        if (!known) {
          known = [];
          out.set(current, known);
        }
        list = known;
      }
      list.push({
        shop,
        id: r[1],
        buyer: session!.buyer,
        agent: session!.agent,
        from: r[2] as Sender,
        at: Number(r[3]),
        text: r[5],
        kind: r[6],
        seq: Number(r[4]),
      });
    }
    for (const messages of out.values()) inTimeOrder(messages);
    return out;
  }

  /** The buyers' orders created within the range, by creation time (then id). */
  async buyerOrders(shop: string, buyers: string[], range: TimeRange): Promise<Order[]> {
    if (buyers.length === 0) return [];
    const rows = (await this.bulk.reads.buyerOrders(
      shop,
      buyers,
      range.startMs,
      range.endMs,
    )) as OrdersTable[];
    return rows.map(orderFromRow).sort((a, b) => a.createdAt - b.createdAt || cmp(a.orderId, b.orderId));
  }

  /** The buyers' refunds created within the range, by creation time (then id). */
  async buyerRefunds(shop: string, buyers: string[], range: TimeRange): Promise<Refund[]> {
    if (buyers.length === 0) return [];
    const rows = (await this.bulk.reads.buyerRefunds(
      shop,
      buyers,
      range.startMs,
      range.endMs,
    )) as RefundsTable[];
    return rows.map(refundFromRow).sort((a, b) => a.createdAt - b.createdAt || cmp(a.refundId, b.refundId));
  }

  /**
   * Human agent messages to the buyers in their OTHER sessions (not `exclude`) with a day in the range
   * (inclusive): with the batch's own messages, every agent message to those buyers around the batch's days.
   * Given the run's `held` days, the sessions are looked up there (reading the days it lacks); without
   * them, or for a batch whose days are too many to read, they are probed per buyer. Same rows either way.
   */
  async otherAgentMessages(
    shop: string,
    buyers: string[],
    days: { from: string; to: string },
    exclude: string[],
    held?: AgentSessionDays,
  ): Promise<BuyerAgentMessage[]> {
    if (buyers.length === 0) return [];
    const reads = this.bulk.reads;
    if (held && held.shop !== shop) throw new Error(`held sessions of ${held.shop}, asked for ${shop}`);
    const window = held
      ? await held.window(
          days.from,
          days.to,
          async (day) => (await reads.agentSessionsOfDay(shop, day)) as Array<[string, string, string]>,
        )
      : null;
    if (!window) {
      // [session_id, buyer, agent, message id, at, seq]; the excluded sessions (the batch's own) are loaded
      // with their text already.
      const rows = (await reads.buyerAgentMessages(shop, buyers, days, exclude)) as Array<
        [string, string, string, string, number, number]
      >;
      return rows.map(([, buyer, agent, id, at, seq]) => ({
        id,
        buyer,
        agent,
        at: Number(at),
        seq: Number(seq),
      }));
    }
    const excluded = new Set(exclude);
    const sessions = new Map<string, AgentSession>();
    for (const buyer of buyers)
      for (const day of window)
        for (const s of day.get(buyer) ?? []) if (!excluded.has(s[0])) sessions.set(s[0], s);
    if (sessions.size === 0) return [];
    // [session_id, message id, at, seq]
    const rows = (await reads.sessionAgentMessages(shop, [...sessions.keys()])) as Array<
      [string, string, number, number]
    >;
    return rows.map(([sessionId, id, at, seq]) => {
      const [, buyer, agent] = sessions.get(sessionId)!;
      return { id, buyer, agent, at: Number(at), seq: Number(seq) };
    });
  }

  /** Replaces the findings and scores of the batch's sessions, all in one transaction. */
  async saveResults(
    shop: string,
    rulebook: string,
    results: SessionResult[],
    inspectedAt: number,
  ): Promise<void> {
    if (results.length === 0) return;
    await this.bulk.save(shop, rulebook, results, inspectedAt);
  }

  /**
   * Stored findings matching the filters, ordered by shop, day, agent, buyer, rule (compared as plain
   * code units, so both engines give the same order whatever the database collation).
   */
  async findings(q: FindingsQuery = {}): Promise<FindingRecord[]> {
    let query = this.db.selectFrom('findings').selectAll();
    if (q.shop) query = query.where('shop', '=', q.shop);
    if (q.from) query = query.where('day', '>=', q.from);
    if (q.to) query = query.where('day', '<=', q.to);
    if (q.rule) query = query.where('rule', '=', q.rule);
    if (q.agent) query = query.where('agent', '=', q.agent);
    const rows = await query.execute();
    const out = rows.map(findingFromRow);
    return out.sort(compareFindings);
  }

  /** One page of findings, newest session day first (then id descending), for the findings explorer. */
  async findingsPage(q: FindingPageQuery): Promise<FindingRecord[]> {
    let query = filtered(this.db.selectFrom('findings').selectAll(), q);
    if (q.rule !== undefined) query = query.where('rule', '=', q.rule);
    if (q.severity !== undefined) query = query.where('severity', '=', q.severity);
    const after = q.after;
    if (after)
      query = query.where((eb) =>
        eb.or([eb('day', '<', after.day), eb.and([eb('day', '=', after.day), eb('id', '<', after.id)])]),
      );
    const rows = await query.orderBy('day', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map(findingFromRow);
  }

  /** Rebuilds the summary rollups (finding_agent_days, score_agent_days) of these days from the results. */
  async refreshSummaryDays(shop: string, days: string[]): Promise<void> {
    const sorted = [...new Set(days)].sort();
    for (let i = 0; i < sorted.length; i += 500) {
      const chunk = sorted.slice(i, i + 500);
      await this.db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('finding_agent_days')
          .where('shop', '=', shop)
          .where('day', 'in', chunk)
          .execute();
        await trx.deleteFrom('score_agent_days').where('shop', '=', shop).where('day', 'in', chunk).execute();
        await trx
          .insertInto('finding_agent_days')
          .columns(['shop', 'day', 'agent', 'rule', 'severity', 'findings'])
          .expression(
            trx
              .selectFrom('findings')
              .select(['shop', 'day', 'agent', 'rule', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
              .where('shop', '=', shop)
              .where('day', 'in', chunk)
              .groupBy(['shop', 'day', 'agent', 'rule', 'severity']),
          )
          .execute();
        await trx
          .insertInto('score_agent_days')
          .columns(['shop', 'day', 'agent', 'sessions', 'score_sum'])
          .expression(
            trx
              .selectFrom('session_scores')
              .select([
                'shop',
                'day',
                'agent',
                (eb) => eb.fn.countAll<number>().as('n'),
                (eb) => eb.fn.sum<number>('score').as('s'),
              ])
              .where('shop', '=', shop)
              .where('day', 'in', chunk)
              .groupBy(['shop', 'day', 'agent']),
          )
          .execute();
      });
    }
  }

  /**
   * Finding counts by rule, agent and day, and session scores by agent and day, for one filter: read from
   * the daily rollups, so the cost follows days × agents × rules, not the number of findings.
   */
  async findingSummary(q: FindingFilter): Promise<FindingSummaryRows> {
    // Three small grouped reads; the by-rule, by-agent and score totals are folded here from them.
    const [byAgentRule, byDay, scores] = await Promise.all([
      filtered(this.db.selectFrom('finding_agent_days'), q)
        .select(['agent', 'rule', 'severity', (eb) => eb.fn.sum<number>('findings').as('n')])
        .groupBy(['agent', 'rule', 'severity'])
        .execute(),
      filtered(this.db.selectFrom('finding_agent_days'), q)
        .select(['day', 'rule', (eb) => eb.fn.sum<number>('findings').as('n')])
        .groupBy(['day', 'rule'])
        .execute(),
      filtered(this.db.selectFrom('score_agent_days'), q)
        .select(['day', 'agent', 'sessions', 'score_sum'])
        .execute(),
    ]);
    const byRule = new Map<string, { rule: string; severity: string; count: number }>();
    const byAgent = new Map<string, { agent: string; severity: string; count: number }>();
    for (const r of byAgentRule) {
      const n = Number(r.n);
      const rk = `${r.rule}\u0000${r.severity}`;
      const ak = `${r.agent}\u0000${r.severity}`;
      const re = byRule.get(rk) ?? { rule: r.rule, severity: r.severity, count: 0 };
      re.count += n;
      byRule.set(rk, re);
      const ae = byAgent.get(ak) ?? { agent: r.agent, severity: r.severity, count: 0 };
      ae.count += n;
      byAgent.set(ak, ae);
    }
    const agentScores = new Map<string, { n: number; sum: number }>();
    const dayScores = new Map<string, { n: number; sum: number }>();
    let sessions = 0;
    let sum = 0;
    for (const r of scores) {
      const n = Number(r.sessions);
      const total = Number(r.score_sum);
      for (const [m, k] of [
        [agentScores, r.agent],
        [dayScores, r.day],
      ] as const) {
        const e = m.get(k) ?? { n: 0, sum: 0 };
        e.n += n;
        e.sum += total;
        m.set(k, e);
      }
      sessions += n;
      sum += total;
    }
    const mean = (e: { n: number; sum: number }) => (e.n ? e.sum / e.n : 0);
    return {
      byRule: [...byRule.values()],
      byAgent: [...byAgent.values()],
      byDay: byDay.map((r) => ({ day: r.day, rule: r.rule, count: Number(r.n) })),
      scoresByAgent: [...agentScores].map(([agent, e]) => ({ agent, score: mean(e), sessions: e.n })),
      scoresByDay: [...dayScores].map(([day, e]) => ({ day, score: mean(e), sessions: e.n })),
      team: { score: sessions ? sum / sessions : null, sessions },
    };
  }

  /** Count of inspected sessions and their mean score, per shop (for summaries). */
  async scoreSummary(shop: string): Promise<{ sessions: number; meanScore: number | null }> {
    const row = await this.db
      .selectFrom('session_scores')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('score').as('mean')])
      .where('shop', '=', shop)
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    return { sessions: n, meanScore: n ? Number(row.mean) : null };
  }
}

type Filterable = 'findings' | 'session_scores' | 'finding_agent_days' | 'score_agent_days';

/** Applies a FindingFilter to a query over findings, scores or their rollups (all carry shop, day, agent). */
function filtered<T extends Filterable, O>(
  query: SelectQueryBuilder<Database, T, O>,
  q: FindingFilter,
): SelectQueryBuilder<Database, T, O> {
  // Both tables have these columns; the casts keep Kysely's column typing out of the way of the union.
  let out = query as unknown as SelectQueryBuilder<Database, 'findings', O>;
  out = out.where('shop', '=', q.shop);
  if (q.from !== undefined) out = out.where('day', '>=', q.from);
  if (q.to !== undefined) out = out.where('day', '<=', q.to);
  if (q.agent !== undefined) out = out.where('agent', '=', q.agent);
  if (q.group !== undefined) {
    const { shop, group } = q;
    out = out.where('agent', 'in', (eb: ExpressionBuilder<Database, 'findings'>) =>
      eb.selectFrom('agents').select('nick').where('shop', '=', shop).where('grp', '=', group),
    );
  }
  return out as unknown as SelectQueryBuilder<Database, T, O>;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFindings(a: FindingRecord, b: FindingRecord): number {
  return (
    cmp(a.shop, b.shop) ||
    cmp(a.day, b.day) ||
    cmp(a.agent, b.agent) ||
    cmp(a.buyer, b.buyer) ||
    cmp(a.sessionId, b.sessionId) ||
    cmp(a.rule, b.rule)
  );
}

function findingFromRow(r: FindingsTable): FindingRecord {
  return {
    shop: r.shop,
    id: r.id,
    sessionId: r.session_id,
    rule: r.rule,
    severity: r.severity,
    agent: r.agent,
    buyer: r.buyer,
    day: r.day,
    messageIds: JSON.parse(r.message_ids),
    evidence: JSON.parse(r.evidence),
    scoreDelta: Number(r.score_delta),
    detail: r.detail,
    rulebook: r.rulebook,
  };
}

/** Sorts a session's messages by time, then import order, unless they already are (the usual case). */
function inTimeOrder(messages: InspectionMessage[]): void {
  for (let i = 1; i < messages.length; i++) {
    const a = messages[i - 1];
    const b = messages[i];
    if (a.at > b.at || (a.at === b.at && (a.seq ?? 0) > (b.seq ?? 0))) {
      messages.sort((x, y) => x.at - y.at || (x.seq ?? 0) - (y.seq ?? 0));
      return;
    }
  }
}
