// The shared vocabulary of Zhipei: plain records that flow from importers to the store and from the
// store to the KPI and inspection engines. No I/O here.

/** Who wrote a chat message. Bot and system messages are never an agent's reply. */
export type Sender = 'buyer' | 'agent' | 'bot' | 'system';
export const SENDERS: readonly Sender[] = ['buyer', 'agent', 'bot', 'system'];

export type AgentRole =
  | 'presale'
  | 'aftersale'
  | 'logistics'
  | 'refund'
  | 'qa'
  | 'vip'
  | 'lead'
  | 'bot_trainer';
export const AGENT_ROLES: readonly AgentRole[] = [
  'presale',
  'aftersale',
  'logistics',
  'refund',
  'qa',
  'vip',
  'lead',
  'bot_trainer',
];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface Shop {
  id: string;
  name: string;
  /** IANA time zone; calendar days (sessions, KPI days) are taken in it. */
  timeZone: string;
}

export interface AgentProfile {
  shop: string;
  /** Sub-account nick, usually `店铺:客服名`. */
  nick: string;
  name: string;
  role: AgentRole;
  group: string;
  /** YYYY-MM-DD or null. */
  hiredOn: string | null;
  /** Nick of the mentor (帮带师傅), or null. */
  mentor: string | null;
}

export interface ChatMessage {
  shop: string;
  /** Given by the source, or a stable hash of the other fields (see ingest/message-id.ts). */
  id: string;
  buyer: string;
  /** The sub-account the thread is with; for buyer messages, the account written to. */
  agent: string;
  from: Sender;
  /** Epoch milliseconds (UTC). */
  at: number;
  text: string;
  /** text / image / item / order / emoji / transfer …; 'text' when the source says nothing. */
  kind: string;
}

export interface Order {
  shop: string;
  orderId: string;
  buyer: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms, or null while unpaid. */
  paidAt: number | null;
  /** What the buyer actually paid, in fen (1/100 yuan), to keep sums exact. */
  amountFen: number;
  status: string;
  items: string | null;
}

export interface Refund {
  shop: string;
  refundId: string;
  orderId: string;
  buyer: string;
  /** Agent nick who handled the refund, or null. */
  agent: string | null;
  createdAt: number;
  amountFen: number;
  reason: string;
  status: string;
}

/** A session is one thread-day: (shop, agent, buyer, calendar day in the shop's time zone). */
export interface SessionKey {
  shop: string;
  agent: string;
  buyer: string;
  /** YYYY-MM-DD in the shop's time zone. */
  day: string;
}

/** One record produced by an importer, tagged with where it came from (1-based line). */
export type ImportRecord =
  | { type: 'message'; line: number; value: ChatMessage }
  | { type: 'order'; line: number; value: Order }
  | { type: 'refund'; line: number; value: Refund }
  | { type: 'agent'; line: number; value: AgentProfile };
