// Typed cells for the table formats: each returns the value or throws an ImportError naming the field.

import { parseAmountFen } from './amount.js';
import { quote } from './import-error.js';
import { fail, type ParserContext } from './record-parser.js';
import { parseInstant } from './timestamp.js';

/**
 * Names and ids (shop, buyer, agent, order and message ids, statuses) are index keys. PostgreSQL refuses a
 * B-tree entry over ~2.7 KB where SQLite would take it: a bound well above any real nick or id keeps the
 * two stores refusing the same files, with the line and field named.
 */
export const MAX_KEY_CHARS = 256;

export function boundedKey(ctx: ParserContext, line: number, field: string, value: string): string {
  if (value.length > MAX_KEY_CHARS)
    fail(ctx, line, field, `longer than ${MAX_KEY_CHARS} characters (${value.length}): ${quote(value)}`);
  return value;
}

export function requiredCell(ctx: ParserContext, line: number, field: string, value: string): string {
  if (value === '') fail(ctx, line, field, 'missing');
  return boundedKey(ctx, line, field, value);
}

export function amountCell(ctx: ParserContext, line: number, field: string, value: string): number {
  const fen = parseAmountFen(value);
  if (typeof fen === 'string') fail(ctx, line, field, fen);
  return fen;
}

/** ISO 8601 with offset, or wall-clock time in the shop's zone. */
export function instantCell(
  ctx: ParserContext,
  line: number,
  field: string,
  value: string,
  zone: string,
): number {
  const at = parseInstant(value, zone);
  if (typeof at === 'string') fail(ctx, line, field, at);
  return at;
}

/** Like instantCell, but empty (or the literal "null" some exports write) means none. */
export function optionalInstantCell(
  ctx: ParserContext,
  line: number,
  field: string,
  value: string,
  zone: string,
): number | null {
  if (value === '' || value.toLowerCase() === 'null') return null;
  return instantCell(ctx, line, field, value, zone);
}
