// A session is one thread-day: (shop, agent, buyer, calendar day in the shop's time zone).
// Its id is a stable hash of that key, so the same chats give the same ids on every engine and re-import.
import { createHash } from 'node:crypto';
import type { SessionKey } from './types.js';

export function sessionIdOf(key: SessionKey): string {
  return createHash('sha1')
    .update(`${key.shop}\u0000${key.agent}\u0000${key.buyer}\u0000${key.day}`)
    .digest('hex')
    .slice(0, 16);
}
