// Builds the engine's input for a batch of sessions from what the repository loaded: each session's
// messages, the buyer's orders and refunds around the session day, the buyer's agent messages, and the
// orders credited (KPI credit rule) to a message of the session. Pure: plain data in, plain data out.
import type { InspectionMessage, InspectionSession } from '../domain/inspection/types.js';
import { creditAmong } from '../domain/kpi/credit.js';
import type { KpiSettings } from '../domain/kpi/settings.js';
import { dayNumberToString, dayStringToNumber, localDayNumber, startOfLocalDay } from '../domain/time.js';
import type { Order, Refund } from '../domain/types.js';
import type { TimeRange } from '../store/repositories/kpi.repository.js';

export interface BatchSession {
  id: string;
  agent: string;
  buyer: string;
  day: string;
}

export interface BatchAgentMessage {
  id: string;
  buyer: string;
  agent: string;
  at: number;
  /** Import order: breaks ties between equal times. */
  seq: number;
}

export interface InspectionBatchData {
  shop: string;
  sessions: BatchSession[];
  /** Session id → its messages in time order. */
  messages: Map<string, InspectionMessage[]>;
  /** The buyers' orders and refunds within `batchWindows`, in time order. */
  orders: Order[];
  refunds: Refund[];
  /** The buyers' human agent messages in their other sessions within `batchWindows` (any order). */
  otherAgentMessages: BatchAgentMessage[];
}

type CreditSettings = Pick<KpiSettings, 'timeZone' | 'creditWindowDays'>;

/**
 * What to load for sessions on days first..last: orders and refunds created day−1 … day+1 (and, for
 * credit, up to day+creditWindowDays); agent messages on days day−1 … day+2 (and through the day after
 * the latest creditable order, for the 24 h reminder window).
 */
export function batchWindows(
  first: string,
  last: string,
  settings: CreditSettings,
): { orders: TimeRange; agentDays: { from: string; to: string } } {
  const lo = dayStringToNumber(first) - 1;
  const hi = dayStringToNumber(last);
  const w = settings.creditWindowDays;
  const start = (d: number) => startOfLocalDay(d, settings.timeZone);
  return {
    orders: { startMs: start(lo), endMs: start(hi + Math.max(2, w + 1)) },
    agentDays: { from: dayNumberToString(lo), to: dayNumberToString(hi + Math.max(2, w + 1)) },
  };
}

function groupByBuyer<T extends { buyer: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const list = out.get(x.buyer);
    if (list) list.push(x);
    else out.set(x.buyer, [x]);
  }
  return out;
}

export function buildInspectionSessions(
  batch: InspectionBatchData,
  settings: CreditSettings,
): InspectionSession[] {
  const { shop } = batch;
  const ordersByBuyer = groupByBuyer(batch.orders);
  const refundsByBuyer = groupByBuyer(batch.refunds);
  // Every agent message to the batch's buyers: the batch's own plus those of the buyers' other sessions.
  const sessionOfMessage = new Map<string, string>();
  const agentMessages = [...batch.otherAgentMessages];
  for (const s of batch.sessions) {
    for (const m of batch.messages.get(s.id) ?? []) {
      if (m.from !== 'agent') continue;
      sessionOfMessage.set(m.id, s.id);
      agentMessages.push({ id: m.id, buyer: m.buyer, agent: m.agent, at: m.at, seq: m.seq ?? 0 });
    }
  }
  agentMessages.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const agentByBuyer = groupByBuyer(agentMessages);

  // Credit every loaded order among those messages (the KPI credit rule, on the buyer's messages already
  // in time order); keep the orders credited to a batch session.
  const creditedBySession = new Map<string, Array<{ order: Order; messageId: string }>>();
  for (const order of batch.orders) {
    const messages = agentByBuyer.get(order.buyer);
    if (!messages) continue;
    const creationDay = localDayNumber(order.createdAt, settings.timeZone);
    const credit = creditAmong(messages, order.createdAt, creationDay, settings);
    if (!credit) continue;
    const sessionId = sessionOfMessage.get(credit.id);
    if (!sessionId) continue;
    const list = creditedBySession.get(sessionId);
    const entry = { order, messageId: credit.id };
    if (list) list.push(entry);
    else creditedBySession.set(sessionId, [entry]);
  }

  return batch.sessions.map((s) => {
    const day = dayStringToNumber(s.day);
    const from = startOfLocalDay(day - 1, settings.timeZone);
    const ordersTo = startOfLocalDay(day + 2, settings.timeZone);
    const messagesTo = startOfLocalDay(day + 3, settings.timeZone);
    return {
      id: s.id,
      shop,
      agent: s.agent,
      buyer: s.buyer,
      day: s.day,
      messages: batch.messages.get(s.id) ?? [],
      orders: (ordersByBuyer.get(s.buyer) ?? []).filter((o) => o.createdAt >= from && o.createdAt < ordersTo),
      refunds: (refundsByBuyer.get(s.buyer) ?? []).filter(
        (r) => r.createdAt >= from && r.createdAt < ordersTo,
      ),
      creditedOrders: creditedBySession.get(s.id) ?? [],
      // The batch's own objects (they carry buyer and seq besides): no copy per session.
      buyerAgentMessages: (agentByBuyer.get(s.buyer) ?? []).filter((m) => m.at >= from && m.at < messagesTo),
    };
  });
}
