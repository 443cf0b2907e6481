// Readable test data for the KPI tests: wall-clock times in the shop's zone, counter ids.
import { localWallClockToEpoch } from '../../src/domain/time.js';
import type { ChatMessage, Order, Sender } from '../../src/domain/types.js';

/** Epoch ms of a local wall-clock time 'YYYY-MM-DD HH:MM:SS' in the zone. */
export function wall(text: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?$/.exec(text);
  if (!m) throw new Error(`bad wall time ${text}`);
  const [, y, mo, d, h, mi, s, ms] = m;
  return (
    localWallClockToEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), timeZone) +
    Number(ms ?? 0)
  );
}

export class Chat {
  readonly messages: ChatMessage[] = [];
  readonly orders: Order[] = [];
  private n = 0;

  constructor(
    readonly timeZone: string,
    readonly shop = 's1',
  ) {}

  /** Adds a message; returns its id (m1, m2, …). Messages must be added in time order. */
  say(
    from: Sender,
    agent: string,
    buyer: string,
    when: string,
    opts: { id?: string; shop?: string } = {},
  ): string {
    const id = opts.id ?? `m${++this.n}`;
    this.messages.push({
      shop: opts.shop ?? this.shop,
      id,
      buyer,
      agent,
      from,
      at: wall(when, this.timeZone),
      text: `${from} says`,
      kind: 'text',
    });
    return id;
  }

  order(
    orderId: string,
    buyer: string,
    created: string,
    paid: string | null,
    amountFen: number,
    shop = this.shop,
  ): Order {
    const o: Order = {
      shop,
      orderId,
      buyer,
      createdAt: wall(created, this.timeZone),
      paidAt: paid === null ? null : wall(paid, this.timeZone),
      amountFen,
      status: paid === null ? 'WAIT_BUYER_PAY' : 'TRADE_FINISHED',
      items: null,
    };
    this.orders.push(o);
    return o;
  }
}
