import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../src/domain/inspection/aho-corasick.js';
import { normalizeText } from '../../src/domain/inspection/normalize.js';

const sorted = (m: Array<{ pattern: number; start: number; end: number }>) =>
  [...m].sort((a, b) => a.start - b.start || a.end - b.end || a.pattern - b.pattern);

function naive(patterns: string[], text: string) {
  const t = normalizeText(text);
  const out: Array<{ pattern: number; start: number; end: number }> = [];
  patterns.forEach((raw, pattern) => {
    const p = normalizeText(raw);
    if (!p) return;
    for (let i = t.indexOf(p); i >= 0; i = t.indexOf(p, i + 1))
      out.push({ pattern, start: i, end: i + p.length });
  });
  return sorted(out);
}

describe('AhoCorasick', () => {
  it('reports overlapping and nested hits (the classic he/she/his/hers)', () => {
    const ac = AhoCorasick.compile(['he', 'she', 'his', 'hers']);
    expect(sorted(ac.findAll('ushers'))).toEqual([
      { pattern: 1, start: 1, end: 4 },
      { pattern: 0, start: 2, end: 4 },
      { pattern: 3, start: 2, end: 6 },
    ]);
  });

  it('finds Chinese phrases that overlap and nest', () => {
    const ac = AhoCorasick.compile(['第一', '第一次', '一次', '最好', '最好的']);
    const hits = sorted(ac.findAll('第一次买，最好的'));
    expect(hits.map((h) => [h.pattern, h.start, h.end])).toEqual([
      [0, 0, 2],
      [1, 0, 3],
      [2, 1, 3],
      [3, 5, 7],
      [4, 5, 8],
    ]);
  });

  it('folds ASCII case and full-width forms, in patterns and in text, keeping original offsets', () => {
    const ac = AhoCorasick.compile(['vx', 'ＱＱ号', 'no.1']);
    const text = '加ＶＸ吧，或者qq号，我们是ＮＯ．１';
    const hits = sorted(ac.findAll(text));
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['ＶＸ', 'qq号', 'ＮＯ．１']);
    expect(normalizeText('ＡＢｃ　１２！')).toBe('abc 12!');
    expect(normalizeText('ＡＢｃ　１２！').length).toBe('ＡＢｃ　１２！'.length);
  });

  it('reads traditional characters as simplified, unit for unit, and leaves simplified text as it is', () => {
    const text = '你們這樣做生意真的很過分欸 我要去檢舉你們';
    expect(normalizeText(text)).toBe('你们这样做生意真的很过分欸 我要去检举你们');
    expect(normalizeText(text).length).toBe(text.length);
    // Characters in use in simplified text are not traditional forms here (著名, 乾 aside: 乾 reads as 干).
    const simplified = '你们这样做生意真的很过分 著名的后面';
    expect(normalizeText(simplified)).toBe(simplified);
    const ac = AhoCorasick.compile(['过分', '检举']);
    expect(sorted(ac.findAll(text)).map((h) => text.slice(h.start, h.end))).toEqual(['過分', '檢舉']);
  });

  it('counts offsets in UTF-16 units across emoji (surrogate pairs)', () => {
    const ac = AhoCorasick.compile(['差评', '😡', '👍好']);
    const text = '😀😀差评😡👍好';
    const hits = sorted(ac.findAll(text));
    expect(hits).toEqual([
      { pattern: 0, start: 4, end: 6 },
      { pattern: 1, start: 6, end: 8 },
      { pattern: 2, start: 8, end: 11 },
    ]);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(['差评', '😡', '👍好'][h.pattern]);
  });

  it('reports duplicate patterns under each id, ignores empty ones, matches nothing in empty text', () => {
    const ac = AhoCorasick.compile(['', '好的', '好的', 'ab']);
    expect(sorted(ac.findAll('好的'))).toEqual([
      { pattern: 1, start: 0, end: 2 },
      { pattern: 2, start: 0, end: 2 },
    ]);
    expect(ac.findAll('')).toEqual([]);
    expect(ac.count('好的好的')).toBe(4);
  });

  it('agrees with a naive search on random texts', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', 'A', 'Ｂ', '好', '的', '😀'];
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rnd(alphabet.length)]).join('');
    const patterns = Array.from({ length: 40 }, () => word(1 + rnd(4)));
    const ac = AhoCorasick.compile(patterns);
    for (let i = 0; i < 200; i++) {
      const text = word(rnd(30));
      expect(sorted(ac.findAll(text))).toEqual(naive(patterns, text));
    }
  });

  it('handles states with many edges (binary search path)', () => {
    const patterns = Array.from({ length: 50 }, (_, i) => `前${String.fromCharCode(0x4e00 + i)}`);
    const ac = AhoCorasick.compile(patterns);
    expect(ac.findAll(`前${String.fromCharCode(0x4e00 + 37)}`)).toEqual([{ pattern: 37, start: 0, end: 2 }]);
    expect(ac.findAll('前前')).toEqual([]);
  });

  it('rebuilt from its tables in another thread, matches exactly as the original (structured-cloned as a worker gets them)', () => {
    const patterns = ['您好', '好的', '好', '微信', 'vx', '加我微信', '最低价'];
    const original = AhoCorasick.compile(patterns);
    const copy = AhoCorasick.fromTables(structuredClone(original.tables()));
    for (const text of ['您好，加我微信或者vx', '好的好的', '全网最低价', '']) {
      expect(copy.findAll(text)).toEqual(original.findAll(text));
    }
    expect(copy.findAll('加我微信')).toHaveLength(2);
  });
});
