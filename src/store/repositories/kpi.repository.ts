// Reads the raw data the KPI engine needs and keeps the daily rollup table.
import type { Kysely } from 'kysely';
import { type AgentDayParts, PART_KEYS, type KpiParts } from '../../domain/kpi/parts.js';
import type { ChatMessage, Order, Sender } from '../../domain/types.js';
import type { Database } from '../schema.js';
import { orderFromRow } from './row-mappers.js';

export interface DaySpan {
  from: string;
  to: string;
}

export interface TimeRange {
  startMs: number;
  endMs: number;
}

export interface RollupQuery {
  shop: string;
  from: string;
  to: string;
  /** Restrict to these agent nicks (an agent filter or a group's members). */
  agents?: string[];
  byDay?: boolean;
}

export interface RollupRow extends KpiParts {
  agent: string;
  day: string | null;
}

/** One inquiry session's outcome (see KpiInquiriesTable). */
export interface InquiryRow {
  sessionId: string;
  day: string;
  agent: string;
  ordered: boolean;
  paid: boolean;
}

const INSERT_CHUNK = 200;

export class KpiRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Messages of the shop on the given local days, in time order, equal times in import order. Read through
   * the sessions of those days (a message's day is its session's day), which both engines index; text is
   * not loaded: KPIs never read it.
   */
  async messagesOnDays(shop: string, ranges: DaySpan[]): Promise<ChatMessage[]> {
    const out: ChatMessage[] = [];
    for (const r of ranges) {
      const rows = await this.db
        .selectFrom('sessions as s')
        .innerJoin('messages as m', (j) =>
          j.onRef('m.shop', '=', 's.shop').onRef('m.session_id', '=', 's.id'),
        )
        .select(['m.id', 's.buyer', 's.agent', 'm.sender', 'm.at', 'm.kind'])
        .where('s.shop', '=', shop)
        .where('s.day', '>=', r.from)
        .where('s.day', '<=', r.to)
        .orderBy('m.at')
        .orderBy('m.seq')
        .execute();
      for (const m of rows) {
        out.push({
          shop,
          id: m.id,
          buyer: m.buyer,
          agent: m.agent,
          from: m.sender as Sender,
          at: m.at,
          text: '',
          kind: m.kind,
        });
      }
    }
    return out;
  }

  async ordersCreatedIn(shop: string, ranges: TimeRange[]): Promise<Order[]> {
    const out: Order[] = [];
    for (const r of ranges) {
      const rows = await this.db
        .selectFrom('orders')
        .selectAll()
        .where('shop', '=', shop)
        .where('created_at', '>=', r.startMs)
        .where('created_at', '<', r.endMs)
        .orderBy('created_at')
        .orderBy('order_id')
        .execute();
      for (const o of rows) out.push(orderFromRow(o));
    }
    return out;
  }

  /** The first and last session day of the shop, or null when it has no sessions. */
  async sessionDaySpan(shop: string): Promise<{ first: string; last: string } | null> {
    const s = await this.db
      .selectFrom('sessions')
      .select((eb) => [eb.fn.min<string>('day').as('first'), eb.fn.max<string>('day').as('last')])
      .where('shop', '=', shop)
      .executeTakeFirst();
    return s?.first ? { first: s.first, last: s.last } : null;
  }

  /** The first and last order creation instant of the shop, or null when it has no orders. */
  async orderTimeSpan(shop: string): Promise<{ first: number; last: number } | null> {
    const o = await this.db
      .selectFrom('orders')
      .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')])
      .where('shop', '=', shop)
      .executeTakeFirst();
    return o && o.first !== null ? { first: Number(o.first), last: Number(o.last) } : null;
  }

  /** Replaces the rollup rows and the inquiry outcomes of the given days in one transaction. */
  async replaceDays(
    shop: string,
    days: string[],
    rows: AgentDayParts[],
    inquiries: InquiryRow[] = [],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < days.length; i += 500) {
        await trx
          .deleteFrom('kpi_agent_days')
          .where('shop', '=', shop)
          .where('day', 'in', days.slice(i, i + 500))
          .execute();
        await trx
          .deleteFrom('kpi_inquiries')
          .where('shop', '=', shop)
          .where('day', 'in', days.slice(i, i + 500))
          .execute();
      }
      for (let i = 0; i < inquiries.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('kpi_inquiries')
          .values(
            inquiries.slice(i, i + INSERT_CHUNK).map((q) => ({
              shop,
              session_id: q.sessionId,
              day: q.day,
              agent: q.agent,
              ordered: q.ordered ? 1 : 0,
              paid: q.paid ? 1 : 0,
            })),
          )
          .execute();
      }
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => {
          const row: Record<string, string | number> = { shop: r.shop, day: r.day, agent: r.agent };
          for (const k of PART_KEYS) row[k] = r[k];
          return row as unknown as Database['kpi_agent_days'];
        });
        await trx.insertInto('kpi_agent_days').values(chunk).execute();
      }
    });
  }

  /** Summed parts per agent (and day, when byDay) over an inclusive day range. */
  async sumParts(q: RollupQuery): Promise<RollupRow[]> {
    if (q.agents && q.agents.length === 0) return [];
    let query = this.db
      .selectFrom('kpi_agent_days')
      .where('shop', '=', q.shop)
      .where('day', '>=', q.from)
      .where('day', '<=', q.to)
      .select('agent')
      .select((eb) => PART_KEYS.map((k) => eb.fn.sum<number>(k).as(k)))
      .groupBy('agent')
      .orderBy('agent');
    if (q.agents) query = query.where('agent', 'in', q.agents);
    if (q.byDay) query = query.select('day').groupBy('day').orderBy('day');
    const rows = (await query.execute()) as unknown as Array<Record<string, unknown>>;
    return rows.map((r) => {
      const out = { agent: String(r.agent), day: q.byDay ? String(r.day) : null } as RollupRow;
      for (const k of PART_KEYS) out[k] = Number(r[k] ?? 0);
      return out;
    });
  }

  async agentsOfGroup(shop: string, group: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('agents')
      .select('nick')
      .where('shop', '=', shop)
      .where('grp', '=', group)
      .orderBy('nick')
      .execute();
    return rows.map((r) => r.nick);
  }
}
