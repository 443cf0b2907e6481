// One normaliser shared by the phrase compiler and the matcher. It maps every UTF-16 code unit to exactly
// one code unit, so an offset into the normalised text is the same offset into the original text.
//
//   - full-width ASCII (U+FF01..U+FF5E) → half-width (U+0021..U+007E)
//   - ideographic space U+3000 → space
//   - ASCII A–Z → a–z
// Everything else (CJK, surrogate halves of emoji, …) is kept as is.

/** Normalises one UTF-16 code unit. */
export function normalizeCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (c >= 0xff01 && c <= 0xff5e) {
    const h = c - 0xfee0;
    return h >= 0x41 && h <= 0x5a ? h + 0x20 : h;
  }
  if (c === 0x3000) return 0x20;
  return c;
}

const TABLE = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) TABLE[c] = normalizeCode(c);

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
