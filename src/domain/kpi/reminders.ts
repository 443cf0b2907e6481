// Payment reminders (催付). Shared by the KPI engine and the inspection engine. Pure.
//
// For an order not paid at its creation (unpaid, or paid later), the reminder is the first human agent
// message to that buyer in that shop strictly after the creation, less than 24 h after it and before the
// payment. It counts for that message's agent (whoever it is), on the order's creation day.
import type { ChatMessage, Order } from '../types.js';
import type { AgentMessageRef, CreditMessage } from './credit.js';
import { firstAfter, groupByShopBuyer, inTimeOrder } from './message-index.js';
import { REMINDER_WINDOW_MS } from './settings.js';

export type Reminder = AgentMessageRef;
export type ReminderOrder = Pick<Order, 'shop' | 'buyer' | 'orderId' | 'createdAt' | 'paidAt'>;

/** True when the order was not paid at the moment it was created (so it can be reminded). */
export function needsPayment(order: Pick<Order, 'createdAt' | 'paidAt'>): boolean {
  return order.paidAt === null || order.paidAt > order.createdAt;
}

/** The reminding message among the buyer's human agent messages in that shop (time-ordered), or null. */
export function reminderAmong<M extends Pick<ChatMessage, 'at'>>(
  agentMessages: readonly M[],
  order: Pick<Order, 'createdAt' | 'paidAt'>,
): M | null {
  if (!needsPayment(order)) return null;
  const i = firstAfter(agentMessages, order.createdAt);
  if (i >= agentMessages.length) return null;
  const m = agentMessages[i];
  if (m.at - order.createdAt >= REMINDER_WINDOW_MS) return null;
  if (order.paidAt !== null && m.at >= order.paidAt) return null;
  return m;
}

/**
 * Finds the payment reminder of each order. `agentMessages` may hold any messages (only `from = 'agent'`
 * ones are used), in any order. Returns orderId → reminding message; orders without one are absent.
 */
export function findReminders(
  orders: readonly ReminderOrder[],
  agentMessages: readonly CreditMessage[],
): Map<string, Reminder> {
  const grouped = groupByShopBuyer(inTimeOrder(agentMessages.filter((m) => m.from === 'agent')));
  const result = new Map<string, Reminder>();
  for (const order of orders) {
    const list = grouped.get(order.shop)?.get(order.buyer);
    if (!list) continue;
    const m = reminderAmong(list, order);
    if (m) result.set(order.orderId, { agent: m.agent, messageId: m.id, at: m.at });
  }
  return result;
}
