// The store's bulk-write contract for one imported file: everything between begin and finish is one
// transaction, so a bad record anywhere rolls the whole file back and the store stays as it was.
import type { AgentProfile, ChatMessage, Order, Refund, Shop } from '../domain/types.js';
import type { EncodedMessages, EncodedSession, MessageEncoding } from './encoded-messages.js';

export interface MessageRow extends ChatMessage {
  sessionId: string;
  /** Session day in the shop's time zone. */
  day: string;
}

export interface ImportLogEntry {
  shop: string | null;
  file: string;
  format: string;
  records: number;
  startedAt: number;
}

export interface ImportWriteTotals {
  /** Rows that were new (messages) or new-or-changed (orders, refunds, agents). */
  inserted: number;
  /** Sessions created or grown by this file. */
  sessionsTouched: number;
}

export interface ImportWriter {
  /** Creates the shop if it does not exist yet; an existing shop keeps its settings. */
  ensureShop(shop: Shop): Promise<void>;
  /**
   * Inserts the messages that are not stored yet (by shop + id). The write may still be under way when
   * this resolves (the rows are the writer's from here on): its failure surfaces at a later call, and
   * how many were new is in finish()'s totals.
   */
  writeMessages(rows: MessageRow[]): Promise<void>;
  /** The encoding this writer takes message batches in, if any (then writeEncodedMessages exists). */
  readonly messageEncoding?: MessageEncoding;
  /** Like writeMessages, for a batch encoded ahead in messageEncoding's form (its sessions decoded once, by the caller). */
  writeEncodedMessages?(batch: EncodedMessages, sessions: readonly EncodedSession[]): Promise<void>;
  /** Upserts orders by (shop, order_id): the later record wins. Returns rows written. */
  writeOrders(rows: Order[]): Promise<number>;
  writeRefunds(rows: Refund[]): Promise<number>;
  writeAgents(rows: AgentProfile[]): Promise<number>;
  /** Rebuilds the touched sessions, logs the import and commits. */
  finish(log: ImportLogEntry): Promise<ImportWriteTotals>;
  /** Rolls everything back. Safe to call after a failure anywhere. */
  abort(): Promise<void>;
}

/** Display name of an agent seen only in chats: the part after the shop prefix of `店铺:客服名`. */
export function nameFromNick(nick: string): string {
  const i = nick.indexOf(':');
  return i >= 0 && i < nick.length - 1 ? nick.slice(i + 1) : nick;
}
