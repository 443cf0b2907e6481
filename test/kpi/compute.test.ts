// computeAgentDays on small hand-computed scenarios. Every expected number is worked out in the comments.
import { describe, expect, it } from 'vitest';
import {
  type AgentDayParts,
  computeAgentDays,
  DEFAULT_KPI_SETTINGS,
  emptyParts,
  type KpiParts,
  type KpiSettings,
  poolParts,
} from '../../src/domain/kpi/index.js';
import { Chat } from './builders.js';
import { A, B, mainDay } from './fixtures.js';

const SH = 'Asia/Shanghai';

function settings(timeZone = SH, over: Partial<KpiSettings> = {}): KpiSettings {
  return { ...DEFAULT_KPI_SETTINGS, timeZone, ...over };
}

function parts(p: Partial<KpiParts>): KpiParts {
  return { ...emptyParts(), ...p };
}

function find(all: AgentDayParts[], agent: string, day: string): KpiParts | undefined {
  const p = all.find((x) => x.agent === agent && x.day === day);
  if (!p) return undefined;
  const { shop: _s, agent: _a, day: _d, ...rest } = p;
  return rest;
}

describe('computeAgentDays: one day with bots, a transfer, an order before the chat, a reminder', () => {
  const c = mainDay();
  const out = computeAgentDays({
    settings: settings(),
    days: ['2026-11-11'],
    messages: c.messages,
    orders: c.orders,
  });

  it('agent A', () => {
    expect(find(out, A, '2026-11-11')).toEqual(
      parts({
        consulted_buyers: 4, // b1 b2 b3 b4
        received_buyers: 3, // b4 had only a bot
        buyer_messages: 7, // 4 + 1 + 1 + 1
        agent_messages: 6, // 3 + 2 (incl. the reminder) + 1
        response_sum_ms: 187_000, // 42 + 90 + 5 + 50
        response_count: 4,
        first_response_sum_ms: 97_000, // 42 + 5 + 50; b4's first run is unanswered: left out
        first_response_count: 3,
        slow_responses: 1, // 90 s
        unanswered_questions: 2, // b1's last question, b4
        inquiry_buyers: 2, // b1, b2 (b3 ordered before the chat, b4 not received)
        inquiry_ordered_buyers: 1, // b1 (o1); b2's order is credited to B
        inquiry_paid_buyers: 1,
        sales_fen: 12_345, // o1
        paying_buyers: 1,
        reminded_orders: 1, // o2, reminded by A though credited to B
        reminder_paid_orders: 1,
      }),
    );
  });

  it('agent B (the transfer target) and the output shape', () => {
    expect(find(out, B, '2026-11-11')).toEqual(
      parts({
        consulted_buyers: 1,
        received_buyers: 1,
        buyer_messages: 1,
        agent_messages: 2,
        response_sum_ms: 30_000,
        response_count: 1,
        first_response_sum_ms: 30_000,
        first_response_count: 1,
        inquiry_buyers: 1,
        inquiry_ordered_buyers: 1,
        inquiry_paid_buyers: 1,
        sales_fen: 5_000,
        paying_buyers: 1,
      }),
    );
    // Sorted by shop, agent, day in UTF-16 code-unit order (王 U+738B before 美 U+7F8E): no locale involved.
    expect(out.map((p) => [p.shop, p.agent, p.day])).toEqual([
      ['s1', B, '2026-11-11'],
      ['s1', A, '2026-11-11'],
    ]);
  });

  it('pools A and B: counts summed, rates from the sums (not averaged), rounding half up', () => {
    expect(poolParts(out)).toEqual({
      consulted_buyers: 5,
      received_buyers: 4,
      reply_rate: 0.8, // 4 / 5
      buyer_messages: 8,
      agent_messages: 8,
      answer_question_ratio: 1,
      avg_response_s: 43.4, // 217 000 ms / 5
      avg_first_response_s: 31.8, // 127 000 / 4 = 31.75 → 31.8
      slow_responses: 1,
      unanswered_questions: 2,
      inquiry_buyers: 3,
      inquiry_ordered_buyers: 2,
      inquiry_paid_buyers: 2,
      inquiry_conversion_rate: 0.6667, // 2 / 3 (the mean of A's 0.5 and B's 1 would be 0.75)
      sales_amount: 173.45,
      paying_buyers: 2,
      avg_order_value: 86.73, // 17 345 fen / 2 = 8 672.5 → 8 673 fen
      reminded_orders: 1,
      reminder_paid_orders: 1,
      reminder_success_rate: 1,
    });
    const a = poolParts(out.filter((p) => p.agent === A));
    expect([a.reply_rate, a.answer_question_ratio, a.avg_response_s, a.avg_first_response_s]).toEqual([
      0.75, // 3 / 4
      0.8571, // 6 / 7
      46.8, // 46.75 → 46.8
      32.3, // 32.333…
    ]);
    expect(a.inquiry_conversion_rate).toBe(0.5);
  });

  it('days outside the request are not reported', () => {
    expect(
      computeAgentDays({
        settings: settings(),
        days: ['2026-11-12'],
        messages: c.messages,
        orders: c.orders,
      }),
    ).toEqual([]);
  });

  it('sorts unsorted input stably (equal times keep input order)', () => {
    const shuffled = [...c.messages].reverse();
    expect(
      computeAgentDays({
        settings: settings(),
        days: ['2026-11-11'],
        messages: shuffled,
        orders: c.orders,
      }).map((p) => p.agent),
    ).toEqual([B, A]);
    const m = new Chat(SH);
    m.say('buyer', A, 'b1', '2026-11-11 10:00:00');
    m.say('agent', A, 'b1', '2026-11-11 10:00:00');
    m.say('agent', A, 'b2', '2026-11-11 10:00:00');
    m.say('buyer', A, 'b2', '2026-11-11 10:00:00');
    const [p] = computeAgentDays({
      settings: settings(),
      days: ['2026-11-11'],
      messages: m.messages,
      orders: [],
    });
    // b1: answered in 0 s; b2: the agent spoke first, so the buyer's question stays open.
    expect([p.response_count, p.response_sum_ms, p.unanswered_questions, p.received_buyers]).toEqual([
      1, 0, 1, 2,
    ]);
    const reversedInput = [...m.messages].reverse(); // equal times: input order is the tie-break
    const [q] = computeAgentDays({
      settings: settings(),
      days: ['2026-11-11'],
      messages: reversedInput,
      orders: [],
    });
    expect([q.response_count, q.unanswered_questions]).toEqual([1, 1]);
  });
});

