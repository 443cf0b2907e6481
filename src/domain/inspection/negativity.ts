// The negativity (anger) detector: weighted sentiment words, degree words that scale them, negators that
// cancel or invert them. Works on phrase hits found by the shared automaton, so the compiled rulebook
// scans each message once; createNegativityDetector builds a stand-alone one (tests, corpus measurement).
//
// For each sentiment word (longest-leftmost, non-overlapping) we look back up to `lookback` characters in
// the same clause (stopping at punctuation or the previous sentiment word):
//   - negative word:       + weight × degree            (太差 = 2 × 2)
//   - negative word, negated:  0                         (不生气, 没问题)
//   - positive word, negated:  + weight × degree          (不满意, 太不好用)
//         but a degree word *after* the negator softens:   + weight × 0.5   (不太满意, 不是很好)
//   - positive word, not negated: 0 (it does not cancel anger elsewhere in the message)
// Two or more !/? in a row add 1 when the message already scores above 0.

import { AhoCorasick } from './aho-corasick.js';
import { normalizeText } from './normalize.js';
import type { LexiconEntry } from './types.js';

export type SentimentKind = 'negative' | 'positive' | 'degree' | 'negator';

export interface SentimentHit {
  kind: SentimentKind;
  weight: number;
  start: number;
  end: number;
}

export interface NegativityResult {
  score: number;
  /** Spans of the contributing words, each from its first modifier to its end. */
  spans: Array<{ start: number; end: number }>;
}

export const DEFAULT_LOOKBACK = 4;
const SOFTENED = 0.5;
const CLAUSE_BREAK = /[。！？!?，,；;：:\s~～…]/;

function longestLeftmost(hits: SentimentHit[]): SentimentHit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SentimentHit[] = [];
  let lastEnd = -1;
  for (const h of sorted) {
    if (h.start >= lastEnd) {
      out.push(h);
      lastEnd = h.end;
    }
  }
  return out;
}

/** Scores a message from its sentiment hits (text is the normalised message text). */
export function scoreNegativity(
  text: string,
  hits: SentimentHit[],
  lookback = DEFAULT_LOOKBACK,
): NegativityResult {
  const words = longestLeftmost(hits.filter((h) => h.kind === 'negative' || h.kind === 'positive'));
  if (words.length === 0) return { score: 0, spans: [] };
  const modifiers = longestLeftmost(hits.filter((h) => h.kind === 'degree' || h.kind === 'negator'));
  let score = 0;
  const spans: Array<{ start: number; end: number }> = [];
  let prevEnd = 0;
  for (const w of words) {
    // The look-back stretch: same clause, after the previous sentiment word, at most `lookback` chars.
    let from = Math.max(prevEnd, w.start - lookback);
    for (let i = w.start - 1; i >= from; i--) {
      if (CLAUSE_BREAK.test(text[i])) {
        from = i + 1;
        break;
      }
    }
    prevEnd = w.end;
    let negations = 0;
    let firstNegatorAt = -1;
    let degreeBefore = 1;
    let softened = false;
    let spanStart = w.start;
    for (const m of modifiers) {
      if (m.start < from || m.end > w.start) continue;
      spanStart = Math.min(spanStart, m.start);
      if (m.kind === 'negator') {
        negations++;
        if (firstNegatorAt < 0) firstNegatorAt = m.start;
      } else if (firstNegatorAt >= 0) {
        softened = true;
      } else {
        degreeBefore *= m.weight;
      }
    }
    const negated = negations % 2 === 1;
    let contribution = 0;
    if (w.kind === 'negative') {
      contribution = negated ? 0 : w.weight * degreeBefore;
    } else if (negated) {
      contribution = softened ? w.weight * SOFTENED : w.weight * degreeBefore;
    }
    if (contribution > 0) {
      score += contribution;
      spans.push({ start: spanStart, end: w.end });
    }
  }
  if (score > 0 && /[!?]{2,}/.test(text)) score += 1;
  return { score, spans };
}

export interface NegativityLexicons {
  negative: LexiconEntry[];
  positive: LexiconEntry[];
  degree: LexiconEntry[];
  negators: LexiconEntry[];
  lookback?: number;
}

/** A stand-alone detector with its own automaton. */
export function createNegativityDetector(lex: NegativityLexicons): (text: string) => NegativityResult {
  const phrases: string[] = [];
  const meta: Array<{ kind: SentimentKind; weight: number }> = [];
  const add = (kind: SentimentKind, entries: LexiconEntry[], dflt: number) => {
    for (const e of entries) {
      phrases.push(e.phrase);
      meta.push({ kind, weight: e.weight ?? dflt });
    }
  };
  add('negative', lex.negative, 1);
  add('positive', lex.positive, 1);
  add('degree', lex.degree, 1.5);
  add('negator', lex.negators, 1);
  const ac = AhoCorasick.compile(phrases);
  return (text: string) => {
    const hits: SentimentHit[] = [];
    ac.forEach(text, (p, start, end) => {
      hits.push({ kind: meta[p].kind, weight: meta[p].weight, start, end });
    });
    return scoreNegativity(normalizeText(text), hits, lex.lookback);
  };
}
