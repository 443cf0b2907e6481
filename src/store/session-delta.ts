// Sessions are kept up to date additively during an import: each batch adds the counts of the messages it
// newly inserted (re-imported messages are skipped, so they add nothing). No pass over stored messages.
// Deltas are held across batches and written when many have gathered (messages of concurrent chats
// interleave, so a per-batch flush would upsert the same sessions over and over).
export const SESSION_FLUSH_AT = 50_000;
import type { MessageRow } from './import-writer.js';

export interface SessionDelta {
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
}

export class SessionDeltas {
  // Per shop, then per day, then by session id: a lookup per message must not build a key string per
  // message, and the days let drainBefore hand over whole days instead of visiting every held session
  // after every batch (which cost a 2M-message PostgreSQL import ~0.9 s of this thread).
  private readonly byShop = new Map<string, Map<string, Map<string, SessionDelta>>>();
  private lastShop = '';
  private lastDay = '';
  private last: Map<string, SessionDelta> | undefined;
  private count = 0;

  /** Counts one newly inserted message; true when it is the first of its session since the last drain. */
  add(m: MessageRow): boolean {
    const before = this.count;
    const d = this.entry(m.shop, m.sessionId, m.agent, m.buyer, m.day, m.at, m.at);
    if (m.at < d.firstAt) d.firstAt = m.at;
    if (m.at > d.lastAt) d.lastAt = m.at;
    d.messageCount++;
    if (m.from === 'buyer') d.buyerMessages++;
    else if (m.from === 'agent') d.agentMessages++;
    else if (m.from === 'bot') d.botMessages++;
    return this.count !== before;
  }

  /** Adds another delta of a session (a batch's counts, gathered elsewhere). */
  merge(o: SessionDelta): void {
    const d = this.entry(o.shop, o.id, o.agent, o.buyer, o.day, o.firstAt, o.lastAt);
    if (o.firstAt < d.firstAt) d.firstAt = o.firstAt;
    if (o.lastAt > d.lastAt) d.lastAt = o.lastAt;
    d.messageCount += o.messageCount;
    d.buyerMessages += o.buyerMessages;
    d.agentMessages += o.agentMessages;
    d.botMessages += o.botMessages;
  }

  /** The session's delta; created with no messages if none came since the last drain. */
  private entry(
    shop: string,
    id: string,
    agent: string,
    buyer: string,
    day: string,
    firstAt: number,
    lastAt: number,
  ): SessionDelta {
    if (shop !== this.lastShop || day !== this.lastDay || this.last === undefined) {
      let days = this.byShop.get(shop);
      if (days === undefined) {
        days = new Map();
        this.byShop.set(shop, days);
      }
      let byId = days.get(day);
      if (byId === undefined) {
        byId = new Map();
        days.set(day, byId);
      }
      this.lastShop = shop;
      this.lastDay = day;
      this.last = byId;
    }
    let d = this.last.get(id);
    if (!d) {
      d = {
        shop,
        id,
        agent,
        buyer,
        day,
        firstAt,
        lastAt,
        messageCount: 0,
        buyerMessages: 0,
        agentMessages: 0,
        botMessages: 0,
      };
      this.last.set(id, d);
      this.count++;
    }
    return d;
  }

  get size(): number {
    return this.count;
  }

  /** Hands over the deltas of sessions with a day before their shop's cutoff day and keeps the rest. */
  drainBefore(cutoff: (shop: string) => string): SessionDelta[] {
    const out: SessionDelta[] = [];
    for (const [shop, days] of this.byShop) {
      const before = cutoff(shop);
      for (const [day, byId] of days) {
        if (day >= before) continue;
        for (const d of byId.values()) out.push(d);
        days.delete(day);
        if (byId === this.last) this.last = undefined;
      }
    }
    this.count -= out.length;
    return out;
  }

  /** Hands over the collected deltas and starts afresh. */
  drain(): SessionDelta[] {
    const out: SessionDelta[] = [];
    for (const days of this.byShop.values())
      for (const byId of days.values()) for (const d of byId.values()) out.push(d);
    this.byShop.clear();
    this.last = undefined;
    this.count = 0;
    return out;
  }
}

/**
 * A delta's values in the order of the sessions table's columns (shop, id, agent, buyer, day, first_at,
 * last_at, message_count, buyer_messages, agent_messages, bot_messages): what both engines write.
 */
export function sessionDeltaValues(d: SessionDelta): [string, string, string, string, string, ...number[]] {
  return [
    d.shop,
    d.id,
    d.agent,
    d.buyer,
    d.day,
    d.firstAt,
    d.lastAt,
    d.messageCount,
    d.buyerMessages,
    d.agentMessages,
    d.botMessages,
  ];
}

/** Sorts deltas by session id (ids lead with the day): inserted in this order, the key's B-tree fills front to back. */
export function sortById(deltas: SessionDelta[]): SessionDelta[] {
  return deltas.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
