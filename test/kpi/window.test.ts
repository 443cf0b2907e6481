import { describe, expect, it } from 'vitest';
import {
  affectedDays,
  type AgentDayParts,
  computeAgentDays,
  DEFAULT_KPI_SETTINGS,
  type DataWindow,
  type KpiSettings,
  requiredWindow,
} from '../../src/domain/kpi/index.js';
import { dayNumberToString, dayStringToNumber, localDay, startOfLocalDay } from '../../src/domain/time.js';
import type { ChatMessage, Order } from '../../src/domain/types.js';
import { prng, randomData } from './random-data.js';

const SH = { ...DEFAULT_KPI_SETTINGS, timeZone: 'Asia/Shanghai' };
const LA = { ...DEFAULT_KPI_SETTINGS, timeZone: 'America/Los_Angeles' };

describe('requiredWindow', () => {
  it('one day in Shanghai: messages D−1 … D+1, orders D … D+1', () => {
    expect(requiredWindow(['2026-11-11'], SH)).toEqual({
      messages: [
        {
          from: '2026-11-10',
          to: '2026-11-12',
          startMs: Date.parse('2026-11-09T16:00:00Z'),
          endMs: Date.parse('2026-11-12T16:00:00Z'),
        },
      ],
      orders: [
        {
          from: '2026-11-11',
          to: '2026-11-12',
          startMs: Date.parse('2026-11-10T16:00:00Z'),
          endMs: Date.parse('2026-11-12T16:00:00Z'),
        },
      ],
    });
  });

  it('merges adjacent days, keeps distant ones apart, follows creditWindowDays', () => {
    const w = requiredWindow(['2026-11-20', '2026-11-11', '2026-11-12', '2026-11-11'], SH);
    expect(w.messages.map((r) => [r.from, r.to])).toEqual([
      ['2026-11-10', '2026-11-13'],
      ['2026-11-19', '2026-11-21'],
    ]);
    expect(w.orders.map((r) => [r.from, r.to])).toEqual([
      ['2026-11-11', '2026-11-13'],
      ['2026-11-20', '2026-11-21'],
    ]);
    expect(requiredWindow(['2026-11-11'], { ...SH, creditWindowDays: 3 }).messages[0].from).toBe(
      '2026-11-08',
    );
    expect(requiredWindow([], SH)).toEqual({ messages: [], orders: [] });
  });

  it('reaches D+2 when D+1 is a 23-hour day (reminders within 24 h)', () => {
    // Los Angeles springs forward on 2026-03-08.
    expect(requiredWindow(['2026-03-07'], LA).messages.map((r) => [r.from, r.to])).toEqual([
      ['2026-03-06', '2026-03-09'],
    ]);
    expect(requiredWindow(['2026-03-08'], LA).messages.map((r) => [r.from, r.to])).toEqual([
      ['2026-03-07', '2026-03-09'],
    ]);
  });

  it('affectedDays is its inverse', () => {
    expect(affectedDays({ messageDays: ['2026-11-11'] }, SH)).toEqual([
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
    ]);
    expect(affectedDays({ orderDays: ['2026-11-11'] }, SH)).toEqual(['2026-11-10', '2026-11-11']);
    expect(affectedDays({ messageDays: ['2026-03-09'] }, LA)).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    expect(() => requiredWindow(['11/11/2026'], SH)).toThrow(RangeError);
  });
});

// ---- property tests -------------------------------------------------------------------------------------

function inWindow(window: DataWindow['messages'], at: number): boolean {
  return window.some((r) => r.startMs <= at && at < r.endMs);
}

function windowed(days: string[], s: KpiSettings, messages: ChatMessage[], orders: Order[]) {
  const w = requiredWindow(days, s);
  // Filter messages by local day (as the store's `day` column) and orders by creation instant.
  const msgDays = new Set<string>();
  for (const r of w.messages) {
    for (let d = dayStringToNumber(r.from); d <= dayStringToNumber(r.to); d++)
      msgDays.add(dayNumberToString(d));
  }
  const ms = messages.filter((m) => msgDays.has(localDay(m.at, s.timeZone)));
  expect(ms).toEqual(messages.filter((m) => inWindow(w.messages, m.at)));
  return {
    settings: s,
    days,
    messages: ms,
    orders: orders.filter((o) => inWindow(w.orders, o.createdAt)),
  };
}

function byKey(parts: AgentDayParts[]): AgentDayParts[] {
  return [...parts].sort((a, b) =>
    a.shop !== b.shop
      ? a.shop < b.shop
        ? -1
        : 1
      : a.agent !== b.agent
        ? a.agent < b.agent
          ? -1
          : 1
        : a.day < b.day
          ? -1
          : 1,
  );
}

