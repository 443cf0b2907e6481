import { describe, expect, it } from 'vitest';
import {
  computeAgentDays,
  creditOrders,
  DEFAULT_KPI_SETTINGS,
  findReminders,
} from '../../src/domain/kpi/index.js';
import { dayNumberToString, dayStringToNumber, localDay } from '../../src/domain/time.js';
import { Chat, wall } from './builders.js';
import { randomData } from './random-data.js';

const TZ = 'Asia/Shanghai';
const S = { ...DEFAULT_KPI_SETTINGS, timeZone: TZ };
const A = 's1:小美';
const B = 's1:小王';

describe('creditOrders', () => {
  it('credits the last human agent message at or before the creation, across agents (transfer)', () => {
    const c = new Chat(TZ);
    c.say('buyer', A, 'b1', '2026-11-11 10:00:00');
    c.say('agent', A, 'b1', '2026-11-11 10:00:30');
    c.say('buyer', B, 'b1', '2026-11-11 10:05:00');
    const m4 = c.say('agent', B, 'b1', '2026-11-11 10:06:00');
    c.say('bot', B, 'b1', '2026-11-11 10:07:00'); // bots never earn credit
    c.say('agent', A, 'b1', '2026-11-11 10:09:00'); // after the order
    c.order('o1', 'b1', '2026-11-11 10:08:00', '2026-11-11 10:08:00', 100);
    const credit = creditOrders(c.orders, c.messages, S);
    expect(credit.get('o1')).toEqual({ agent: B, messageId: m4, at: wall('2026-11-11 10:06:00', TZ) });
  });

  it('a message at the exact creation instant credits; equal times: the later in input order wins', () => {
    const c = new Chat(TZ);
    c.say('agent', A, 'b1', '2026-11-11 10:00:00');
    const m2 = c.say('agent', B, 'b1', '2026-11-11 10:00:00');
    c.order('o1', 'b1', '2026-11-11 10:00:00', null, 100);
    expect(creditOrders(c.orders, c.messages, S).get('o1')?.messageId).toBe(m2);
  });

  it('credit window: the day before counts, two days before is a silent order', () => {
    const c = new Chat(TZ);
    c.say('agent', A, 'b1', '2026-11-10 00:00:01'); // day before the order (D−1)
    c.say('agent', A, 'b2', '2026-11-09 23:59:59'); // D−2
    c.order('o1', 'b1', '2026-11-11 23:59:59', null, 100);
    c.order('o2', 'b2', '2026-11-11 00:00:00', null, 100);
    c.order('o3', 'b3', '2026-11-11 00:00:00', null, 100); // never chatted
    const credit = creditOrders(c.orders, c.messages, S);
    expect(credit.get('o1')?.agent).toBe(A);
    expect(credit.has('o2')).toBe(false);
    expect(credit.has('o3')).toBe(false);
    // creditWindowDays 0: only the same day.
    expect(creditOrders(c.orders, c.messages, { ...S, creditWindowDays: 0 }).size).toBe(0);
  });

  it('days are taken in the shop zone, and shops never mix', () => {
    const c = new Chat('America/Los_Angeles');
    // 2026-11-09 23:30 in Los Angeles is 2026-11-10 15:30 in Shanghai.
    c.say('agent', A, 'b1', '2026-11-09 23:30:00');
    c.say('agent', 's2:阿明', 'b1', '2026-11-11 06:00:00', { shop: 's2' });
    // 2026-11-11 07:00 in Los Angeles is 2026-11-11 23:00 in Shanghai.
    c.order('o1', 'b1', '2026-11-11 07:00:00', null, 100);
    c.order('o2', 'b1', '2026-11-11 07:00:00', null, 100, 's2');
    const la = creditOrders(c.orders, c.messages, { ...S, timeZone: 'America/Los_Angeles' });
    expect(la.has('o1')).toBe(false); // D−2 in Los Angeles
    expect(la.get('o2')?.agent).toBe('s2:阿明');
    expect(creditOrders(c.orders, c.messages, S).get('o1')?.agent).toBe(A); // D−1 in Shanghai
  });
});

describe('findReminders', () => {
  it('first agent message after the creation, within 24 h, before the payment, by anyone', () => {
    const c = new Chat(TZ);
    c.say('agent', A, 'b1', '2026-11-11 10:00:00'); // at the creation: not after it
    const r = c.say('agent', B, 'b1', '2026-11-11 10:30:00');
    c.say('agent', A, 'b1', '2026-11-11 10:40:00');
    c.order('o1', 'b1', '2026-11-11 10:00:00', null, 100); // unpaid: reminded by B
    c.order('o2', 'b1', '2026-11-11 09:00:00', '2026-11-11 09:00:00', 100); // paid at creation
    c.order('o3', 'b1', '2026-11-11 10:10:00', '2026-11-11 10:20:00', 100); // paid before any message
    c.order('o4', 'b1', '2026-11-10 10:00:00', null, 100); // first message after it (m1) is exactly 24 h later: too late
    c.order('o5', 'b1', '2026-11-10 10:00:01', null, 100); // m1 is 23:59:59 later: reminded by A
    const rem = findReminders(c.orders, c.messages);
    expect(rem.get('o1')).toEqual({ agent: B, messageId: r, at: wall('2026-11-11 10:30:00', TZ) });
    expect(rem.has('o2')).toBe(false);
    expect(rem.has('o3')).toBe(false);
    expect(rem.has('o4')).toBe(false);
    expect(rem.get('o5')?.messageId).toBe('m1');
  });
});

describe('creditOrders and findReminders agree with computeAgentDays (random data)', () => {
  it('sales and reminders per agent', () => {
    const first = dayStringToNumber('2026-11-01');
    const data = randomData({
      seed: 3,
      timeZone: TZ,
      firstDay: first,
      days: 6,
      buyers: 300,
      agents: 3,
      visitsPerBuyer: 2,
      messagesPerVisit: 8,
    });
    const days = Array.from({ length: 6 }, (_, i) => dayNumberToString(first + i));
    const parts = computeAgentDays({ settings: S, days, ...data });
    const credit = creditOrders(data.orders, data.messages, S);
    const rem = findReminders(data.orders, data.messages);
    const sales = new Map<string, number>();
    const reminded = new Map<string, number>();
    for (const o of data.orders) {
      if (!days.includes(localDay(o.createdAt, TZ))) continue;
      const c = credit.get(o.orderId);
      if (c && o.paidAt !== null) sales.set(c.agent, (sales.get(c.agent) ?? 0) + o.amountFen);
      const r = rem.get(o.orderId);
      if (r) reminded.set(r.agent, (reminded.get(r.agent) ?? 0) + 1);
    }
    const sum = (agent: string, key: 'sales_fen' | 'reminded_orders') =>
      parts.filter((p) => p.agent === agent).reduce((n, p) => n + p[key], 0);
    expect(sales.size).toBeGreaterThan(1);
    for (const [agent, fen] of sales) expect(sum(agent, 'sales_fen')).toBe(fen);
    for (const [agent, n] of reminded) expect(sum(agent, 'reminded_orders')).toBe(n);
  });
});
