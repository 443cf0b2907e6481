// Reads sessions for people: a filtered, keyset-paged list, and one session with its messages, the
// buyer's orders and refunds around it, and its inspection findings and score.
import { type Kysely, sql } from 'kysely';
import type { Database, SessionsTable } from '../schema.js';
import { orderFromRow, refundFromRow } from './row-mappers.js';

export interface SessionListQuery {
  shop: string;
  from?: string;
  to?: string;
  agent?: string;
  group?: string;
  /** true: the buyer ordered within the window after the session; false: did not. */
  hasOrder?: boolean;
  /** Orders created from the session's first message up to this long after its last count as "has order". */
  orderWindowMs: number;
  /** Sessions with a finding of this rule (and/or this severity). */
  rule?: string;
  severity?: string;
  /** Inclusive score range (inspected sessions only). */
  scoreMin?: number;
  scoreMax?: number;
  /** Inquiry sessions whose agent got no paid order in the conversion window (kpi_inquiries.paid = 0). */
  inquiryNotConverted?: boolean;
  limit: number;
  /** Keyset cursor: the last row of the previous page (list is newest first). */
  after?: { day: string; firstAt: number; id: string };
}

export interface SessionSummary {
  shop: string;
  id: string;
  agent: string;
  buyer: string;
  day: string;
  firstAt: number;
  lastAt: number;
  messageCount: number;
  buyerMessages: number;
  agentMessages: number;
  botMessages: number;
  score: number | null;
}

export interface SessionMessageRow {
  id: string;
  agent: string;
  sender: string;
  at: number;
  text: string;
  kind: string;
}

export interface SessionOrderRow {
  orderId: string;
  createdAt: number;
  paidAt: number | null;
  amountFen: number;
  status: string;
  items: string | null;
}

export interface SessionRefundRow {
  refundId: string;
  orderId: string;
  agent: string | null;
  createdAt: number;
  amountFen: number;
  reason: string;
  status: string;
}

