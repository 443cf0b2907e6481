// Seeded random chats and orders for property tests and the performance measurement.
import { startOfLocalDay } from '../../src/domain/time.js';
import type { ChatMessage, Order, Sender } from '../../src/domain/types.js';

/** mulberry32: a small, fast, seeded PRNG returning [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface RandomDataOptions {
  seed: number;
  timeZone: string;
  /** Day number of the first day. */
  firstDay: number;
  days: number;
  buyers: number;
  agents: number;
  /** Visits (chat threads) per buyer, on average. */
  visitsPerBuyer: number;
  /** Messages per visit, on average. */
  messagesPerVisit: number;
  shops?: number;
}

export function randomData(o: RandomDataOptions): { messages: ChatMessage[]; orders: Order[] } {
  const rnd = prng(o.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const shops = o.shops ?? 1;
  const messages: (ChatMessage & { seq: number })[] = [];
  const orders: Order[] = [];
  let seq = 0;
  let orderSeq = 0;
  const dayStart = new Map<number, number>();
  const startOf = (d: number) => {
    let s = dayStart.get(d);
    if (s === undefined) {
      s = startOfLocalDay(d, o.timeZone);
      dayStart.set(d, s);
    }
    return s;
  };
  for (let b = 0; b < o.buyers; b++) {
    const shop = `s${int(shops)}`;
    const buyer = `buyer${b}`;
    const visits = 1 + int(2 * o.visitsPerBuyer - 1);
    for (let v = 0; v < visits; v++) {
      const day = o.firstDay + int(o.days);
      // Some visits start just before midnight, to cross it.
      const offset = rnd() < 0.1 ? 86_400_000 - int(600_000) : int(86_400_000);
      let t = startOf(day) + offset;
      let agent = `${shop}:kf${int(o.agents)}`;
      const n = 1 + int(2 * o.messagesPerVisit - 1);
      const visitStart = t;
      for (let i = 0; i < n; i++) {
        const r = rnd();
        if (r < 0.03) agent = `${shop}:kf${int(o.agents)}`; // transfer
        const from: Sender = r < 0.5 ? 'buyer' : r < 0.88 ? 'agent' : r < 0.96 ? 'bot' : 'system';
        messages.push({ shop, id: `m${seq}`, buyer, agent, from, at: t, text: '', kind: 'text', seq: seq++ });
        const gap = rnd();
        t += gap < 0.1 ? 0 : gap < 0.8 ? int(90_000) : int(1_800_000); // equal times, quick, slow
      }
      if (rnd() < 0.45) {
        // An order around the visit: before it, during it, or up to two days later.
        const created = visitStart + int(3 * 86_400_000) - 3_600_000 * int(6);
        const p = rnd();
        const paidAt =
          p < 0.3 ? null : p < 0.6 ? created : created + (rnd() < 0.5 ? int(3_600_000) : int(5 * 86_400_000));
        orders.push({
          shop,
          orderId: `o${orderSeq++}`,
          buyer,
          createdAt: created,
          paidAt,
          amountFen: 1 + int(50_000),
          status: '',
          items: null,
        });
      }
    }
  }
  messages.sort((x, y) => x.at - y.at || x.seq - y.seq);
  return { messages: messages.map(({ seq: _s, ...m }) => m), orders };
}
