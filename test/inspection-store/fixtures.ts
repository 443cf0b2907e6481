// Test data for the inspection store tests, written through the import writer like a real import.
import { sessionIdOf } from '../../src/domain/session-id.js';
import { localDay } from '../../src/domain/time.js';
import type { ChatMessage, Order, Refund, Sender } from '../../src/domain/types.js';
import type { MessageRow } from '../../src/store/import-writer.js';
import type { Store } from '../../src/store/store.js';

export const SHOP = 's1';
export const T0 = Date.parse('2026-03-10T10:00:00+08:00');
const TZ = 'Asia/Shanghai';

export function message(
  id: string,
  buyer: string,
  agent: string,
  from: Sender,
  seconds: number,
  text: string,
  shop = SHOP,
): ChatMessage {
  return { shop, id, buyer, agent, from, at: T0 + seconds * 1000, text, kind: 'text' };
}

export function toRow(m: ChatMessage): MessageRow {
  const day = localDay(m.at, TZ);
  return { ...m, day, sessionId: sessionIdOf({ shop: m.shop, agent: m.agent, buyer: m.buyer, day }) };
}

/** Imports messages, orders and refunds into the store in one writer transaction. */
export async function load(
  store: Store,
  data: { messages?: ChatMessage[]; orders?: Order[]; refunds?: Refund[] },
) {
  const w = await store.beginImport();
  const shops = new Set(
    [...(data.messages ?? []), ...(data.orders ?? []), ...(data.refunds ?? [])].map((x) => x.shop),
  );
  for (const shop of shops) await w.ensureShop({ id: shop, name: shop, timeZone: TZ });
  if (data.messages?.length) await w.writeMessages(data.messages.map(toRow));
  if (data.orders?.length) await w.writeOrders(data.orders);
  if (data.refunds?.length) await w.writeRefunds(data.refunds);
  return w.finish({ shop: null, file: 'test', format: 'test', records: 0, startedAt: 0 });
}

const XH = 's1:小禾';
const AM = 's1:阿木';
const DAY = 86_400;

/** A small shop with one or more planted defects per session. */
export function scenario(): { messages: ChatMessage[]; orders: Order[]; refunds: Refund[] } {
  const messages = [
    // b1: rude reply, late first response, no greeting.
    message('a1', 'b1', XH, 'buyer', 0, '在吗，这个有货吗'),
    message('a2', 'b1', XH, 'agent', 45, '爱买不买，就这个价'),
    message('a3', 'b1', XH, 'buyer', 60, '好的'),
    // b2: absolute claim, then the buyer is left unanswered.
    message('b1', 'b2', XH, 'buyer', 100, '你好'),
    message('b2', 'b2', XH, 'agent', 105, '您好，我们家的枣是全网最好的'),
    message('b3', 'b2', XH, 'buyer', 120, '发什么快递'),
    // b3, next day, another agent: an order credited to the greeting, never paid, never reminded.
    message('c1', 'b3', AM, 'buyer', DAY, '你好，拍下了'),
    message('c2', 'b3', AM, 'agent', DAY + 5, '亲，您好，欢迎光临'),
    message('c3', 'b3', AM, 'buyer', DAY + 10, '好的谢谢'),
    // b4: clean.
    message('d1', 'b4', AM, 'buyer', DAY + 200, '你好，在吗'),
    message('d2', 'b4', AM, 'agent', DAY + 205, '您好，在的，请问有什么可以帮您'),
    message('d3', 'b4', AM, 'buyer', DAY + 210, '好的谢谢'),
  ];
  const orders: Order[] = [
    {
      shop: SHOP,
      orderId: 'o1',
      buyer: 'b3',
      createdAt: T0 + (DAY + 60) * 1000,
      paidAt: null,
      amountFen: 9900,
      status: '等待买家付款',
      items: '和田大枣',
    },
  ];
  return { messages, orders, refunds: [] };
}
