// An independent, straightforward implementation of the issue-3 definitions the demo shop is tuned to
// (sessions, credit, inquiry conversion, response runs), used by the demo tests to check the generator.
import { localDay, localDayNumber, startOfLocalDay } from '../../src/domain/time.js';
import type { ChatMessage, Order } from '../../src/domain/types.js';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

export interface Session {
  agent: string;
  buyer: string;
  day: string;
  dayNumber: number;
  messages: ChatMessage[];
}

export function sessionsOf(messages: readonly ChatMessage[]): Session[] {
  const map = new Map<string, Session>();
  for (const m of messages) {
    const dayNumber = localDayNumber(m.at, TZ);
    const key = `${m.agent}|${m.buyer}|${dayNumber}`;
    let s = map.get(key);
    if (!s) {
      s = { agent: m.agent, buyer: m.buyer, day: localDay(m.at, TZ), dayNumber, messages: [] };
      map.set(key, s);
    }
    s.messages.push(m);
  }
  for (const s of map.values()) s.messages.sort((a, b) => a.at - b.at);
  return [...map.values()];
}

/** Response runs of a session: response times in ms of closed runs, and whether one is left open. */
export function responseRuns(session: Session): { closed: number[]; open: boolean } {
  const closed: number[] = [];
  let start = -1;
  for (const m of session.messages) {
    if (m.from === 'buyer') {
      if (start < 0) start = m.at;
    } else if (m.from === 'agent' && start >= 0) {
      closed.push(m.at - start);
      start = -1;
    }
  }
  return { closed, open: start >= 0 };
}

export interface ConversionResult {
  inquiries: number;
  ordered: number;
  paid: number;
  rate: number;
  byDay: Map<string, { inquiries: number; paid: number }>;
}

export function inquiryConversion(
  messages: readonly ChatMessage[],
  orders: readonly Order[],
): ConversionResult {
  const sessions = sessionsOf(messages);
  // Agent messages per buyer, in time order.
  const agentMsgs = new Map<string, ChatMessage[]>();
  for (const m of messages) {
    if (m.from !== 'agent') continue;
    const list = agentMsgs.get(m.buyer) ?? [];
    if (list.length === 0) agentMsgs.set(m.buyer, list);
    list.push(m);
  }
  for (const list of agentMsgs.values()) list.sort((a, b) => a.at - b.at);
  // Credit each order.
  const credited = new Map<string, Order[]>(); // agent|buyer -> orders
  const ordersByBuyer = new Map<string, Order[]>();
  for (const o of orders) {
    const ob = ordersByBuyer.get(o.buyer) ?? [];
    if (ob.length === 0) ordersByBuyer.set(o.buyer, ob);
    ob.push(o);
    const list = agentMsgs.get(o.buyer);
    if (!list) continue;
    let last: ChatMessage | null = null;
    for (const m of list) {
      if (m.at <= o.createdAt) last = m;
      else break;
    }
    if (!last) continue;
    const created = localDayNumber(o.createdAt, TZ);
    const msgDay = localDayNumber(last.at, TZ);
    if (msgDay !== created && msgDay !== created - 1) continue;
    const key = `${last.agent}|${o.buyer}`;
    const c = credited.get(key) ?? [];
    if (c.length === 0) credited.set(key, c);
    c.push(o);
  }
  let inquiries = 0;
  let ordered = 0;
  let paid = 0;
  const byDay = new Map<string, { inquiries: number; paid: number }>();
  for (const s of sessions) {
    const firstBuyer = s.messages.find((m) => m.from === 'buyer');
    const hasAgent = s.messages.some((m) => m.from === 'agent');
    if (!firstBuyer || !hasAgent) continue;
    const dayStart = startOfLocalDay(s.dayNumber, TZ);
    const before = (ordersByBuyer.get(s.buyer) ?? []).some(
      (o) => o.createdAt >= dayStart && o.createdAt < firstBuyer.at,
    );
    if (before) continue;
    inquiries++;
    const day = byDay.get(s.day) ?? { inquiries: 0, paid: 0 };
    byDay.set(s.day, day);
    day.inquiries++;
    const candidates = (credited.get(`${s.agent}|${s.buyer}`) ?? []).filter(
      (o) => o.createdAt >= firstBuyer.at && localDayNumber(o.createdAt, TZ) - s.dayNumber <= 1,
    );
    if (candidates.length === 0) continue;
    ordered++;
    const paidBy = startOfLocalDay(s.dayNumber + 4, TZ);
    if (candidates.some((o) => o.paidAt !== null && o.paidAt < paidBy)) {
      paid++;
      day.paid++;
    }
  }
  return { inquiries, ordered, paid, rate: inquiries ? paid / inquiries : 0, byDay };
}

export { DAY };
