// ignore_quoted: words inside quotation marks are someone else's (an apology repeating them, a quoted
// buyer), so a rule marked so does not count hits there — nor does a rule that refers to it.
import { describe, expect, it } from 'vitest';
import { compileRulebook } from '../../src/domain/inspection/compile.js';
import { inspectSession } from '../../src/domain/inspection/inspect.js';
import { outsideQuotes, quotedRanges } from '../../src/domain/inspection/quotes.js';
import { buildRulebook, buildSession } from './helpers.js';

describe('quotedRanges', () => {
  it('finds the inside of each closed pair', () => {
    const t = '您说客服回了"自己去查"，还说“你烦不烦”';
    expect(quotedRanges(t).map((q) => t.slice(q.start, q.end))).toEqual(['自己去查', '你烦不烦']);
    expect(quotedRanges('「傻」和『笨』').length).toBe(2);
    expect(quotedRanges('只有一个"引号')).toEqual([]);
  });

  it('reads a book title as quoted (engine 8)', () => {
    const t = '《白痴》有的，《神经病学》第9版也有';
    expect(quotedRanges(t).map((q) => t.slice(q.start, q.end))).toEqual(['白痴', '神经病学']);
    expect(quotedRanges('书名号没关《白痴')).toEqual([]);
  });

  it("reads straight '…' as quoted, apostrophes aside (engine 10)", () => {
    const t = "您是说快递员骂您'神经病'对吧";
    expect(quotedRanges(t).map((q) => t.slice(q.start, q.end))).toEqual(['神经病']);
    const english = "I don't know 'sb' here";
    expect(quotedRanges(english).map((q) => english.slice(q.start, q.end))).toEqual(['sb']);
    expect(quotedRanges("it's fine")).toEqual([]);
  });

  it('drops only spans wholly inside a quote', () => {
    const quoted = [{ start: 2, end: 6 }];
    expect(
      outsideQuotes(
        [
          { start: 3, end: 5 },
          { start: 5, end: 8 },
          { start: 9, end: 10 },
        ],
        quoted,
      ),
    ).toEqual([
      { start: 5, end: 8 },
      { start: 9, end: 10 },
    ]);
  });
});

describe('a rule with ignore_quoted', () => {
  const rulebook = compileRulebook(
    buildRulebook([
      { id: 'insult', when: { keyword: { any: ['智障'] } }, ignore_quoted: true },
      {
        id: 'rude',
        when: { any: [{ rule: 'insult' }, { regex: { pattern: '自己去?查' } }] },
        ignore_quoted: true,
      },
      { id: 'plain', when: { keyword: { any: ['智障'] } } },
    ]),
  );
  const rules = (text: string) =>
    inspectSession(rulebook, buildSession([['agent', 0, text]])).map((f) => f.rule);

  it('does not count quoted words, in itself or in a rule referring to it', () => {
    expect(rules('“智障”这种词不该出现在回复里，已经批评相关客服了')).toEqual(['plain']);
    expect(rules('您说客服让您"自己去查"，这是我们的不对')).toEqual([]);
  });

  it('counts the same words unquoted, and a hit outside beside a quoted one', () => {
    expect(rules('你是智障吧')).toEqual(['insult', 'rude', 'plain']);
    expect(rules('自己查，别问我')).toEqual(['rude']);
    expect(rules('“智障”说的就是你，智障')).toEqual(['insult', 'rude', 'plain']);
  });
});
