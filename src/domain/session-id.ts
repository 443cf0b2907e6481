// A session is one thread-day: (shop, agent, buyer, calendar day in the shop's time zone).
// Its id is stable (the same chats give the same ids on every engine and on re-import): 16 hex characters,
// the day number first (5 hex digits) and then a hash of the whole key. Leading with the day makes ids
// of one day sort together, so an import — whose messages arrive in time order — inserts into one small
// region of the session index instead of all over it; at millions of messages that is the difference
// between cached and uncached index pages.
import { createHash } from 'node:crypto';
import { dayNumberToString, dayStringToNumber, localDayNumber } from './time.js';
import type { SessionKey } from './types.js';

export function sessionIdOf(key: SessionKey): string {
  const day = dayStringToNumber(key.day);
  const prefix = (Number.isNaN(day) ? 0 : day).toString(16).padStart(5, '0');
  const hash = createHash('sha1')
    .update(`${key.shop}\u0000${key.agent}\u0000${key.buyer}\u0000${key.day}`)
    .digest('hex');
  return prefix + hash.slice(0, 11);
}

/** A thread's session on one day. */
interface ThreadDay {
  dayNumber: number;
  day: string;
  sessionId: string;
}

/**
 * Gives each message its session day and id, remembering each thread's latest day: an import sees the
 * same thread-day hundreds of times, and hashing once per session is enough. Threads are looked up by
 * shop, agent and buyer in nested maps, so a message costs three lookups of strings it already has and no
 * key built for it. Memory stays bounded on huge files (the memory is dropped when it holds more than
 * `limit` threads; a forgotten id is simply recomputed).
 */
export class SessionAssigner {
  private readonly threads = new Map<string, Map<string, Map<string, ThreadDay>>>();
  private size = 0;

  constructor(private readonly limit = 200_000) {}

  /** The message's session day and id (an object the assigner keeps: read it, do not change it). */
  assign(
    m: { shop: string; agent: string; buyer: string; at: number },
    timeZone: string,
  ): Readonly<{ day: string; sessionId: string }> {
    const dayNumber = localDayNumber(m.at, timeZone);
    let agents = this.threads.get(m.shop);
    if (agents === undefined) {
      agents = new Map();
      this.threads.set(m.shop, agents);
    }
    let buyers = agents.get(m.agent);
    if (buyers === undefined) {
      buyers = new Map();
      agents.set(m.agent, buyers);
    }
    let thread = buyers.get(m.buyer);
    if (thread === undefined || thread.dayNumber !== dayNumber) {
      if (thread === undefined && ++this.size > this.limit) {
        this.threads.clear();
        this.size = 0;
        return this.assign(m, timeZone);
      }
      const day = dayNumberToString(dayNumber);
      thread = {
        dayNumber,
        day,
        sessionId: sessionIdOf({ shop: m.shop, agent: m.agent, buyer: m.buyer, day }),
      };
      buyers.set(m.buyer, thread);
    }
    return thread;
  }
}
