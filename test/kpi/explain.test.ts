import { describe, expect, it } from 'vitest';
import {
  computeAgentDays,
  DEFAULT_KPI_SETTINGS,
  explainMetric,
  type ExplainItem,
  KPI_METRICS,
  type KpiMetricKey,
  meanSeconds,
  poolParts,
  rate,
  roundedQuotient,
} from '../../src/domain/kpi/index.js';
import { dayNumberToString, dayStringToNumber } from '../../src/domain/time.js';
import { A, B, mainDay, SH } from './fixtures.js';
import { randomData } from './random-data.js';

const settings = { ...DEFAULT_KPI_SETTINGS, timeZone: SH };
const c = mainDay();
const input = { settings, days: ['2026-11-11'], messages: c.messages, orders: c.orders };
const brief = (items: ExplainItem[]) =>
  items.map((i) => [i.buyer, i.code, i.included, i.numerator, i.denominator, i.whyEn]);

describe('explainMetric on the main day', () => {
  it('avg_first_response_s: one item per session, the unanswered first run left out', () => {
    const items = explainMetric(input, A, 'avg_first_response_s');
    expect(brief(items)).toEqual([
      ['b1', 'first_run_answered', true, 42_000, 1, 'counted: first run answered in 42 s'],
      ['b2', 'first_run_answered', true, 5_000, 1, 'counted: first run answered in 5 s'],
      ['b3', 'first_run_answered', true, 50_000, 1, 'counted: first run answered in 50 s'],
      ['b4', 'first_run_unanswered', false, 0, 0, 'excluded: first run (2026-11-11 13:00:00) unanswered'],
    ]);
    expect(items[0]).toMatchObject({
      metric: 'avg_first_response_s',
      kind: 'session',
      shop: 's1',
      agent: A,
      day: '2026-11-11',
      why: '计入：首轮 42 秒内回复',
      session: { firstBuyerMessageId: 'm1', buyerMessages: 4, agentMessages: 3 },
    });
  });

  it('avg_response_s and unanswered_questions list the runs', () => {
    const runs = explainMetric(input, A, 'avg_response_s');
    expect(runs.map((r) => [r.buyer, r.code, r.numerator, r.run?.closeMessageId])).toEqual([
      ['b1', 'answered', 42_000, 'm4'],
      ['b1', 'answered', 90_000, 'm6'],
      ['b1', 'unanswered', 0, null],
      ['b2', 'answered', 5_000, 'm10'],
      ['b3', 'answered', 50_000, 'm17'],
      ['b4', 'unanswered', 0, null],
    ]);
    const open = explainMetric(input, A, 'unanswered_questions').filter((i) => i.included);
    expect(open.map((i) => [i.buyer, i.run?.firstMessageId, i.whyEn])).toEqual([
      ['b1', 'm8', 'counted: question at 2026-11-11 10:10:00 left unanswered'],
      ['b4', 'm18', 'counted: question at 2026-11-11 13:00:00 left unanswered'],
    ]);
    expect(
      explainMetric(input, A, 'slow_responses')
        .filter((i) => i.included)
        .map((i) => i.whyEn),
    ).toEqual(['counted: answered in 90 s, over 60 s']);
  });

  it('inquiries: the order before the chat, the transfer, the paid conversion', () => {
    expect(brief(explainMetric(input, A, 'inquiry_buyers'))).toEqual([
      ['b1', 'inquiry', true, 1, null, 'counted: inquiry, first buyer message 2026-11-11 10:00:00'],
      ['b2', 'inquiry', true, 1, null, 'counted: inquiry, first buyer message 2026-11-11 11:00:00'],
      [
        'b3',
        'order_before_chat',
        false,
        0,
        null,
        'excluded: order before chat (order o3 created 2026-11-11 09:00:00, chat 2026-11-11 12:00:00)',
      ],
      ['b4', 'not_received', false, 0, null, 'excluded: no agent message that day'],
    ]);
    const conv = explainMetric(input, A, 'inquiry_conversion_rate');
    expect(conv.map((i) => [i.buyer, i.code, i.numerator, i.denominator, i.order?.orderId])).toEqual([
      ['b1', 'paid', 1, 1, 'o1'],
      ['b2', 'not_ordered', 0, 1, undefined],
      ['b3', 'order_before_chat', 0, 0, 'o3'],
      ['b4', 'not_received', 0, 0, undefined],
    ]);
    expect(conv[0].whyEn).toBe('inquiry paid: order o1 paid 2026-11-11 10:09:00');
    expect(conv[0].order).toMatchObject({ creditedAgent: A, creditedMessageId: 'm7' });
    expect(explainMetric(input, B, 'inquiry_ordered_buyers').map((i) => i.whyEn)).toEqual([
      'inquiry ordered: order o2 created 2026-11-11 11:03:00',
    ]);
  });

  it('sales: credited, credited to another agent, silent', () => {
    expect(brief(explainMetric(input, A, 'sales_amount'))).toEqual([
      ['b3', 'silent_order', false, 0, null, expect.stringContaining('excluded: silent order o3')],
      [
        'b1',
        'credited_paid',
        true,
        12_345,
        null,
        'counted: order o1 paid ¥123.45, credited by message at 2026-11-11 10:07:00',
      ],
      [
        'b2',
        'credited_to_other',
        false,
        0,
        null,
        'excluded: order o2 credited to s1:小王 (last agent message 2026-11-11 11:02:00)',
      ],
    ]);
  });

  it('reminders: by another agent than the credited one', () => {
    expect(
      explainMetric(input, A, 'reminder_success_rate').map((i) => [
        i.order?.orderId,
        i.code,
        i.numerator,
        i.denominator,
      ]),
    ).toEqual([
      ['o3', 'paid_at_creation', 0, 0],
      ['o1', 'no_reminder', 0, 0],
      ['o2', 'reminded_paid', 1, 1],
    ]);
    expect(
      explainMetric(input, B, 'reminded_orders').map((i) => [i.order?.orderId, i.code, i.whyEn]),
    ).toEqual([['o2', 'reminded_by_other', 'excluded: order o2 reminded by s1:小美 at 2026-11-11 11:10:00']]);
  });
});

