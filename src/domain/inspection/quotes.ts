// Quoted words are someone else's: an agent writing 您说客服回了您"自己去查"，这是我们的不对 repeats the
// rude words to apologise for them. Rules marked `ignore_quoted` do not count phrase or pattern hits that
// lie inside quotation marks. Pairs recognised (after normalisation): “…” ‘…’ 「…」 『…』, the book-title
// marks 《…》 (a title is the author's words: 《白痴》, 《神经病学》), straight "…" and, since engine 10, straight '…'
// (您是说快递员骂您'神经病'对吧), paired in order of appearance. An unclosed quote quotes nothing; a ' between two
// ASCII letters is an apostrophe (don't), never a quotation mark.

import { isAsciiLetter } from './normalize.js';
import type { Span } from './types.js';

const PAIRS: Record<string, string> = {
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
  '《': '》',
  '"': '"',
  "'": "'",
};

/** The quoted stretches of a text, inside the marks (offsets into the same text). */
export function quotedRanges(text: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    const close = PAIRS[text[i]];
    if (close === undefined || isApostrophe(text, i)) continue;
    let j = text.indexOf(close, i + 1);
    while (j >= 0 && isApostrophe(text, j)) j = text.indexOf(close, j + 1);
    if (j < 0) continue;
    out.push({ start: i + 1, end: j });
    i = j;
  }
  return out;
}

function isApostrophe(text: string, i: number): boolean {
  return text[i] === "'" && isAsciiLetter(text.charCodeAt(i - 1)) && isAsciiLetter(text.charCodeAt(i + 1));
}

/** The spans not lying wholly inside a quoted stretch. */
export function outsideQuotes<S extends Span>(spans: S[], quoted: Span[]): S[] {
  if (quoted.length === 0) return spans;
  return spans.filter((s) => !quoted.some((q) => s.start >= q.start && s.end <= q.end));
}
