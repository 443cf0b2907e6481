// Lexicon text format: one phrase per line; `#` starts a comment (at line start or after whitespace);
// an optional weight follows a `|` (`太 | 2`). Blank lines are ignored. Pure: text in, entries out.

import type { LexiconEntry } from './types.js';

export function parseLexicon(text: string): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  const seen = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine;
    const hash = line.search(/(^|\s)#/);
    if (hash >= 0) line = line.slice(0, hash);
    line = line.trim();
    if (line === '') continue;
    let phrase = line;
    let weight: number | undefined;
    const bar = line.lastIndexOf('|');
    if (bar > 0) {
      const w = Number(line.slice(bar + 1).trim());
      if (Number.isFinite(w)) {
        weight = w;
        phrase = line.slice(0, bar).trim();
      }
    }
    if (phrase === '' || seen.has(phrase)) continue;
    seen.add(phrase);
    out.push(weight === undefined ? { phrase } : { phrase, weight });
  }
  return out;
}
