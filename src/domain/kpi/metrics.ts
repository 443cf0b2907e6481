// The published KPI metric keys, their labels and kinds (table headers, JSON keys, exports).

export type KpiMetricKind = 'count' | 'rate' | 'seconds' | 'money';

export interface KpiMetric {
  key: KpiMetricKey;
  /** Chinese column name, as CS managers know it. */
  zh: string;
  en: string;
  kind: KpiMetricKind;
  /** Decimals of the published value: counts 0, rates 4, seconds 1, money (yuan) 2. */
  decimals: number;
}

export const KPI_METRIC_KEYS = [
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
] as const;

export type KpiMetricKey = (typeof KPI_METRIC_KEYS)[number];

/** One pooled KPI value per metric key: numbers, or null for a rate or mean with a zero denominator. */
export type AgentKpi = Record<KpiMetricKey, number | null>;

const DECIMALS: Record<KpiMetricKind, number> = { count: 0, rate: 4, seconds: 1, money: 2 };

function m(key: KpiMetricKey, zh: string, en: string, kind: KpiMetricKind): KpiMetric {
  return { key, zh, en, kind, decimals: DECIMALS[kind] };
}

export const KPI_METRICS: readonly KpiMetric[] = [
  m('consulted_buyers', '咨询人数', 'Consulted buyers', 'count'),
  m('received_buyers', '接待人数', 'Received buyers', 'count'),
  m('reply_rate', '回复率', 'Reply rate', 'rate'),
  m('buyer_messages', '买家消息数', 'Buyer messages', 'count'),
  m('agent_messages', '客服消息数', 'Agent messages', 'count'),
  m('answer_question_ratio', '答问比', 'Answer/question ratio', 'rate'),
  m('avg_response_s', '平均响应时间(秒)', 'Avg response time (s)', 'seconds'),
  m('avg_first_response_s', '首次响应时间(秒)', 'Avg first response time (s)', 'seconds'),
  m('slow_responses', '慢响应次数', 'Slow responses', 'count'),
  m('unanswered_questions', '未回复问题数', 'Unanswered questions', 'count'),
  m('inquiry_buyers', '询单人数', 'Inquiry buyers', 'count'),
  m('inquiry_ordered_buyers', '询单→下单人数', 'Inquiry → ordered buyers', 'count'),
  m('inquiry_paid_buyers', '询单→最终付款人数', 'Inquiry → paid buyers', 'count'),
  m('inquiry_conversion_rate', '询单转化率', 'Inquiry conversion rate', 'rate'),
  m('sales_amount', '客服销售额(元)', 'Sales amount (yuan)', 'money'),
  m('paying_buyers', '销售人数', 'Paying buyers', 'count'),
  m('avg_order_value', '客单价(元)', 'Avg order value (yuan)', 'money'),
  m('reminded_orders', '催付订单数', 'Reminded orders', 'count'),
  m('reminder_paid_orders', '催付成功数', 'Reminded orders paid', 'count'),
  m('reminder_success_rate', '催付成功率', 'Reminder success rate', 'rate'),
];

export const KPI_METRIC_BY_KEY: ReadonlyMap<KpiMetricKey, KpiMetric> = new Map(
  KPI_METRICS.map((x) => [x.key, x]),
);

export function isKpiMetricKey(s: string): s is KpiMetricKey {
  return KPI_METRIC_BY_KEY.has(s as KpiMetricKey);
}
