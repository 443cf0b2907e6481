// One normaliser shared by the phrase compiler and the matcher. It maps every UTF-16 code unit to exactly
// one code unit, so an offset into the normalised text is the same offset into the original text.
//
//   - full-width ASCII (U+FF01..U+FF5E) → half-width (U+0021..U+007E)
//   - ideographic space U+3000 → space
//   - ASCII A–Z → a–z
//   - a traditional Chinese character → the simplified one (traditional-chars.ts): 你們這樣 reads as 你们这样
// Everything else (simplified CJK, surrogate halves of emoji, …) is kept as is.
import { TRADITIONAL_SIMPLIFIED_PAIRS } from './traditional-chars.js';

/** The width and case rules alone. */
function basicCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (c >= 0xff01 && c <= 0xff5e) {
    const h = c - 0xfee0;
    return h >= 0x41 && h <= 0x5a ? h + 0x20 : h;
  }
  if (c === 0x3000) return 0x20;
  return c;
}

const TABLE = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) TABLE[c] = basicCode(c);
const SIMPLIFIED = new Map<number, number>();
for (let i = 0; i < TRADITIONAL_SIMPLIFIED_PAIRS.length; i += 2) {
  const traditional = TRADITIONAL_SIMPLIFIED_PAIRS.charCodeAt(i);
  const simplified = TRADITIONAL_SIMPLIFIED_PAIRS.charCodeAt(i + 1);
  TABLE[traditional] = simplified;
  SIMPLIFIED.set(traditional, simplified);
}

/** Normalises one UTF-16 code unit. */
export function normalizeCode(c: number): number {
  return TABLE[c];
}

/**
 * Only the traditional → simplified part, for a regular expression's source: its letters and escapes must stay
 * as written (\S is not \s), while a pattern written with 們 must still match the normalised 们.
 */
export function simplifyHan(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const s = SIMPLIFIED.get(text.charCodeAt(i));
    if (s === undefined) continue;
    out += text.slice(from, i) + String.fromCharCode(s);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The lookup table behind normalizeCode, for hot loops. */
export const NORMALIZE_TABLE: Readonly<Uint16Array> = TABLE;

/** Normalises a string; the result has the same length, offset for offset. */
export function normalizeText(text: string): string {
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (TABLE[c] !== c) {
      changed = true;
      break;
    }
  }
  if (!changed) return text;
  const n = text.length;
  if (n > BUFFER.length) BUFFER = new Uint16Array(n * 2);
  for (let i = 0; i < n; i++) BUFFER[i] = TABLE[text.charCodeAt(i)];
  let out = '';
  for (let i = 0; i < n; i += CHUNK) {
    out += String.fromCharCode.apply(null, BUFFER.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

const CHUNK = 4096;
let BUFFER = new Uint16Array(1024);

/** True for an ASCII letter (after normalisation: a–z only). */
export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
