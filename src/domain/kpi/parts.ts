// The summable daily parts of the KPIs, one row per (shop, agent, day). Every field is a non-negative
// integer, so a rollup table can store them as-is and any period, group or team is a plain SUM.

export const PART_KEYS = [
  'consulted_buyers',
  'received_buyers',
  'buyer_messages',
  'agent_messages',
  'response_sum_ms',
  'response_count',
  'first_response_sum_ms',
  'first_response_count',
  'slow_responses',
  'unanswered_questions',
  'inquiry_buyers',
  'inquiry_ordered_buyers',
  'inquiry_paid_buyers',
  'sales_fen',
  'paying_buyers',
  'reminded_orders',
  'reminder_paid_orders',
] as const;

export type PartKey = (typeof PART_KEYS)[number];

/** Summable counters; what poolParts() needs. */
export type KpiParts = Record<PartKey, number>;

export interface AgentDayParts extends KpiParts {
  shop: string;
  agent: string;
  /** YYYY-MM-DD in the shop's time zone. */
  day: string;
}

export function emptyParts(): KpiParts {
  const p = {} as KpiParts;
  for (const k of PART_KEYS) p[k] = 0;
  return p;
}

/** Adds b into a (in place) and returns a. */
export function addParts<T extends KpiParts>(a: T, b: KpiParts): T {
  for (const k of PART_KEYS) a[k] += b[k];
  return a;
}
