import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNegativityDetector } from '../../src/domain/inspection/negativity.js';
import { parseLexicon } from '../../src/domain/inspection/lexicon.js';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';

const small = createNegativityDetector({
  negative: parseLexicon('差 | 2\n生气 | 2\n问题 | 1\n差不多 | 0'),
  positive: parseLexicon('满意 | 2\n好 | 1.5'),
  degree: parseLexicon('太 | 2\n非常 | 1.8\n特别 | 1.8\n极其 | 2\n有点 | 0.5'),
  negators: parseLexicon('不\n没\n没有\n别\n不是\n并不'),
});

describe('negativity detector', () => {
  it('scores negative words, scaled by degree words', () => {
    expect(small('差').score).toBe(2);
    expect(small('太差').score).toBe(4);
    expect(small('非常差').score).toBeCloseTo(3.6);
    expect(small('极其差').score).toBe(4);
    expect(small('有点差').score).toBe(1);
    expect(small('特别生气').score).toBeCloseTo(3.6);
  });

  it('negation cancels negative words (不/没/别/不是/并不)', () => {
    expect(small('不差').score).toBe(0);
    expect(small('没问题').score).toBe(0);
    expect(small('别生气').score).toBe(0);
    expect(small('不是很差').score).toBe(0);
    expect(small('并不生气').score).toBe(0);
  });

  it('negation turns positive words negative; a degree word after the negator softens', () => {
    expect(small('满意').score).toBe(0);
    expect(small('不满意').score).toBe(2);
    expect(small('非常不满意').score).toBeCloseTo(3.6);
    expect(small('太不好').score).toBe(3);
    expect(small('不太满意').score).toBe(1);
    expect(small('并不满意').score).toBe(2);
  });

  it('double negation cancels, clause breaks stop the look-back, shields win the longest match', () => {
    expect(small('不是不满意').score).toBe(0);
    expect(small('不，满意').score).toBe(0);
    expect(small('差不多').score).toBe(0);
  });

  it('repeated !/? intensify only an already negative message; spans cover modifier and word', () => {
    expect(small('太差！！').score).toBe(5);
    expect(small('好吗？？').score).toBe(0);
    const text = '客服太差了';
    const r = small(text);
    expect(r.spans.map((s) => text.slice(s.start, s.end))).toEqual(['太差']);
  });
});

// Measures the default rulebook's detector on labelled review corpora (research data, tests only).
const DATA = new URL('../../../shared/data/sentiment/', import.meta.url);
const corpora = [
  { file: 'online_shopping_10_cats.csv', hasCat: true },
  { file: 'waimai_10k.csv', hasCat: false },
];

describe.skipIf(!existsSync(DATA))('negativity on the sentiment corpora', () => {
  const rb = loadRulebook();
  const L = (n: string) => rb.lexicons[n];
  const detect = createNegativityDetector({
    negative: L('sentiment_negative'),
    positive: L('sentiment_positive'),
    degree: L('degree_words'),
    negators: L('negators'),
  });
  const threshold = 3; // the default rulebook's customer_negative threshold

  for (const { file, hasCat } of corpora) {
    it(`${file}: precision on a 2,000-review sample`, () => {
      const rows = readFileSync(new URL(file, DATA), 'utf8').split('\n').slice(1).filter(Boolean);
      // A deterministic sample: every k-th row, so both labels are represented as in the corpus.
      const step = Math.max(1, Math.floor(rows.length / 2000));
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let n = 0;
      for (let i = 0; i < rows.length && n < 2000; i += step) {
        const parts = rows[i].split(',');
        const label = Number(parts[hasCat ? 1 : 0]);
        if (label !== 0 && label !== 1) continue;
        n++;
        const hit = detect(parts.slice(hasCat ? 2 : 1).join(',')).score >= threshold;
        if (hit && label === 0) tp++;
        else if (hit) fp++;
        else if (label === 0) fn++;
      }
      const precision = tp / (tp + fp);
      const recall = tp / (tp + fn);
      console.log(`${file}: n=${n} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}`);
      // The detector is tuned for anger, not for review polarity: high precision, modest recall.
      expect(precision).toBeGreaterThan(0.9);
      expect(recall).toBeGreaterThan(0.15);
    });
  }
});
