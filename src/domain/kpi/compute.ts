// computeAgentDays(): the daily, summable KPI parts per (shop, agent, day). Pure.
import { dayNumberToString, dayStringToNumber } from '../time.js';
import { analyzeBuyers, type KpiInput } from './engine.js';
import { type AgentDayParts, emptyParts } from './parts.js';

export type { KpiInput } from './engine.js';

/** Parses the requested days to day numbers; throws on a malformed day. */
export function dayNumbersOf(days: readonly string[]): Set<number> {
  const set = new Set<number>();
  for (const day of days) {
    const n = dayStringToNumber(day);
    if (Number.isNaN(n)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
    set.add(n);
  }
  return set;
}

/**
 * The KPI parts of every (shop, agent, day) with any activity on the requested days, sorted by shop, agent,
 * day. Exact when the input holds at least the data requiredWindow(days, settings) declares.
 */
export function computeAgentDays(input: KpiInput): AgentDayParts[] {
  const wanted = dayNumbersOf(input.days);
  const parts: AgentDayParts[] = [];
  // shop → agent → day number → parts; nested maps avoid building a string key per session.
  const index = new Map<string, Map<string, Map<number, AgentDayParts>>>();
  const part = (shop: string, agent: string, day: number): AgentDayParts => {
    let byAgent = index.get(shop);
    if (!byAgent) {
      byAgent = new Map();
      index.set(shop, byAgent);
    }
    let byDay = byAgent.get(agent);
    if (!byDay) {
      byDay = new Map();
      byAgent.set(agent, byDay);
    }
    let p = byDay.get(day);
    if (!p) {
      p = { shop, agent, day: dayNumberToString(day), ...emptyParts() };
      byDay.set(day, p);
      parts.push(p);
    }
    return p;
  };

  analyzeBuyers(input, ({ sessions, orders, shop }) => {
    for (const s of sessions) {
      if (!wanted.has(s.dayNumber)) continue;
      const p = part(s.shop, s.agent, s.dayNumber);
      p.buyer_messages += s.buyerMessages;
      p.agent_messages += s.agentMessages;
      if (s.buyerMessages > 0) {
        p.consulted_buyers++;
        if (s.agentMessages > 0) p.received_buyers++;
      }
      p.response_sum_ms += s.responseSumMs;
      p.response_count += s.responseCount;
      p.slow_responses += s.slowResponses;
      p.unanswered_questions += s.unanswered;
      if (s.firstResponseMs !== null) {
        p.first_response_sum_ms += s.firstResponseMs;
        p.first_response_count++;
      }
      const q = s.inquiry;
      if (q !== null && q.orderBefore === null) {
        p.inquiry_buyers++;
        if (q.ordered !== null) p.inquiry_ordered_buyers++;
        if (q.paid !== null) p.inquiry_paid_buyers++;
      }
    }
    let paying: Set<string> | null = null;
    for (const o of orders) {
      if (!wanted.has(o.creationDay)) continue;
      if (o.credit !== null && o.order.paidAt !== null) {
        const p = part(shop, o.credit.agent, o.creationDay);
        p.sales_fen += o.order.amountFen;
        const key = `${o.credit.agent}\u0000${o.creationDay}`;
        paying ??= new Set();
        if (!paying.has(key)) {
          paying.add(key);
          p.paying_buyers++;
        }
      }
      if (o.reminder !== null) {
        const p = part(shop, o.reminder.agent, o.creationDay);
        p.reminded_orders++;
        if (o.order.paidAt !== null) p.reminder_paid_orders++;
      }
    }
  });

  return parts.sort(compareParts);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareParts(a: AgentDayParts, b: AgentDayParts): number {
  return cmp(a.shop, b.shop) || cmp(a.agent, b.agent) || cmp(a.day, b.day);
}
