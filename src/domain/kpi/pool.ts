// Pooling: from summed daily parts to the published KPI values. Rates and means are recomputed from the
// summed parts (never averaged); a zero denominator gives null. Rounding is done here, in exact integer
// arithmetic, so the figures do not depend on the database engine that summed the parts.
import type { AgentKpi } from './metrics.js';
import { emptyParts, type KpiParts, PART_KEYS } from './parts.js';

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * num / den × scale rounded to the nearest integer, halves up, then divided by scale: the JS number
 * closest to the decimal result, so JSON prints it exactly (0.6667, 42.5, 300.01).
 * num ≥ 0 and den > 0 are integers; null when den is 0. Exact for any safe integers (BigInt fallback).
 */
export function roundedQuotient(num: number, den: number, scale: number): number | null {
  if (den === 0) return null;
  const a = 2 * num * scale + den;
  const b = 2 * den;
  // With a < 2^53 the float quotient's floor is exact (its error is below 1/b).
  if (a <= SAFE && b <= SAFE) return Math.floor(a / b) / scale;
  const bs = BigInt(scale);
  const bd = BigInt(den);
  return Number((2n * BigInt(num) * bs + bd) / (2n * bd)) / scale;
}

/** A rate: 4 decimals (0.6667 = 66.67 %). */
export function rate(num: number, den: number): number | null {
  return roundedQuotient(num, den, 10_000);
}

/** Mean seconds from a sum of milliseconds: 1 decimal. */
export function meanSeconds(sumMs: number, count: number): number | null {
  return roundedQuotient(sumMs, count * 1000, 10);
}

/** Yuan from fen, exact (2 decimals). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** Sums parts field by field (integers, exact). */
export function sumParts(parts: readonly KpiParts[]): KpiParts {
  const total = emptyParts();
  for (const p of parts) for (const k of PART_KEYS) total[k] += p[k];
  return total;
}

/** The published KPI values of already-summed parts (e.g. a SUM over the rollup table). */
export function kpiFromParts(p: KpiParts): AgentKpi {
  return {
    consulted_buyers: p.consulted_buyers,
    received_buyers: p.received_buyers,
    reply_rate: rate(p.received_buyers, p.consulted_buyers),
    buyer_messages: p.buyer_messages,
    agent_messages: p.agent_messages,
    answer_question_ratio: rate(p.agent_messages, p.buyer_messages),
    avg_response_s: meanSeconds(p.response_sum_ms, p.response_count),
    avg_first_response_s: meanSeconds(p.first_response_sum_ms, p.first_response_count),
    slow_responses: p.slow_responses,
    unanswered_questions: p.unanswered_questions,
    inquiry_buyers: p.inquiry_buyers,
    inquiry_ordered_buyers: p.inquiry_ordered_buyers,
    inquiry_paid_buyers: p.inquiry_paid_buyers,
    inquiry_conversion_rate: rate(p.inquiry_paid_buyers, p.inquiry_buyers),
    sales_amount: fenToYuan(p.sales_fen),
    paying_buyers: p.paying_buyers,
    avg_order_value: roundedQuotient(p.sales_fen, p.paying_buyers * 100, 100),
    reminded_orders: p.reminded_orders,
    reminder_paid_orders: p.reminder_paid_orders,
    reminder_success_rate: rate(p.reminder_paid_orders, p.reminded_orders),
  };
}

/** Pools parts of any agents and days into one set of KPI values (counts summed, rates pooled). */
export function poolParts(parts: readonly KpiParts[]): AgentKpi {
  return kpiFromParts(sumParts(parts));
}
