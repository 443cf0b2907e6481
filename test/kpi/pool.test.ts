import { describe, expect, it } from 'vitest';
import {
  emptyParts,
  KPI_METRIC_KEYS,
  KPI_METRICS,
  type KpiParts,
  kpiFromParts,
  meanSeconds,
  PART_KEYS,
  poolParts,
  rate,
  roundedQuotient,
  sumParts,
} from '../../src/domain/kpi/index.js';

const p = (x: Partial<KpiParts>): KpiParts => ({ ...emptyParts(), ...x });

describe('rounding (exact integer arithmetic, halves up)', () => {
  it('rates to 4 decimals', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(1, 8)).toBe(0.125);
    expect(rate(5, 80_000)).toBe(0.0001); // 0.0000625 → 0.0001
    expect(rate(1005, 100_000)).toBe(0.0101); // naive Math.round(0.01005 * 1e4) gives 0.01
    expect(rate(0, 7)).toBe(0);
    expect(rate(3, 0)).toBeNull();
    expect(JSON.stringify(rate(2, 3))).toBe('0.6667');
  });

  it('seconds to 1 decimal, money to 2', () => {
    expect(meanSeconds(127_000, 4)).toBe(31.8); // 31.75
    expect(meanSeconds(1_050, 1)).toBe(1.1); // 1.05
    expect(meanSeconds(1_049, 1)).toBe(1);
    expect(meanSeconds(5, 0)).toBeNull();
    expect(roundedQuotient(17_345, 200, 100)).toBe(86.73); // 8 672.5 fen → 86.73 yuan
    expect(roundedQuotient(1_005, 100, 100)).toBe(10.05);
  });

  it('stays exact beyond 2^53 intermediate values (BigInt path)', () => {
    expect(roundedQuotient(2 ** 52, 3, 10_000)).toBe(Number((2n ** 52n * 10_000n * 2n + 3n) / 6n) / 10_000);
    expect(rate(9_000_000_000_000, 9_000_000_000_001)).toBe(1);
  });
});

describe('poolParts', () => {
  it('zero denominators give null, counts 0', () => {
    const k = poolParts([]);
    expect(Object.keys(k)).toEqual([...KPI_METRIC_KEYS]);
    for (const m of KPI_METRICS) {
      if (m.kind === 'count' || m.key === 'sales_amount') expect(k[m.key]).toBe(0);
      else expect(k[m.key]).toBeNull();
    }
  });

  it('pools across days and agents instead of averaging', () => {
    const day1 = p({ inquiry_buyers: 1, inquiry_paid_buyers: 1, response_sum_ms: 10_000, response_count: 1 });
    const day2 = p({
      inquiry_buyers: 9,
      inquiry_paid_buyers: 0,
      response_sum_ms: 900_000,
      response_count: 9,
    });
    const k = poolParts([day1, day2]);
    expect(k.inquiry_conversion_rate).toBe(0.1); // 1 / 10, not (1 + 0) / 2
    expect(k.avg_response_s).toBe(91); // 910 s / 10 runs, not (10 + 100) / 2
    expect(k.inquiry_buyers).toBe(10);
  });

  it('money is exact from fen', () => {
    const k = poolParts([p({ sales_fen: 10 }), p({ sales_fen: 20, paying_buyers: 3 })]);
    expect(k.sales_amount).toBe(0.3); // 0.1 + 0.2 in floats would be 0.30000000000000004
    expect(k.avg_order_value).toBe(0.1);
  });

  it('sumParts and kpiFromParts compose to poolParts', () => {
    const a = p(Object.fromEntries(PART_KEYS.map((key, i) => [key, i + 1])));
    const b = p(Object.fromEntries(PART_KEYS.map((key, i) => [key, 2 * i])));
    expect(kpiFromParts(sumParts([a, b]))).toEqual(poolParts([a, b]));
  });

  it('publishes labels and kinds for every metric key', () => {
    expect(KPI_METRICS.map((m) => m.key)).toEqual([...KPI_METRIC_KEYS]);
    expect(KPI_METRICS.find((m) => m.key === 'inquiry_conversion_rate')).toEqual({
      key: 'inquiry_conversion_rate',
      zh: '询单转化率',
      en: 'Inquiry conversion rate',
      kind: 'rate',
      decimals: 4,
    });
  });
});