describe('computeAgentDays: sessions across midnight and the credit window', () => {
  const c = new Chat(SH);
  c.say('buyer', A, 'b1', '2026-11-11 23:59:30');
  c.say('agent', A, 'b1', '2026-11-12 00:00:20'); // next day: a new session with no buyer message
  c.order('o1', 'b1', '2026-11-12 00:05:00', '2026-11-12 00:06:00', 1000); // credited to A
  c.say('buyer', A, 'b2', '2026-11-11 22:00:00');
  c.say('agent', A, 'b2', '2026-11-11 22:00:10');
  c.order('o2', 'b2', '2026-11-12 09:00:00', '2026-11-12 09:00:00', 2000); // day before: credited
  c.order('o3', 'b2', '2026-11-13 09:00:00', '2026-11-13 09:00:00', 4000); // two days after: silent
  const out = computeAgentDays({
    settings: settings(),
    days: ['2026-11-11', '2026-11-12', '2026-11-13'],
    messages: c.messages,
    orders: c.orders,
  });

  it('splits the thread at midnight', () => {
    expect(find(out, A, '2026-11-11')).toEqual(
      parts({
        consulted_buyers: 2,
        received_buyers: 1, // b2 only: b1's reply came the next day
        buyer_messages: 2,
        agent_messages: 1,
        response_sum_ms: 10_000,
        response_count: 1,
        first_response_sum_ms: 10_000,
        first_response_count: 1,
        unanswered_questions: 1, // b1 at 23:59:30
        inquiry_buyers: 1, // b2
        inquiry_ordered_buyers: 1, // o2, created the next day, credited to A
        inquiry_paid_buyers: 1,
      }),
    );
    expect(find(out, A, '2026-11-12')).toEqual(
      parts({
        agent_messages: 1, // the 00:00:20 reply: no buyer message that day, so not consulted
        sales_fen: 3000, // o1 + o2, counted on their creation day
        paying_buyers: 2, // (b1, 11-12), (b2, 11-12)
      }),
    );
    expect(find(out, A, '2026-11-13')).toBeUndefined(); // o3 is silent
  });

  it('creditWindowDays 0 makes o2 silent', () => {
    const narrow = computeAgentDays({
      settings: settings(SH, { creditWindowDays: 0 }),
      days: ['2026-11-11', '2026-11-12'],
      messages: c.messages,
      orders: c.orders,
    });
    expect(find(narrow, A, '2026-11-12')?.sales_fen).toBe(1000);
    expect(find(narrow, A, '2026-11-11')?.inquiry_ordered_buyers).toBe(0);
  });
});

