// The KPI domain: pure functions from chats and orders to published, explainable KPI figures.
// See docs/metrics.md for every definition.
export { computeAgentDays, type KpiInput } from './compute.js';
export {
  type AgentMessageRef,
  type Credit,
  type CreditMessage,
  type CreditOrder,
  creditOrders,
} from './credit.js';
export {
  type ExplainCode,
  type ExplainItem,
  type ExplainOrder,
  type ExplainSession,
  explainMetric,
} from './explain.js';
export {
  type AgentKpi,
  isKpiMetricKey,
  KPI_METRIC_BY_KEY,
  KPI_METRIC_KEYS,
  KPI_METRICS,
  type KpiMetric,
  type KpiMetricKey,
  type KpiMetricKind,
} from './metrics.js';
export { type AgentDayParts, addParts, emptyParts, type KpiParts, PART_KEYS, type PartKey } from './parts.js';
export { fenToYuan, kpiFromParts, meanSeconds, poolParts, rate, roundedQuotient, sumParts } from './pool.js';
export { findReminders, needsPayment, type Reminder, type ReminderOrder } from './reminders.js';
export { type ResponseRun, type RunMessage, RunWalker, responseRuns } from './response-runs.js';
export {
  DEFAULT_KPI_SETTINGS,
  INQUIRY_ORDER_WINDOW_DAYS,
  type KpiSettings,
  REMINDER_WINDOW_MS,
  resolveKpiSettings,
  validateKpiSettings,
} from './settings.js';
export { affectedDays, type DataWindow, type DayRange, requiredWindow } from './window.js';
