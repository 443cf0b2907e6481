// Validation of one chat message, shared by the JSONL and CSV chat formats. Values arrive untyped from
// JSON (a CSV gives strings, with '' for an empty cell).

import { type ChatMessage, SENDERS, type Sender } from '../domain/types.js';
import { quote } from './import-error.js';
import { boundedKey } from './field-values.js';
import { messageIdFor } from './message-id.js';
import { fail, type ParserContext } from './record-parser.js';
import { parseInstant } from './timestamp.js';

export interface RawChatFields {
  shop?: unknown;
  id?: unknown;
  buyer?: unknown;
  agent?: unknown;
  from?: unknown;
  at?: unknown;
  text?: unknown;
  kind?: unknown;
}

const SENDER_SET = new Set<string>(SENDERS);

/** String.prototype.isWellFormed (Node 20; not in the ES2022 lib the project compiles against). */
type WellFormedCheck = string & { isWellFormed(): boolean };

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

export function buildChatMessage(ctx: ParserContext, line: number, raw: RawChatFields): ChatMessage {
  const shop = shopOf(ctx, line, raw.shop);
  const buyer = requiredString(ctx, line, 'buyer', raw.buyer);
  const agent = requiredString(ctx, line, 'agent', raw.agent);
  const from = senderOf(ctx, line, raw.from);
  if (typeof raw.at !== 'string' && !isAbsent(raw.at)) {
    fail(
      ctx,
      line,
      'at',
      `must be an ISO 8601 string like "2026-11-11T10:00:03+08:00", got ${quote(raw.at)}`,
    );
  }
  const at = parseInstant(typeof raw.at === 'string' ? raw.at.trim() : '', null);
  if (typeof at === 'string') fail(ctx, line, 'at', at);

  let kind = 'text';
  if (!isAbsent(raw.kind)) {
    if (typeof raw.kind !== 'string' || raw.kind.trim() === '')
      fail(ctx, line, 'kind', `not a kind: ${quote(raw.kind)}`);
    kind = raw.kind.trim();
  }
  if (typeof raw.text !== 'string') {
    fail(
      ctx,
      line,
      'text',
      raw.text === undefined || raw.text === null ? 'missing' : `not a string: ${quote(raw.text)}`,
    );
  }
  const text = raw.text;
  if (text === '' && kind === 'text')
    fail(ctx, line, 'text', 'empty (only non-text kinds such as image may be empty)');

  let id: string;
  if (isAbsent(raw.id)) id = messageIdFor(shop, buyer, agent, from, at, text);
  else if (typeof raw.id === 'string' && raw.id.trim() !== '')
    id = boundedKey(ctx, line, 'id', raw.id.trim());
  else if (typeof raw.id === 'number' && Number.isSafeInteger(raw.id)) id = String(raw.id);
  else fail(ctx, line, 'id', `not an id: ${quote(raw.id)}`);

  storable(ctx, line, 'shop', shop);
  storable(ctx, line, 'id', id);
  storable(ctx, line, 'buyer', buyer);
  storable(ctx, line, 'agent', agent);
  storable(ctx, line, 'text', text);
  storable(ctx, line, 'kind', kind);
  return { shop, id, buyer, agent, from, at, text, kind };
}

/**
 * Refuses what a store cannot keep as text. A NUL byte in a file is refused as binary data when it is
 * read; a JSON "\u0000" escape only shows up here, and PostgreSQL cannot store it. Half of an escaped
 * surrogate pair ("\ud83d" alone) would be kept as U+FFFD by both stores. Refused on every store alike.
 */
function storable(ctx: ParserContext, line: number, field: string, value: string): void {
  if (value.includes('\u0000'))
    fail(ctx, line, field, 'contains a NUL character (U+0000), which cannot be stored');
  if (!(value as WellFormedCheck).isWellFormed())
    fail(
      ctx,
      line,
      field,
      'contains half of a UTF-16 surrogate pair (a broken \\u escape), which cannot be stored',
    );
}

/** A line's own shop wins; `--shop` fills in for lines (or files) without one. */
export function shopOf(ctx: ParserContext, line: number, value: unknown, field = 'shop'): string {
  if (isAbsent(value)) {
    if (ctx.defaultShop) return ctx.defaultShop;
    fail(ctx, line, field, 'missing (name the shop in the file or pass --shop)');
  }
  if (typeof value !== 'string') fail(ctx, line, field, `not a string: ${quote(value)}`);
  const shop = value.trim();
  if (shop === '') return shopOf(ctx, line, undefined, field);
  return boundedKey(ctx, line, field, shop);
}

export function requiredString(ctx: ParserContext, line: number, field: string, value: unknown): string {
  if (isAbsent(value)) fail(ctx, line, field, 'missing');
  if (typeof value !== 'string') fail(ctx, line, field, `not a string: ${quote(value)}`);
  const s = value.trim();
  if (s === '') fail(ctx, line, field, 'empty');
  return boundedKey(ctx, line, field, s);
}

function senderOf(ctx: ParserContext, line: number, value: unknown): Sender {
  if (isAbsent(value)) fail(ctx, line, 'from', 'missing');
  if (typeof value !== 'string' || !SENDER_SET.has(value.trim())) {
    fail(ctx, line, 'from', `unknown sender ${quote(value)} (expected buyer, agent, bot or system)`);
  }
  return value.trim() as Sender;
}