describe('computeAgentDays: inquiries, late payments, orders before the chat', () => {
  const c = new Chat(SH);
  const D = '2026-11-11';
  c.say('agent', A, 'b6', `${D} 09:00:00`); // proactive greeting: earns o6's credit
  for (const b of ['b1', 'b2', 'b3', 'b4', 'b5', 'b6']) {
    c.say('buyer', A, b, `${D} 10:00:00`);
    c.say('agent', A, b, `${D} 10:00:30`);
  }
  c.order('o1', 'b1', '2026-11-12 09:00:00', '2026-11-14 23:59:59', 100); // paid on D+3: converts
  c.order('o2', 'b2', '2026-11-12 09:00:00', '2026-11-15 00:00:00', 200); // paid on D+4: ordered only
  c.order('o3', 'b3', '2026-11-13 08:00:00', '2026-11-13 08:00:00', 400); // D+2: not an order of the inquiry
  c.order('o4', 'b4', `${D} 09:59:59`, `${D} 09:59:59`, 800); // before the chat: no inquiry
  c.order('o5', 'b5', '2026-11-10 20:00:00', '2026-11-10 20:00:00', 1600); // the day before: still an inquiry
  c.order('o6', 'b6', `${D} 10:00:00`, null, 3200); // at the first buyer message: inquiry, ordered, unpaid
  c.say('buyer', A, 'b7', `${D} 10:00:00`);
  c.say('agent', A, 'b7', `${D} 10:00:30`);
  c.order('o7', 'b7', `${D} 10:00:00`, `${D} 10:00:10`, 6400); // at the chat but before any agent message: silent

  it('counts by the definitions', () => {
    const out = computeAgentDays({
      settings: settings(),
      days: [D, '2026-11-12', '2026-11-13'],
      messages: c.messages,
      orders: c.orders,
    });
    const d = find(out, A, D)!;
    // Inquiries: b1 b2 b3 b5 b6 b7 (b4 ordered at 09:59:59, before the chat).
    // Ordered: b1 (o1, D+1), b2 (o2, D+1), b6 (o6, created at the first buyer message, credited to the
    // 09:00 greeting). Not: b3 (o3 on D+2), b5 (o5 the day before), b7 (o7 silent: no agent message yet).
    // Paid by the end of D+3: b1 only (o2 paid on D+4, o6 unpaid).
    expect([d.inquiry_buyers, d.inquiry_ordered_buyers, d.inquiry_paid_buyers]).toEqual([6, 3, 1]);
    // Sales count on the creation day, paid whenever: o1 and o2 on 11-12; o6 is unpaid; o3 is silent
    // (no agent message on 11-12 or 11-13); o4 and o7 are silent (before any agent message).
    expect([d.sales_fen, d.paying_buyers]).toEqual([0, 0]);
    expect(find(out, A, '2026-11-12')).toEqual(parts({ sales_fen: 300, paying_buyers: 2 }));
    // Reminders: o6 (unpaid) and o7 (paid at 10:00:10, after the creation): the first agent message after
    // 10:00:00 is at 10:00:30, after o7's payment, so only o6 is reminded. o1/o2: no message within 24 h.
    expect([d.reminded_orders, d.reminder_paid_orders]).toEqual([1, 0]);
  });

  it('paidWindowDays 4 lets the D+4 payment convert', () => {
    const out = computeAgentDays({
      settings: settings(SH, { paidWindowDays: 4 }),
      days: [D],
      messages: c.messages,
      orders: c.orders,
    });
    expect(find(out, A, D)?.inquiry_paid_buyers).toBe(2); // b1 and b2
  });
});

