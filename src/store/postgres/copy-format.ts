// PostgreSQL's COPY text format: values as tab-separated lines. Pure string work with no I/O, so the
// read-ahead worker can encode message batches on its own thread (see ingest/read-ahead/).
import type { MessageRow } from '../import-writer.js';

/** The columns of `messages` in the order messageCopyText writes them. */
export const MESSAGE_COLUMNS = 'shop, id, session_id, sender, at, seq, text, kind';

/** Escapes one field: backslash, tab, newline and carriage return are the only specials. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export function copyLine(values: Array<string | number | null>): string {
  return `${values.map(copyField).join('\t')}\n`;
}

/**
 * Messages as COPY lines in MESSAGE_COLUMNS order, numbered firstSeq + 1, firstSeq + 2, … The hottest
 * loop of a PostgreSQL import: one concatenation per row, no array per row (copyLine's shape). `from` is
 * one of four words and `at` and seq are integers: nothing there to escape.
 */
export function messageCopyText(rows: readonly MessageRow[], firstSeq: number): string {
  let seq = firstSeq;
  let text = '';
  for (const m of rows) {
    text += `${copyField(m.shop)}\t${copyField(m.id)}\t${copyField(m.sessionId)}\t${m.from}\t${m.at}\t${++seq}\t${copyField(m.text)}\t${copyField(m.kind)}\n`;
  }
  return text;
}