export interface SessionFindingRow {
  id: string;
  rule: string;
  severity: string;
  messageIds: string[];
  evidence: unknown[];
  scoreDelta: number;
  detail: string | null;
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Marks every session of the shop as changed (a setting that changes verdicts everywhere). */
  async markAllChanged(shop: string): Promise<number> {
    const r = await this.db
      .updateTable('sessions')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('shop', '=', shop)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Marks the sessions of these days as changed, so incremental inspection looks at them again. */
  async markChanged(shop: string, days: string[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < days.length; i += 500) {
      const r = await this.db
        .updateTable('sessions')
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('shop', '=', shop)
        .where('day', 'in', days.slice(i, i + 500))
        .executeTakeFirst();
      n += Number(r.numUpdatedRows);
    }
    return n;
  }

  async list(q: SessionListQuery): Promise<SessionSummary[]> {
    let query = this.db
      .selectFrom('sessions as s')
      .leftJoin('session_scores as sc', (j) =>
        j.onRef('sc.shop', '=', 's.shop').onRef('sc.session_id', '=', 's.id'),
      )
      .select([
        's.shop',
        's.id',
        's.agent',
        's.buyer',
        's.day',
        's.first_at',
        's.last_at',
        's.message_count',
        's.buyer_messages',
        's.agent_messages',
        's.bot_messages',
        'sc.score',
      ])
      .where('s.shop', '=', q.shop);
    if (q.from) query = query.where('s.day', '>=', q.from);
    if (q.to) query = query.where('s.day', '<=', q.to);
    if (q.agent !== undefined) query = query.where('s.agent', '=', q.agent);
    if (q.group !== undefined) {
      const group = q.group;
      query = query.where('s.agent', 'in', (eb) =>
        eb.selectFrom('agents').select('nick').where('shop', '=', q.shop).where('grp', '=', group),
      );
    }
    if (q.hasOrder !== undefined) {
      const hasOrder = q.hasOrder;
      query = query.where((eb) => {
        const ordered = eb.exists(
          eb
            .selectFrom('orders as o')
            .select(sql`1`.as('one'))
            .whereRef('o.shop', '=', 's.shop')
            .whereRef('o.buyer', '=', 's.buyer')
            .whereRef('o.created_at', '>=', 's.first_at')
            .where('o.created_at', '<=', sql<number>`s.last_at + ${q.orderWindowMs}`),
        );
        return hasOrder ? ordered : eb.not(ordered);
      });
    }
    if (q.rule !== undefined || q.severity !== undefined) {
      const { rule, severity } = q;
      query = query.where((eb) => {
        let f = eb
          .selectFrom('findings as f')
          .select(sql`1`.as('one'))
          .whereRef('f.shop', '=', 's.shop')
          .whereRef('f.session_id', '=', 's.id');
        if (rule !== undefined) f = f.where('f.rule', '=', rule);
        if (severity !== undefined) f = f.where('f.severity', '=', severity);
        return eb.exists(f);
      });
    }
    if (q.scoreMin !== undefined) query = query.where('sc.score', '>=', q.scoreMin);
    if (q.scoreMax !== undefined) query = query.where('sc.score', '<=', q.scoreMax);
    if (q.inquiryNotConverted) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('kpi_inquiries as ki')
            .select(sql`1`.as('one'))
            .whereRef('ki.shop', '=', 's.shop')
            .whereRef('ki.session_id', '=', 's.id')
            .where('ki.paid', '=', 0),
        ),
      );
    }
    if (q.after) {
      const a = q.after;
      query = query.where((eb) =>
        eb.or([
          eb('s.day', '<', a.day),
          eb.and([eb('s.day', '=', a.day), eb('s.first_at', '<', a.firstAt)]),
          eb.and([eb('s.day', '=', a.day), eb('s.first_at', '=', a.firstAt), eb('s.id', '<', a.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('s.day', 'desc')
      .orderBy('s.first_at', 'desc')
      .orderBy('s.id', 'desc')
      .limit(q.limit)
      .execute();
    return rows.map(summaryFromRow);
  }

  /**
   * Sessions with this id in the given shops (ids are hashes that include the shop). Naming the shops keeps
   * this a primary-key lookup: the key is (shop, id).
   */
  async byId(id: string, shops: string[]): Promise<SessionSummary[]> {
    if (shops.length === 0) return [];
    const rows = await this.db
      .selectFrom('sessions as s')
      .leftJoin('session_scores as sc', (j) =>
        j.onRef('sc.shop', '=', 's.shop').onRef('sc.session_id', '=', 's.id'),
      )
      .selectAll('s')
      .select('sc.score')
      .where('s.shop', 'in', shops)
      .where('s.id', '=', id)
      .orderBy('s.shop')
      .execute();
    return rows.map(summaryFromRow);
  }

  async messages(shop: string, sessionId: string): Promise<SessionMessageRow[]> {
    const rows = await this.db
      .selectFrom('messages as m')
      .innerJoin('sessions as s', (j) => j.onRef('s.shop', '=', 'm.shop').onRef('s.id', '=', 'm.session_id'))
      .select(['m.id', 's.agent', 'm.sender', 'm.at', 'm.text', 'm.kind'])
      .where('m.shop', '=', shop)
      .where('m.session_id', '=', sessionId)
      .orderBy('m.at')
      .orderBy('m.seq')
      .execute();
    return rows.map((m) => ({
      id: m.id,
      agent: m.agent,
      sender: m.sender,
      at: Number(m.at),
      text: m.text,
      kind: m.kind,
    }));
  }

  async ordersOfBuyer(shop: string, buyer: string, fromMs: number, toMs: number): Promise<SessionOrderRow[]> {
    const rows = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('shop', '=', shop)
      .where('buyer', '=', buyer)
      .where('created_at', '>=', fromMs)
      .where('created_at', '<=', toMs)
      .orderBy('created_at')
      .execute();
    return rows.map((o) => {
      const { shop: _shop, buyer: _buyer, ...order } = orderFromRow(o);
      return order;
    });
  }

  async refundsOfBuyer(
    shop: string,
    buyer: string,
    fromMs: number,
    toMs: number,
  ): Promise<SessionRefundRow[]> {
    const rows = await this.db
      .selectFrom('refunds')
      .selectAll()
      .where('shop', '=', shop)
      .where('buyer', '=', buyer)
      .where('created_at', '>=', fromMs)
      .where('created_at', '<=', toMs)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => {
      const { shop: _shop, buyer: _buyer, ...refund } = refundFromRow(r);
      return refund;
    });
  }

  async findings(shop: string, sessionId: string): Promise<SessionFindingRow[]> {
    const rows = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('shop', '=', shop)
      .where('session_id', '=', sessionId)
      .orderBy('rule')
      .execute();
    return rows.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      messageIds: JSON.parse(f.message_ids) as string[],
      evidence: JSON.parse(f.evidence) as unknown[],
      scoreDelta: Number(f.score_delta),
      detail: f.detail,
    }));
  }
}

function summaryFromRow(r: Omit<SessionsTable, 'revision'> & { score: number | null }): SessionSummary {
  return {
    shop: r.shop,
    id: r.id,
    agent: r.agent,
    buyer: r.buyer,
    day: r.day,
    firstAt: Number(r.first_at),
    lastAt: Number(r.last_at),
    messageCount: r.message_count,
    buyerMessages: r.buyer_messages,
    agentMessages: r.agent_messages,
    botMessages: r.bot_messages,
    score: r.score === null || r.score === undefined ? null : Number(r.score),
  };
}