const CASES: { name: string; settings: KpiSettings; firstDay: string }[] = [
  { name: 'Shanghai', settings: SH, firstDay: '2026-11-08' },
  { name: 'Los Angeles across the spring-forward night', settings: LA, firstDay: '2026-03-04' },
  { name: 'Los Angeles across the fall-back night', settings: LA, firstDay: '2026-10-29' },
  {
    name: 'UTC, wider credit window',
    settings: { ...SH, timeZone: 'UTC', creditWindowDays: 2, paidWindowDays: 1 },
    firstDay: '2026-06-01',
  },
];

describe.each(CASES)(
  'computing days from requiredWindow data equals computing the whole range ($name)',
  (c) => {
    const first = dayStringToNumber(c.firstDay);
    const span = 9;
    const data = randomData({
      seed: first,
      timeZone: c.settings.timeZone,
      firstDay: first,
      days: span,
      buyers: 300,
      agents: 4,
      visitsPerBuyer: 2,
      messagesPerVisit: 8,
      shops: 2,
    });
    const days = Array.from({ length: span }, (_, i) => dayNumberToString(first + i));
    const whole = computeAgentDays({ settings: c.settings, days, ...data });

    it('has enough activity to mean something', () => {
      const sum = (k: keyof AgentDayParts) => whole.reduce((n, p) => n + (p[k] as number), 0);
      expect(sum('inquiry_paid_buyers')).toBeGreaterThan(20);
      expect(sum('reminded_orders')).toBeGreaterThan(10);
      expect(sum('slow_responses')).toBeGreaterThan(10);
      expect(sum('consulted_buyers')).toBeGreaterThan(sum('received_buyers'));
    });

    it('one day at a time', () => {
      const oneByOne = days.flatMap((d) =>
        computeAgentDays(windowed([d], c.settings, data.messages, data.orders)),
      );
      expect(byKey(oneByOne)).toEqual(byKey(whole));
    });

    it('random subsets of days', () => {
      const rnd = prng(first + 1);
      for (let k = 0; k < 5; k++) {
        const subset = days.filter(() => rnd() < 0.3);
        const part = computeAgentDays(windowed(subset, c.settings, data.messages, data.orders));
        expect(part).toEqual(whole.filter((p) => subset.includes(p.day)));
      }
    });

    it('a change of data moves only affectedDays', () => {
      const rnd = prng(first + 2);
      for (let k = 0; k < 20; k++) {
        const i = Math.floor(rnd() * data.messages.length);
        const m = data.messages[i];
        const without = computeAgentDays({
          settings: c.settings,
          days,
          messages: data.messages.filter((_, j) => j !== i),
          orders: data.orders,
        });
        const allowed = new Set(
          affectedDays({ messageDays: [localDay(m.at, c.settings.timeZone)] }, c.settings),
        );
        for (const d of changedDays(whole, without)) expect(allowed).toContain(d);

        const o = data.orders[Math.floor(rnd() * data.orders.length)];
        const repaid = data.orders.map((x) =>
          x === o ? { ...x, paidAt: x.paidAt === null ? x.createdAt + 3_600_000 : null } : x,
        );
        const changed = computeAgentDays({
          settings: c.settings,
          days,
          messages: data.messages,
          orders: repaid,
        });
        const allowedO = new Set(
          affectedDays({ orderDays: [localDay(o.createdAt, c.settings.timeZone)] }, c.settings),
        );
        for (const d of changedDays(whole, changed)) expect(allowedO).toContain(d);
      }
    });
  },
);

function changedDays(a: AgentDayParts[], b: AgentDayParts[]): Set<string> {
  const key = (p: AgentDayParts) => `${p.shop}|${p.agent}|${p.day}`;
  const ma = new Map(a.map((p) => [key(p), JSON.stringify(p)]));
  const mb = new Map(b.map((p) => [key(p), JSON.stringify(p)]));
  const out = new Set<string>();
  for (const k of new Set([...ma.keys(), ...mb.keys()])) {
    if (ma.get(k) !== mb.get(k)) out.add(k.split('|')[2]);
  }
  return out;
}

it('startOfLocalDay sanity for the fixtures', () => {
  expect(
    startOfLocalDay('2026-03-09', 'America/Los_Angeles') -
      startOfLocalDay('2026-03-08', 'America/Los_Angeles'),
  ).toBe(23 * 3_600_000);
});
