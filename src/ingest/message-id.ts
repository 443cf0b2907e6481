// Sources without message ids (Qianniu transcripts, JSONL lines without `id`) get one derived from the
// message itself, so importing the same file twice yields the same ids and changes nothing.

import * as crypto from 'node:crypto';
import type { Sender } from '../domain/types.js';

/** First 20 hex digits of sha1 over the fields, separated by U+001F (cannot occur in a nick). */
export function messageIdFor(
  shop: string,
  buyer: string,
  agent: string,
  from: Sender,
  at: number,
  text: string,
): string {
  const key = `${shop}\u001f${buyer}\u001f${agent}\u001f${from}\u001f${at}\u001f${text}`;
  return sha1Hex(key).slice(0, 20);
}

// crypto.hash (Node 20.12+) hashes in one native call, about 3x faster than createHash per message,
// which matters when millions of lines come without ids.
const sha1Hex: (data: string) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha1', data, 'hex')
    : (data) => crypto.createHash('sha1').update(data).digest('hex');
