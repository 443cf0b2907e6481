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
 * worker can hand it over.
 */
export function messageCopyBytes(rows: readonly MessageRow[], firstSeq: number): Uint8Array {
  const out = new ByteWriter(rows.length * 96);
  let seq = firstSeq;
  for (const m of rows) {
    // At most 3 bytes per UTF-16 unit (an escape takes 2, a surrogate pair 4); two integers of at most 16
    // digits; 8 separators.
    out.reserve(
      3 * (m.shop.length + m.id.length + m.sessionId.length + m.from.length + m.text.length + m.kind.length) +
        40,
    );
    out.field(m.shop);
    out.byte(TAB);
    out.field(m.id);
    out.byte(TAB);
    out.field(m.sessionId);
    out.byte(TAB);
    out.field(m.from);
    out.byte(TAB);
    out.integer(m.at);
    out.byte(TAB);
    out.integer(++seq);
    out.byte(TAB);
    out.field(m.text);
    out.byte(TAB);
    out.field(m.kind);
    out.byte(NEWLINE);
  }
  return out.bytes();
}

const TAB = 9;
const NEWLINE = 10;
const ZERO = 48;
const BACKSLASH = 92;
/** The letter of each special's escape (\t, \n, \r; a backslash is doubled), by code unit. */
const ESCAPE_LETTER: Record<number, number> = { 9: 116, 10: 110, 13: 114, 92: BACKSLASH };

/** Appends COPY fields, bytes and decimal integers to a buffer that grows by doubling. */
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

  /**
   * A text value, escaped (copyField) and encoded to UTF-8 in one pass. Encoded here rather than by
   * Buffer#write: six calls into C++ per message cost more than the few characters they encode (300k demo
   * messages: 0.33 s → 0.20 s). A lone surrogate becomes U+FFFD, as Buffer#write makes it.
   */
  field(s: string): void {
    const b = this.buf;
    let p = this.at;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c === 9 || c === 10 || c === 13 || c === BACKSLASH) {
          b[p++] = BACKSLASH;
          b[p++] = ESCAPE_LETTER[c];
        } else b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      } else {
        const low = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
          b[p++] = 0xf0 | (cp >> 18);
          b[p++] = 0x80 | ((cp >> 12) & 0x3f);
          b[p++] = 0x80 | ((cp >> 6) & 0x3f);
          b[p++] = 0x80 | (cp & 0x3f);
        } else {
          b[p++] = 0xef;
          b[p++] = 0xbf;
          b[p++] = 0xbd;
        }
      }
    }
    this.at = p;
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
