// Encoding detection and chunk-by-chunk decoding of import files.
//
// Detection looks at the content only: a BOM, else UTF-16 by its pattern of zero bytes, else UTF-8 when
// the sample is (essentially) valid UTF-8, else GB18030 (a superset of GBK, which Taobao exports use).
// Decoders never substitute U+FFFD silently: they return the text decoded up to the first bad byte and
// say what is wrong, so the line reader can name the line the bad byte is on.

import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

/** How many bytes of the file are looked at to choose the encoding. */
export const SNIFF_BYTES = 64 * 1024;

export type SniffResult = { encoding: TextEncodingName } | { binaryAtByte: number; reason: string };

/**
 * Chooses the encoding of a file from its first bytes. A multi-byte character cut at the end of the
 * sample is ignored here (the sample may end mid-character; if the file does, the decoder says so).
 */
export function sniffEncoding(sample: Buffer): SniffResult {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf8' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf16le' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf16be' };

  const nul = sample.indexOf(0);
  const control = controlBytes(sample);
  if (nul !== -1) {
    const utf16 = utf16WithoutBom(sample);
    if (utf16) return { encoding: utf16 };
    // Point at where the junk starts, which is often before its first NUL.
    const at = control.first !== -1 && control.first < nul ? control.first : nul;
    return { binaryAtByte: at, reason: 'binary data, not a text file (NUL byte)' };
  }
  if (control.count >= 8 && control.count * 100 >= sample.length) {
    return { binaryAtByte: control.first, reason: 'binary data, not a text file (control bytes)' };
  }

  const body = sample.subarray(0, completeUtf8Prefix(sample));
  if (isUtf8(body)) return { encoding: 'utf8' };
  // A UTF-8 file with a few corrupt bytes must stay UTF-8 so the bad line is reported; GBK text only
  // forms valid multi-byte UTF-8 sequences by accident, far less often than it breaks them.
  const { valid, invalid } = countUtf8Sequences(body);
  if (valid > 4 * invalid) return { encoding: 'utf8' };
  return { encoding: 'gb18030' };
}

/** BOM-less UTF-16 (e.g. Excel "Unicode text"): ASCII characters leave a zero in every other byte. */
function utf16WithoutBom(sample: Buffer): TextEncodingName | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.02) return 'utf16le';
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.02) return 'utf16be';
  return null;
}

function controlBytes(sample: Buffer): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    // Tab, LF, VT (Excel line breaks), FF, CR and ESC occur in real text; the rest does not.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) {
      if (first === -1) first = i;
      count++;
    }
  }
  return { count, first };
}

/** Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
export function completeUtf8Prefix(buf: Buffer): number {
  const len = buf.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return len;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return len - i >= need ? len : i;
  }
  return len;
}

/** Length of the well-formed UTF-8 sequence at i, or 0 when the bytes there are not one. */
function utf8SequenceLength(buf: Buffer, i: number): number {
  const b = buf[i];
  if (b < 0x80) return 1;
  const cont = (k: number) => i + k < buf.length && (buf[i + k] & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const b1 = buf[i + 1];
    if (b === 0xe0 && b1 < 0xa0) return 0; // overlong
    if (b === 0xed && b1 > 0x9f) return 0; // surrogate
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const b1 = buf[i + 1];
    if (b === 0xf0 && b1 < 0x90) return 0;
    if (b === 0xf4 && b1 > 0x8f) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function countUtf8Sequences(buf: Buffer): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < buf.length; ) {
    if (buf[i] < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(buf, i);
    if (n === 0) {
      invalid++;
      i++;
    } else {
      valid++;
      i += n;
    }
  }
  return { valid, invalid };
}

/** Offset of the first byte that is not part of well-formed UTF-8, or -1. Only used once a chunk failed. */
export function firstInvalidUtf8(buf: Buffer): number {
  for (let i = 0; i < buf.length; ) {
    const n = utf8SequenceLength(buf, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

/** Text decoded so far; `bad` says why decoding stopped (the text then ends just before the bad byte). */
export interface DecodedText {
  text: string;
  bad: string | null;
}

export interface ChunkDecoder {
  decode(chunk: Buffer): DecodedText;
  /** End of input: anything held back (a cut multi-byte sequence) is now an error. */
  end(): DecodedText;
}

export function createChunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf8') return new Utf8Decoder();
  return new IconvDecoder(encoding);
}

const OK_EMPTY: DecodedText = { text: '', bad: null };

function hexBytes(buf: Buffer, at: number): string {
  return Array.from(buf.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * The hot path for big chat files: validation and decoding are both native (simdutf), per chunk, and
 * the only JS loop looks at the last 4 bytes of a chunk.
 *
 * A file whose first 64 KB are plain ASCII was sniffed as UTF-8 though it may be GBK (an English-header
 * CSV whose Chinese starts later). If bytes invalid as UTF-8 come while everything so far was ASCII,
 * both readings of the past agree, so decoding switches to GB18030 instead of failing.
 */
class Utf8Decoder implements ChunkDecoder {
  private carry: Buffer | null = null;
  private asciiSoFar = true;
  private fallback: ChunkDecoder | null = null;

  decode(chunk: Buffer): DecodedText {
    if (this.fallback) return this.fallback.decode(chunk);
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const cut = completeUtf8Prefix(buf);
    if (cut < buf.length) this.carry = Buffer.from(buf.subarray(cut));
    const part = cut === buf.length ? buf : buf.subarray(0, cut);
    if (part.indexOf(0) === -1 && isUtf8(part)) {
      const text = part.toString('utf8');
      // One UTF-16 unit per byte means every byte was ASCII.
      if (this.asciiSoFar && text.length !== part.length) this.asciiSoFar = false;
      return { text, bad: null };
    }
    return this.failed(part);
  }

  end(): DecodedText {
    if (this.fallback) return this.fallback.end();
    if (!this.carry) return OK_EMPTY;
    const bytes = hexBytes(this.carry, 0);
    this.carry = null;
    return { text: '', bad: `file ends inside a UTF-8 character (bytes ${bytes})` };
  }

  private failed(part: Buffer): DecodedText {
    const nul = part.indexOf(0);
    const invalid = firstInvalidUtf8(part);
    if (nul !== -1 && (invalid === -1 || nul < invalid)) {
      return { text: part.toString('utf8', 0, nul), bad: 'binary data, not a text file (NUL byte)' };
    }
    const before = part.toString('utf8', 0, invalid);
    // GBK bytes can pass for a UTF-8 character or two by accident, so the line the bad byte is on does
    // not count; the lines before it must be ASCII.
    const lineStart = Math.max(part.lastIndexOf(10, invalid), part.lastIndexOf(13, invalid)) + 1;
    if (this.asciiSoFar && part.toString('utf8', 0, lineStart).length === lineStart) {
      this.fallback = new IconvDecoder('gb18030');
      const rest = this.carry ? Buffer.concat([part, this.carry]) : part;
      this.carry = null;
      return this.fallback.decode(rest);
    }
    return {
      text: before,
      bad: `invalid UTF-8 (bytes ${hexBytes(part, invalid)}); is part of the file in another encoding?`,
    };
  }
}

/** GB18030 and UTF-16 via iconv-lite, which substitutes U+FFFD; finding one stops decoding. */
class IconvDecoder implements ChunkDecoder {
  private readonly inner: iconv.DecoderStream;
  private readonly label: string;

  constructor(encoding: 'gb18030' | 'utf16le' | 'utf16be') {
    const iconvName = encoding === 'gb18030' ? 'gb18030' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
    this.inner = iconv.getDecoder(iconvName, { stripBOM: false });
    this.label = encoding === 'gb18030' ? 'GBK/GB18030 (and not UTF-8 either)' : 'UTF-16';
  }

  decode(chunk: Buffer): DecodedText {
    return this.check(this.inner.write(chunk));
  }

  end(): DecodedText {
    return this.check(this.inner.end() ?? '');
  }

  private check(text: string): DecodedText {
    const nul = text.indexOf('\u0000');
    const bad = text.indexOf('\ufffd');
    if (nul === -1 && bad === -1) return { text, bad: null };
    if (nul !== -1 && (bad === -1 || nul < bad)) {
      return { text: text.slice(0, nul), bad: 'binary data, not a text file (NUL character)' };
    }
    return { text: text.slice(0, bad), bad: `bytes that are not valid ${this.label}` };
  }
}
