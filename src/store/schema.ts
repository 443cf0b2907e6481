// Kysely table types. Every table carries `shop` as the first key column so that a PostgreSQL deployment
// can partition or distribute each large table by shop (see docs/deploy.md).
import type { Generated } from 'kysely';
import type { KpiParts } from '../domain/kpi/parts.js';

export interface ShopsTable {
  id: string;
  name: string;
  time_zone: string;
  /** JSON object of shop settings (KPI thresholds and windows); '{}' means defaults. */
  settings: string;
  created_at: number;
}

export interface AgentsTable {
  shop: string;
  nick: string;
  name: string;
  /** null when the agent was only seen in chats, never in an agents file. */
  role: string | null;
  grp: string | null;
  hired_on: string | null;
  mentor: string | null;
}

export interface BuyersTable {
  shop: string;
  nick: string;
}

export interface MessagesTable {
  shop: string;
  id: string;
  /** The session (shop, agent, buyer, day): buyer, agent and day are read from there. */
  session_id: string;
  sender: string;
  /** Epoch ms. */
  at: number;
  /**
   * Import order: breaks ties between equal timestamps ("equal times keep input order"). On SQLite the
   * rowid (assigned on insert); on PostgreSQL written by the import.
   */
  seq: Generated<number>;
  text: string;
  kind: string;
}

export interface SessionsTable {
  shop: string;
  id: string;
  agent: string;
  buyer: string;
  day: string;
  first_at: number;
  last_at: number;
  message_count: number;
  buyer_messages: number;
  agent_messages: number;
  bot_messages: number;
  /** Bumped whenever messages are added, so inspection can re-run only what changed. */
  revision: number;
}

export interface OrdersTable {
  shop: string;
  order_id: string;
  buyer: string;
  created_at: number;
  paid_at: number | null;
  amount_fen: number;
  status: string;
  items: string | null;
}

export interface RefundsTable {
  shop: string;
  refund_id: string;
  order_id: string;
  buyer: string;
  agent: string | null;
  created_at: number;
  amount_fen: number;
  reason: string;
  status: string;
}

export interface ImportsTable {
  id: Generated<number>;
  shop: string | null;
  file: string;
  format: string;
  records: number;
  inserted: number;
  started_at: number;
  finished_at: number;
}

export interface KpiAgentDaysTable extends KpiParts {
  shop: string;
  day: string;
  agent: string;
}

export interface FindingsTable {
  shop: string;
  /** Stable: a hash of session id and rule, so re-inspection replaces rather than duplicates. */
  id: string;
  session_id: string;
  rule: string;
  severity: string;
  agent: string;
  buyer: string;
  /** The session's day (YYYY-MM-DD). */
  day: string;
  /** JSON array of message ids. */
  message_ids: string;
  /** JSON array of { message_id, start, end, text } (UTF-16 offsets into the message text). */
  evidence: string;
  score_delta: number;
  detail: string | null;
  /** Fingerprint of the rulebook that produced it. */
  rulebook: string;
}

export interface SessionScoresTable {
  shop: string;
  session_id: string;
  day: string;
  agent: string;
  score: number;
  findings: number;
  critical: number;
  /** The sessions.revision that was inspected: a larger revision means the session changed since. */
  inspected_revision: number;
  rulebook: string;
  inspected_at: number;
}

export interface UsersTable {
  id: string;
  username: string;
  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
  password_hash: string;
  /** admin | supervisor | inspector | agent | viewer */
  role: string;
  /** The agent nick an `agent` user is linked to. */
  agent_nick: string | null;
  created_at: number;
  /** 0 or 1. */
  disabled: number;
}

export interface UserShopsTable {
  user_id: string;
  shop: string;
}

export interface AuthSessionsTable {
  /** sha256 (hex) of the session cookie's token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  csrf: string;
  expires_at: number;
}

export interface ApiTokensTable {
  /** sha256 (hex) of the token. */
  token_hash: string;
  shop: string;
  name: string;
  created_by: string;
  created_at: number;
}

/** One row per inquiry session (KPI § 5.6), written with the rollups: did it order, did it pay in time. */
export interface KpiInquiriesTable {
  shop: string;
  session_id: string;
  day: string;
  agent: string;
  /** 0 or 1: an order credited to the agent on D or D+1 (inquiry_ordered_buyers). */
  ordered: number;
  /** 0 or 1: such an order paid within the window (inquiry_paid_buyers); 0 = "inquiry not converted". */
  paid: number;
}

/** Findings per (shop, day, agent, rule, severity): the findings summary reads these. */
export interface FindingAgentDaysTable {
  shop: string;
  day: string;
  agent: string;
  rule: string;
  severity: string;
  findings: number;
}

/** Inspected sessions and their score sum per (shop, day, agent). */
export interface ScoreAgentDaysTable {
  shop: string;
  day: string;
  agent: string;
  sessions: number;
  score_sum: number;
}

export interface Database {
  shops: ShopsTable;
  agents: AgentsTable;
  buyers: BuyersTable;
  messages: MessagesTable;
  sessions: SessionsTable;
  orders: OrdersTable;
  refunds: RefundsTable;
  imports: ImportsTable;
  kpi_agent_days: KpiAgentDaysTable;
  kpi_inquiries: KpiInquiriesTable;
  findings: FindingsTable;
  session_scores: SessionScoresTable;
  finding_agent_days: FindingAgentDaysTable;
  score_agent_days: ScoreAgentDaysTable;
  users: UsersTable;
  user_shops: UserShopsTable;
  auth_sessions: AuthSessionsTable;
  api_tokens: ApiTokensTable;
}
