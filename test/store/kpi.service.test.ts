// KPI rollups through the store: the same data gives identical KPI JSON on every engine, and rollups
// refreshed incrementally after each import equal a full recomputation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/demo/generate.js';
import type { ImportRecord } from '../../src/domain/types.js';
import { DemoService } from '../../src/services/demo.service.js';
import { ImportService } from '../../src/services/import.service.js';
import { type KpiReport, KpiService } from '../../src/services/kpi.service.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const DEMO = { messages: 6_000, days: undefined, seed: 7, agents: 12 };

interface Loaded {
  name: string;
  store: Store;
  cleanup(): Promise<void>;
}

describe('KPI service across engines', () => {
  const loaded: Loaded[] = [];
  let from = '';
  let to = '';

  beforeAll(async () => {
    for (const engine of enginesUnderTest()) {
      const { store, cleanup } = await engine.fresh();
      const r = await new DemoService(store).load(DEMO);
      await new KpiService(store).refreshAfterImport(r.days);
      loaded.push({ name: engine.name, store, cleanup });
    }
    const days = generateDemoShop(DEMO).options;
    from = days.startDay;
    to = '2026-12-31';
  });
  afterAll(async () => {
    for (const l of loaded) await l.cleanup();
  });

  it('reports plausible team numbers with exactly the published keys', async () => {
    const report = await new KpiService(loaded[0].store).report({ from, to });
    expect(Object.keys(report.total).sort()).toEqual(
      [
        'consulted_buyers',
        'received_buyers',
        'reply_rate',
        'buyer_messages',
        'agent_messages',
        'answer_question_ratio',
        'avg_response_s',
        'avg_first_response_s',
        'slow_responses',
        'unanswered_questions',
        'inquiry_buyers',
        'inquiry_ordered_buyers',
        'inquiry_paid_buyers',
        'inquiry_conversion_rate',
        'sales_amount',
        'paying_buyers',
        'avg_order_value',
        'reminded_orders',
        'reminder_paid_orders',
        'reminder_success_rate',
      ].sort(),
    );
    expect(report.total.inquiry_conversion_rate).toBeGreaterThan(0.5);
    expect(report.total.inquiry_conversion_rate).toBeLessThan(0.85);
    // Counts are sums of the agents' values; rates are pooled from the summed parts.
    const sum = report.agents.reduce((a, r) => a + (r.inquiry_buyers ?? 0), 0);
    expect(report.total.inquiry_buyers).toBe(sum);
    const paid = report.agents.reduce((a, r) => a + (r.inquiry_paid_buyers ?? 0), 0);
    expect(report.total.inquiry_conversion_rate).toBeCloseTo(paid / sum, 4);
  });

  it('gives identical KPI JSON on every engine (by day too)', async () => {
    const reports: KpiReport[] = [];
    for (const l of loaded) reports.push(await new KpiService(l.store).report({ from, to, byDay: true }));
    for (const r of reports.slice(1)) expect(JSON.stringify(r)).toBe(JSON.stringify(reports[0]));
  });

  it('group and agent filters narrow the report', async () => {
    const service = new KpiService(loaded[0].store);
    const all = await service.report({ from, to });
    const one = await service.report({ from, to, agent: all.agents[0].agent });
    expect(one.agents).toHaveLength(1);
    const { agent: _nick, ...first } = all.agents[0];
    expect(one.total).toEqual(first);
    const group = await loaded[0].store.db
      .selectFrom('agents')
      .select('grp')
      .where('grp', 'is not', null)
      .executeTakeFirstOrThrow();
    const byGroup = await service.report({ from, to, group: group.grp! });
    expect(byGroup.agents.length).toBeGreaterThan(0);
    expect(byGroup.agents.length).toBeLessThan(all.agents.length);
  });

  it('explain lists the sessions behind a figure, and they add up to it', async () => {
    const service = new KpiService(loaded[0].store);
    const all = await service.report({ from, to });
    const agent = all.agents.find((a) => (a.inquiry_buyers ?? 0) > 3)!;
    const { items } = await service.explain({ agent: agent.agent, metric: 'inquiry_paid_buyers', from, to });
    const counted = items.filter((i) => i.included).reduce((a, i) => a + i.numerator, 0);
    expect(counted).toBe(agent.inquiry_paid_buyers);
    expect(items.every((i) => i.sessionId === null || /^[0-9a-f]{16}$/.test(i.sessionId))).toBe(true);
  });
});

for (const engine of enginesUnderTest()) {
  it(`incremental refresh after each import equals a full recomputation (${engine.name})`, async () => {
    const { store, cleanup } = await engine.fresh();
    try {
      const demo = generateDemoShop({ ...DEMO, seed: 11 });
      const days = [...demo.days];
      const half = Math.floor(days.length / 2);
      const imports = new ImportService(store);
      const kpi = new KpiService(store);
      const source = (part: typeof days) => ({
        format: 'demo',
        bytesTotal: 0,
        bytesRead: () => 0,
        *records(): Iterable<ImportRecord> {
          for (const a of demo.agents) yield { type: 'agent' as const, line: 0, value: a };
          for (const d of part) {
            for (const m of d.messages) yield { type: 'message' as const, line: 0, value: { ...m } };
            for (const o of d.orders) yield { type: 'order' as const, line: 0, value: o };
          }
        },
      });
      for (const part of [days.slice(0, half), days.slice(half)]) {
        const r = await imports.importSource(source(part), 'part');
        await kpi.refreshAfterImport(r.days);
      }
      const range = { from: days[0].date, to: days[days.length - 1].date, byDay: true };
      const incremental = await kpi.report(range);
      await kpi.refreshAll(demo.shop.id);
      const full = await kpi.report(range);
      expect(incremental).toEqual(full);
      expect(full.total.consulted_buyers).toBeGreaterThan(100);
    } finally {
      await cleanup();
    }
  });
}
