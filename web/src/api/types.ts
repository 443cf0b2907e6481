// The shapes the web client reads from the API (docs/api-contract.md), after normalize.ts has smoothed
// over spelling differences (snake_case vs camelCase) between the contract and the server.
import type { AgentKpi, KpiMetricKey } from '../../../src/domain/kpi/metrics.js';

export type { AgentKpi, KpiMetricKey };

export type Role = 'admin' | 'supervisor' | 'inspector' | 'agent' | 'viewer';

export interface User {
  id: string;
  username: string;
  role: Role;
  agent: string | null;
  shops: string[];
}

/** A user as GET /users lists them (admin). */
export interface ManagedUser extends User {
  disabled: boolean;
  created_at: number;
}

/** An API token's public handle (the token itself is shown once, at creation). */
export interface ApiToken {
  id: string;
  shop: string;
  name: string;
  created_at: number;
}

export interface Shop {
  id: string;
  name: string;
  timeZone: string;
  /** The shop's KPI settings; absent from older servers. */
  kpi?: { slowThresholdS: number; creditWindowDays: number; paidWindowDays: number };
}

export interface Agent {
  nick: string;
  name?: string | null;
  role?: string | null;
  group?: string | null;
  hiredOn?: string | null;
  mentor?: string | null;
}

export interface KpiRow extends AgentKpi {
  agent: string;
}

export interface KpiReport {
  agents: KpiRow[];
  total: AgentKpi;
  days?: { day: string; total: AgentKpi; agents: KpiRow[] }[];
}

export interface ExplainItem {
  metric: KpiMetricKey;
  kind: string;
  agent: string;
  buyer: string;
  day: string;
  at: number;
  included: boolean;
  numerator: number;
  denominator: number;
  code?: string;
  why: string;
  whyEn: string;
  sessionId: string | null;
}

export interface SessionSummary {
  shop: string;
  id: string;
  agent: string;
  buyer: string;
  day: string;
  firstAt: number;
  lastAt: number;
  messageCount: number;
  buyerMessages: number;
  agentMessages: number;
  botMessages: number;
  score: number | null;
}

export type Sender = 'buyer' | 'agent' | 'bot' | 'system';

export interface Message {
  id: string;
  from: Sender;
  at: number;
  text: string;
  kind: string;
  agent?: string | null;
}

export interface Evidence {
  messageId: string;
  start: number;
  end: number;
  text: string;
}

export type Severity = 'critical' | 'major' | 'minor' | 'info';

export interface Finding {
  id: string;
  rule: string;
  ruleName?: string;
  severity: Severity;
  messageIds: string[];
  evidence: Evidence[];
  scoreDelta: number;
  detail: string | null;
  // only in GET /findings
  agent?: string;
  buyer?: string;
  date?: string;
  sessionId?: string;
}

export interface Order {
  orderId: string;
  createdAt: number;
  paidAt: number | null;
  /** Yuan. */
  amount: number;
  status: string;
  items?: string | null;
}

export interface Refund {
  refundId: string;
  orderId: string;
  agent?: string | null;
  createdAt: number;
  /** Yuan. */
  amount: number;
  reason: string;
  status: string;
}

export interface SessionDetail {
  session: SessionSummary;
  messages: Message[];
  orders: Order[];
  refunds: Refund[];
  findings: Finding[];
  score: number | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FindingsSummary {
  byRule: { rule: string; name: string; category: string; severity: Severity; count: number }[];
  byAgent: { agent: string; count: number; bySeverity: Partial<Record<Severity, number>> }[];
  byDay: { day: string; count: number; byRule: Record<string, number> }[];
  scores: {
    byAgent: { agent: string; score: number | null; sessions: number }[];
    byDay: { day: string; score: number | null; sessions: number }[];
    team: { score: number | null; sessions: number };
  };
}

export interface RuleExample {
  expect: 'hit' | 'miss';
  messages: { from: Sender; text: string }[];
}

export interface Rule {
  id: string;
  name: string;
  category: string;
  severity: Severity;
  scope?: string;
  description: string;
  examples: RuleExample[];
}

export interface Rulebook {
  id: string;
  version: string | number;
  rules: Rule[];
}

export interface RuleTestResult {
  hit: boolean;
  findings: {
    rule: string;
    evidence: { start: number; end: number; text: string }[];
    detail: string | null;
  }[];
}

export interface ImportFileResult {
  file: string;
  format: string;
  records: number;
  inserted: number;
  sessionsTouched: number;
}

export interface ImportError {
  file: string;
  line: number | null;
  field: string | null;
  reason: string;
  message: string;
}

export interface ImportResponse {
  results: ImportFileResult[];
  errors: ImportError[];
}
