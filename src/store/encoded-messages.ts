// Message batches encoded ahead, on the read-ahead worker, in the form a store takes them in bulk (for
// PostgreSQL, COPY text as bytes). The importing thread then only hands bytes to the store and adds up a
// few hundred session figures per batch: no message objects, strings or encoding there at all. Both
// directions of the format are here, pure and free of I/O, so the worker and the writer cannot disagree.
import type { Sender } from '../domain/types.js';
import type { MessageRow } from './import-writer.js';
import { messageCopyBytes } from './postgres/copy-format.js';
import type { SessionDelta } from './session-delta.js';

/** A form a writer takes message batches in. `firstSeq` is the import order number before the file's first message. */
export interface MessageEncoding {
  kind: 'postgres-copy';
  firstSeq: number;
}

/** A batch of messages in a writer's MessageEncoding, numbered on from `firstSeq`. */
export interface EncodedMessages {
  kind: 'encoded';
  /** Messages in the batch. */
  count: number;
  /** Import order number before the batch's first message. */
  firstSeq: number;
  /** The batch's sessions, as id, shop, agent, buyer, day, each followed by SEP. */
  sessions: string;
  /** Per session, SESSION_NUMBERS figures: file line of its first message here, first and last at, counts. */
  sessionNumbers: Float64Array;
  /** The messages in the encoding's form (for 'postgres-copy', COPY text of the messages' columns). */
  bytes: Uint8Array;
}

/** The session of an encoded batch, with its figures in this batch and the file line where it first appears. */
export interface EncodedSession extends SessionDelta {
  firstLine: number;
}

/** A session's key as it crosses between threads. */
export type SessionKeyFields = Pick<SessionDelta, 'id' | 'shop' | 'agent' | 'buyer' | 'day'>;

const SEP = '\u0001';
const KEY_FIELDS = 5;
const SESSION_NUMBERS = 7;
const SENDER_SLOT: Record<Sender, number> = { buyer: 4, agent: 5, bot: 6, system: -1 };

/**
 * Encodes a batch (messages with their file lines, in file order); null when a session's shop, agent,
 * buyer or day holds the separator itself, and the batch must cross as objects instead.
 */
export function encodeMessages(
  encoding: MessageEncoding,
  firstSeq: number,
  lines: readonly number[],
  messages: readonly MessageRow[],
): EncodedMessages | null {
  const index = new Map<string, number>();
  const numbers: number[] = [];
  let sessions = '';
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    let s = index.get(m.sessionId);
    if (s === undefined) {
      const key = sessionKeyText(m);
      if (key === null) return null;
      s = numbers.length;
      index.set(m.sessionId, s);
      sessions += key;
      numbers.push(lines[i], m.at, m.at, 0, 0, 0, 0);
    }
    if (m.at < numbers[s + 1]) numbers[s + 1] = m.at;
    if (m.at > numbers[s + 2]) numbers[s + 2] = m.at;
    numbers[s + 3]++;
    const slot = SENDER_SLOT[m.from];
    if (slot > 0) numbers[s + slot]++;
  }
  const bytes = bytesOf(encoding, messages, firstSeq);
  return {
    kind: 'encoded',
    count: messages.length,
    firstSeq,
    sessions,
    sessionNumbers: Float64Array.from(numbers),
    bytes,
  };
}

/** The messages in the encoding's form, in a buffer of their own (so it can be handed to another thread). */
function bytesOf(encoding: MessageEncoding, messages: readonly MessageRow[], firstSeq: number): Uint8Array {
  switch (encoding.kind) {
    case 'postgres-copy':
      return messageCopyBytes(messages, firstSeq);
  }
}

/** The batch's sessions with their figures, in order of first appearance. */
export function encodedSessions(batch: EncodedMessages): EncodedSession[] {
  const n = batch.sessionNumbers;
  // Each object written out field by field, not spread from its key (`{ ...key, … }`): the spread took the
  // 300k demo's batches 0.23 s of the importing thread, this 0.01 s.
  return sessionKeysOf(batch.sessions).map((key, j) => {
    const k = j * SESSION_NUMBERS;
    return {
      id: key.id,
      shop: key.shop,
      agent: key.agent,
      buyer: key.buyer,
      day: key.day,
      firstLine: n[k],
      firstAt: n[k + 1],
      lastAt: n[k + 2],
      messageCount: n[k + 3],
      buyerMessages: n[k + 4],
      agentMessages: n[k + 5],
      botMessages: n[k + 6],
    };
  });
}

/**
 * A message's session key as it crosses between threads (here and in read-ahead's packed batches): id,
 * shop, agent, buyer and day, each followed by U+0001. Null when one of them holds U+0001 itself.
 */
export function sessionKeyText(
  m: Pick<MessageRow, 'sessionId' | 'shop' | 'agent' | 'buyer' | 'day'>,
): string | null {
  if (m.shop.includes(SEP) || m.agent.includes(SEP) || m.buyer.includes(SEP)) return null;
  return m.sessionId + SEP + m.shop + SEP + m.agent + SEP + m.buyer + SEP + m.day + SEP;
}

/** The session keys of concatenated sessionKeyText()s, in order. */
export function sessionKeysOf(text: string): SessionKeyFields[] {
  const f = text.split(SEP);
  const out: SessionKeyFields[] = [];
  for (let i = 0; i + KEY_FIELDS <= f.length; i += KEY_FIELDS) {
    out.push({ id: f[i], shop: f[i + 1], agent: f[i + 2], buyer: f[i + 3], day: f[i + 4] });
  }
  return out;
}
