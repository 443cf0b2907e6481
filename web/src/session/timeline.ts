// The session's timeline: messages, with order and refund events placed among them by time.
import type { Message, Order, Refund } from '../api/types';

export type TimelineItem =
  | { type: 'message'; at: number; message: Message }
  | { type: 'order'; at: number; order: Order }
  | { type: 'paid'; at: number; order: Order }
  | { type: 'refund'; at: number; refund: Refund };

export function buildTimeline(messages: Message[], orders: Order[], refunds: Refund[]): TimelineItem[] {
  const events: TimelineItem[] = [];
  for (const o of orders) {
    events.push({ type: 'order', at: o.createdAt, order: o });
    if (o.paidAt) events.push({ type: 'paid', at: o.paidAt, order: o });
  }
  for (const r of refunds) events.push({ type: 'refund', at: r.createdAt, refund: r });
  events.sort((a, b) => a.at - b.at);
  // Messages keep their server order (time, then input order); events go before the first later message.
  const out: TimelineItem[] = [];
  let e = 0;
  for (const m of messages) {
    while (e < events.length && events[e].at < m.at) out.push(events[e++]);
    out.push({ type: 'message', at: m.at, message: m });
  }
  while (e < events.length) out.push(events[e++]);
  return out;
}
