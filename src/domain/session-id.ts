// A session is one thread-day: (shop, agent, buyer, calendar day in the shop's time zone).
// Its id is stable (the same chats give the same ids on every engine and on re-import): 16 hex characters,
// the day number first (5 hex digits) and then a hash of the whole key. Leading with the day makes ids
// of one day sort together, so an import — whose messages arrive in time order — inserts into one small
// region of the session index instead of all over it; at millions of messages that is the difference
// between cached and uncached index pages.
import { createHash } from 'node:crypto';
import { dayStringToNumber, localDay } from './time.js';
import type { SessionKey } from './types.js';

export function sessionIdOf(key: SessionKey): string {
  const day = dayStringToNumber(key.day);
  const prefix = (Number.isNaN(day) ? 0 : day).toString(16).padStart(5, '0');
  const hash = createHash('sha1')
    .update(`${key.shop}\u0000${key.agent}\u0000${key.buyer}\u0000${key.day}`)
    .digest('hex');
  return prefix + hash.slice(0, 11);
}

/**
 * Gives each message its session day and id, remembering the ids of recent sessions: an import sees the
 * same thread-day hundreds of times and hashing once per session is enough. Memory stays bounded on huge
 * files (the cache is dropped when it grows past `limit`; a forgotten id is simply recomputed).
 */
export class SessionAssigner {
  private readonly ids = new Map<string, string>();

  constructor(private readonly limit = 200_000) {}

  assign(
    m: { shop: string; agent: string; buyer: string; at: number },
    timeZone: string,
  ): {
    day: string;
    sessionId: string;
  } {
    const day = localDay(m.at, timeZone);
    const key = `${m.shop}\u0000${m.agent}\u0000${m.buyer}\u0000${day}`;
    let sessionId = this.ids.get(key);
    if (sessionId === undefined) {
      if (this.ids.size > this.limit) this.ids.clear();
      sessionId = sessionIdOf({ shop: m.shop, agent: m.agent, buyer: m.buyer, day });
      this.ids.set(key, sessionId);
    }
    return { day, sessionId };
  }
}
