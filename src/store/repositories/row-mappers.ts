// Stored rows → domain records. Numbers are coerced because PostgreSQL hands back some integer columns
// as strings where SQLite gives numbers; one place keeps both engines returning identical records.
import type { Order, Refund } from '../../domain/types.js';
import type { OrdersTable, RefundsTable } from '../schema.js';

export function orderFromRow(o: OrdersTable): Order {
  return {
    shop: o.shop,
    orderId: o.order_id,
    buyer: o.buyer,
    createdAt: Number(o.created_at),
    paidAt: o.paid_at === null ? null : Number(o.paid_at),
    amountFen: Number(o.amount_fen),
    status: o.status,
    items: o.items,
  };
}

export function refundFromRow(r: RefundsTable): Refund {
  return {
    shop: r.shop,
    refundId: r.refund_id,
    orderId: r.order_id,
    buyer: r.buyer,
    agent: r.agent,
    createdAt: Number(r.created_at),
    amountFen: Number(r.amount_fen),
    reason: r.reason,
    status: r.status,
  };
}