describe('computeAgentDays: time zones other than +08:00', () => {
  // 2026-11-10 23:30 in Los Angeles (UTC−8) is 2026-11-11 15:30 in Shanghai.
  const c = new Chat('America/Los_Angeles');
  c.say('buyer', A, 'b1', '2026-11-10 23:30:00');
  c.say('agent', A, 'b1', '2026-11-11 00:10:00');

  it('Los Angeles: two sessions, the question unanswered', () => {
    const out = computeAgentDays({
      settings: settings('America/Los_Angeles'),
      days: ['2026-11-10', '2026-11-11'],
      messages: c.messages,
      orders: [],
    });
    expect(find(out, A, '2026-11-10')).toEqual(
      parts({ consulted_buyers: 1, buyer_messages: 1, unanswered_questions: 1 }),
    );
    expect(find(out, A, '2026-11-11')).toEqual(parts({ agent_messages: 1 }));
  });

  it('the same messages in a UTC shop and in Shanghai: one session, answered in 40 min', () => {
    for (const tz of ['UTC', SH]) {
      const out = computeAgentDays({
        settings: settings(tz),
        days: ['2026-11-11'],
        messages: c.messages,
        orders: [],
      });
      expect(find(out, A, '2026-11-11')).toEqual(
        parts({
          consulted_buyers: 1,
          received_buyers: 1,
          buyer_messages: 1,
          agent_messages: 1,
          response_sum_ms: 2_400_000,
          response_count: 1,
          first_response_sum_ms: 2_400_000,
          first_response_count: 1,
          slow_responses: 1,
          inquiry_buyers: 1,
        }),
      );
    }
  });

  it('a reminder across a daylight-saving night (23 h day) still counts on the creation day', () => {
    const la = new Chat('America/Los_Angeles');
    la.say('agent', A, 'b9', '2026-03-07 23:00:00');
    la.order('o9', 'b9', '2026-03-07 23:30:00', '2026-03-09 00:10:00', 500);
    // 2026-03-08 is 23 h long: 23 h 30 min after the order is 2026-03-09 00:00 local.
    la.say('agent', B, 'b9', '2026-03-09 00:00:00');
    const out = computeAgentDays({
      settings: settings('America/Los_Angeles'),
      days: ['2026-03-07'],
      messages: la.messages,
      orders: la.orders,
    });
    expect(find(out, B, '2026-03-07')).toEqual(parts({ reminded_orders: 1, reminder_paid_orders: 1 }));
    expect(find(out, A, '2026-03-07')).toEqual(
      parts({ agent_messages: 1, sales_fen: 500, paying_buyers: 1 }),
    );
  });
});

describe('computeAgentDays: shops and validation', () => {
  it('keeps shops apart (same buyer and agent nick in two shops)', () => {
    const c = new Chat(SH);
    c.say('buyer', 'kf', 'b1', '2026-11-11 10:00:00');
    c.say('agent', 'kf', 'b1', '2026-11-11 10:00:10');
    c.say('buyer', 'kf', 'b1', '2026-11-11 10:00:00', { shop: 's2' });
    c.order('o1', 'b1', '2026-11-11 10:01:00', '2026-11-11 10:01:00', 100, 's2'); // silent in s2
    const out = computeAgentDays({
      settings: settings(),
      days: ['2026-11-11'],
      messages: c.messages,
      orders: c.orders,
    });
    expect(out.map((p) => [p.shop, p.received_buyers, p.consulted_buyers, p.sales_fen])).toEqual([
      ['s1', 1, 1, 0],
      ['s2', 0, 1, 0],
    ]);
  });

  it('rejects malformed days and settings', () => {
    const base = { messages: [], orders: [] };
    expect(() => computeAgentDays({ ...base, settings: settings(), days: ['2026-02-30'] })).toThrow(
      RangeError,
    );
    expect(() => computeAgentDays({ ...base, settings: settings('Mars/Base'), days: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      computeAgentDays({ ...base, settings: settings(SH, { creditWindowDays: -1 }), days: [] }),
    ).toThrow(RangeError);
  });
});
