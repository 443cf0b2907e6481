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
 * Messages as UTF-8 COPY lines in MESSAGE_COLUMNS order, numbered firstSeq + 1, firstSeq + 2, … The
 * hottest loop of a PostgreSQL import, so each value is written straight into one buffer: no line strings,
 * no rope of a batch to flatten and encode again. The buffer is the batch's own (not a pooled slab), so a
 * worker can hand it over. `from` is one of four words, the session id is hex, and `at` and seq are
 * integers: nothing there to escape.
 */
export function messageCopyBytes(rows: readonly MessageRow[], firstSeq: number): Uint8Array {
  const out = new ByteWriter(rows.length * 96);
  let seq = firstSeq;
  for (const m of rows) {
    const shop = copyField(m.shop);
    const id = copyField(m.id);
    const text = copyField(m.text);
    const kind = copyField(m.kind);
    // UTF-8 takes at most 3 bytes per UTF-16 unit; two integers of at most 16 digits; 8 separators.
    out.reserve(
      3 * (shop.length + id.length + m.sessionId.length + m.from.length + text.length + kind.length) + 40,
    );
    out.text(shop);
    out.byte(TAB);
    out.text(id);
    out.byte(TAB);
    out.text(m.sessionId);
    out.byte(TAB);
    out.text(m.from);
    out.byte(TAB);
    out.integer(m.at);
    out.byte(TAB);
    out.integer(++seq);
    out.byte(TAB);
    out.text(text);
    out.byte(TAB);
    out.text(kind);
    out.byte(NEWLINE);
  }
  return out.bytes();
}

const TAB = 9;
const NEWLINE = 10;
const ZERO = 48;

/** Appends UTF-8 text, bytes and decimal integers to a buffer that grows by doubling. */
class ByteWriter {
  private buf: Buffer;
  private at = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(capacity, 64));
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (this.at + n > size) size *= 2;
    const grown = Buffer.allocUnsafeSlow(size);
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  text(s: string): void {
    this.at += this.buf.write(s, this.at);
  }

  byte(b: number): void {
    this.buf[this.at++] = b;
  }

  /** A non-negative integer below 2^53 in decimal, without a string for it. */
  integer(n: number): void {
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.at + digits;
    this.at = p;
    let x = n;
    do {
      this.buf[--p] = ZERO + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.at);
  }
}