/** Pools explain items as poolParts pools parts. */
function pooled(metric: KpiMetricKey, items: ExplainItem[]): number | null {
  const kind = KPI_METRICS.find((m) => m.key === metric)!.kind;
  let num = 0;
  let den = 0;
  for (const i of items) {
    num += i.numerator;
    den += i.denominator ?? 0;
    if (!i.included) expect([i.numerator, i.denominator ?? 0]).toEqual([0, 0]);
  }
  if (metric === 'sales_amount') return num / 100;
  if (metric === 'avg_order_value') return roundedQuotient(num, den * 100, 100);
  if (kind === 'count') return num;
  if (kind === 'seconds') return meanSeconds(num, den);
  return rate(num, den);
}

describe('explain items reproduce every figure (random data)', () => {
  const first = dayStringToNumber('2026-11-09');
  const data = randomData({
    seed: 7,
    timeZone: SH,
    firstDay: first,
    days: 5,
    buyers: 250,
    agents: 3,
    visitsPerBuyer: 2,
    messagesPerVisit: 8,
  });
  const days = ['2026-11-10', '2026-11-11', '2026-11-12'];
  const rin = { settings, days, ...data };
  const parts = computeAgentDays(rin);
  const agents = [...new Set(parts.map((p) => p.agent))];

  it.each(KPI_METRICS.map((m) => m.key))('%s', (metric) => {
    expect(agents.length).toBe(3);
    for (const agent of agents) {
      const items = explainMetric(rin, agent, metric);
      expect(pooled(metric, items)).toBe(poolParts(parts.filter((p) => p.agent === agent))[metric]);
      const one = explainMetric(rin, agent, metric, ['2026-11-11']);
      expect(pooled(metric, one)).toBe(
        poolParts(parts.filter((p) => p.agent === agent && p.day === '2026-11-11'))[metric],
      );
      expect(new Set(one.map((i) => i.day))).toEqual(new Set(one.length ? ['2026-11-11'] : []));
    }
  });

  it('sorts by day then time', () => {
    const items = explainMetric(rin, agents[0], 'sales_amount');
    const keys = items.map((i) => `${i.day}|${String(i.at).padStart(15, '0')}`);
    expect(keys).toEqual([...keys].sort());
    expect(dayNumberToString(first)).toBe('2026-11-09');
  });
});
