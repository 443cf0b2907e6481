// Sources without message ids (Qianniu transcripts, JSONL lines without `id`) get one derived from the
// message itself, so importing the same file twice yields the same ids and changes nothing.

import { createHash } from 'node:crypto';
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
  return createHash('sha1')
    .update(`${shop}\u001f${buyer}\u001f${agent}\u001f${from}\u001f${at}\u001f${text}`)
    .digest('hex')
    .slice(0, 20);
}
