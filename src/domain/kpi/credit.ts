// Order credit (归属): which agent an order counts for. Shared by the KPI engine and the inspection
// engine (missed_payment_reminder). Pure.
//
// Each order is credited to at most one agent: the agent of the last human agent message to that buyer in
// that shop at or before the order's creation (equal times: the later in input order), provided that
// message falls on the order's creation day or up to `creditWindowDays` days before (shop time zone).
// Otherwise the order is a silent order (静默下单), credited to nobody.
import { localDayNumber } from '../time.js';
import type { ChatMessage, Order } from '../types.js';
import { firstAfter, groupByShopBuyer, inTimeOrder } from './message-index.js';
import type { KpiSettings } from './settings.js';

/** The agent message an order is credited to (or, for reminders, the reminding message). */
export interface AgentMessageRef {
  agent: string;
  messageId: string;
  at: number;
}

export type Credit = AgentMessageRef;

export type CreditMessage = Pick<ChatMessage, 'shop' | 'buyer' | 'agent' | 'from' | 'at' | 'id'>;
export type CreditOrder = Pick<Order, 'shop' | 'buyer' | 'orderId' | 'createdAt'>;

/**
 * The crediting message of one order among the buyer's human agent messages in that shop (time-ordered),
 * or null for a silent order. `creationDay` is the order's local day number.
 */
export function creditAmong<M extends Pick<ChatMessage, 'at'>>(
  agentMessages: readonly M[],
  createdAt: number,
  creationDay: number,
  settings: Pick<KpiSettings, 'timeZone' | 'creditWindowDays'>,
): M | null {
  const i = firstAfter(agentMessages, createdAt) - 1;
  if (i < 0) return null;
  const m = agentMessages[i];
  return localDayNumber(m.at, settings.timeZone) >= creationDay - settings.creditWindowDays ? m : null;
}

/**
 * Credits orders to agents. `agentMessages` may hold any messages (only `from = 'agent'` ones are used),
 * in any order (equal times keep input order). Returns orderId → crediting message; silent orders are
 * absent. Order ids are assumed unique within the input (one shop per call, or globally unique ids).
 */
export function creditOrders(
  orders: readonly CreditOrder[],
  agentMessages: readonly CreditMessage[],
  settings: Pick<KpiSettings, 'timeZone' | 'creditWindowDays'>,
): Map<string, Credit> {
  const grouped = groupByShopBuyer(inTimeOrder(agentMessages.filter((m) => m.from === 'agent')));
  const result = new Map<string, Credit>();
  for (const order of orders) {
    const list = grouped.get(order.shop)?.get(order.buyer);
    if (!list) continue;
    const m = creditAmong(
      list,
      order.createdAt,
      localDayNumber(order.createdAt, settings.timeZone),
      settings,
    );
    if (m) result.set(order.orderId, { agent: m.agent, messageId: m.id, at: m.at });
  }
  return result;
}
