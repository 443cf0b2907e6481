// The regex prefilter must never change a result: whenever a rulebook regex matches a message, the
// message holds one of the literals the pattern promises. Checked on the default rulebook's regexes over
// the demo shop's messages, every rule example, the JD sample and the review corpora when present, and
// on hand-made patterns for each construct the reader understands.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/demo/generate.js';
import { compileRulebook, inspectSession } from '../../src/domain/inspection/index.js';
import { normalizeText } from '../../src/domain/inspection/normalize.js';
import { requiredLiterals } from '../../src/domain/inspection/regex-literals.js';
import type { Condition } from '../../src/domain/inspection/types.js';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';

describe('requiredLiterals', () => {
  it('reads literals, groups, alternation, quantifiers and classes', () => {
    expect(requiredLiterals('爱买不买')).toEqual(['爱买不买']);
    expect(requiredLiterals('(?:说|讲)(?:了)?[两三]遍')).toEqual([
      '说了两遍',
      '说了三遍',
      '说两遍',
      '说三遍',
      '讲了两遍',
      '讲了三遍',
      '讲两遍',
      '讲三遍',
    ]);
    expect(requiredLiterals('(?:说|讲|回答)了?')).toEqual(['说', '讲', '回答']);
    expect(requiredLiterals('你(?:到底)?想怎样')).toEqual(['你到底想怎样', '你想怎样']);
    expect(requiredLiterals('[2-5]遍')).toEqual(['2遍', '3遍', '4遍', '5遍']);
    expect(requiredLiterals('[2-5]+')).toEqual(['2', '3', '4', '5']);
    expect(requiredLiterals('(?<n>啊|呀)\\k<n>')).toEqual(['啊', '呀']);
    expect(requiredLiterals('\\u6eda')).toEqual(['滚']);
  });

  it('spells out the few strings a stretch can match, and reads positive lookarounds', () => {
    // 的 alone is in every third message; what comes before it narrows the promise.
    expect(requiredLiterals('(?:买|拍)的[^，]{1,12}')).toEqual(['买的', '拍的']);
    expect(requiredLiterals('1[3-5](?=[0-9])')).toEqual(['13', '14', '15']);
    // A repeated element: its first repetition ends one stretch, its last begins the next.
    expect(requiredLiterals('a+b')).toEqual(['ab']);
    expect(requiredLiterals('说{2,}完')).toEqual(['说完']);
    // A positive lookaround's text is in the message, though not in the match.
    expect(requiredLiterals('问(?<=简单的问)')).toEqual(['简单的问']);
    expect(requiredLiterals('(?=滚)')).toEqual(['滚']);
    // Too many combinations: the stretch is cut where the product would grow past 64 strings.
    expect(requiredLiterals('[0-9][0-9][0-9]')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('promises nothing it cannot keep', () => {
    expect(requiredLiterals('.*')).toBeNull();
    expect(requiredLiterals('\\p{Script=Han}+')).toBeNull();
    expect(requiredLiterals('(?:滚)?')).toBeNull();
    expect(requiredLiterals('滚|.')).toBeNull();
    expect(requiredLiterals('[^滚]')).toBeNull();
    expect(requiredLiterals('(?!滚)')).toBeNull();
    expect(requiredLiterals('(?=滚)?x')).toEqual(['x']); // an optional lookahead requires nothing
    // An optional part adds the empty choice: 的 alone is the promise (买的 and 拍的 contain it).
    expect(requiredLiterals('(?:买|拍)?的')).toEqual(['的']);
    expect(requiredLiterals('vx|微信', 'i')).toBeNull(); // case-insensitive: VX would match too
    expect(requiredLiterals('vx|微信')).toEqual(['vx', '微信']); // the text is lower-case already
    expect(requiredLiterals('VX|微信')).toBeNull(); // upper case never occurs in the normalised text
    expect(requiredLiterals('滚{0,2}')).toBeNull();
    expect(requiredLiterals('(unclosed')).toBeNull();
    expect(requiredLiterals('(?:滚)|(?!)')).toBeNull();
  });
});

function regexesOf(c: Condition | Condition[] | undefined, out: { pattern: string; flags?: string }[]): void {
  if (!c || typeof c !== 'object') return;
  if (Array.isArray(c)) {
    for (const x of c) regexesOf(x, out);
    return;
  }
  for (const [k, v] of Object.entries(c)) {
    if (k === 'regex') out.push(v as { pattern: string; flags?: string });
    else regexesOf(v as Condition, out);
  }
}

function corpus(): string[] {
  const texts: string[] = [];
  const demo = generateDemoShop({ messages: 60_000, seed: 7 });
  for (const day of demo.days) for (const m of day.messages) texts.push(m.text);
  const rulebook = loadRulebook();
  for (const r of rulebook.rules) {
    for (const ex of [...(r.examples?.hit ?? []), ...(r.examples?.miss ?? [])]) {
      if (typeof ex === 'string') texts.push(ex);
      else for (const m of ex.messages) texts.push(Array.isArray(m) ? m[2] : m.text);
    }
  }
  const shared = new URL('../../../shared/data/', import.meta.url);
  for (const f of [
    'jddc-sample/chat_sessions.jsonl',
    'sentiment/online_shopping_10_cats.csv',
    'sentiment/waimai_10k.csv',
  ]) {
    const url = new URL(f, shared);
    if (existsSync(url)) texts.push(...readFileSync(url, 'utf8').split('\n'));
  }
  return texts.map(normalizeText);
}

describe('the default rulebook with its regex prefilter', () => {
  const rulebook = loadRulebook();
  const texts = corpus();

  it('every match of every regex contains a promised literal', () => {
    const regexes: { pattern: string; flags?: string }[] = [];
    for (const r of rulebook.rules) regexesOf(r.when, regexes);
    expect(regexes.length).toBeGreaterThan(10);
    let checked = 0;
    let promised = 0;
    for (const { pattern, flags } of regexes) {
      const literals = requiredLiterals(pattern, flags);
      if (!literals) continue;
      promised++;
      const re = new RegExp(pattern, (flags ?? '').replace('g', ''));
      for (const t of texts) {
        if (!re.test(t)) continue;
        checked++;
        expect(
          literals.some((l) => t.includes(normalizeText(l))),
          `${pattern} matched ${JSON.stringify(t)} without ${literals}`,
        ).toBe(true);
      }
    }
    expect(promised).toBeGreaterThan(regexes.length / 2);
    expect(checked).toBeGreaterThan(100);
  });

  it('finds what the rulebook without the prefilter finds, message by message', () => {
    const compiled = compileRulebook(rulebook);
    // The same rules with every regex wrapped so the reader promises nothing: no prefilter at all.
    const unfiltered = compileRulebook({
      ...rulebook,
      rules: rulebook.rules.map((r) => ({ ...r, when: unfilter(r.when) })),
    });
    const agent = 'shop:客服';
    let found = 0;
    for (const [i, text] of texts.slice(0, 40_000).entries()) {
      const session = {
        id: `s${i}`,
        shop: 'shop',
        agent,
        buyer: 'b',
        day: '2026-03-10',
        messages: [
          {
            shop: 'shop',
            id: `m${i}`,
            buyer: 'b',
            agent,
            from: 'agent' as const,
            at: 0,
            text,
            kind: 'text',
            seq: 0,
          },
        ],
        orders: [],
        refunds: [],
        creditedOrders: [],
        buyerAgentMessages: [],
      };
      const a = inspectSession(compiled, session);
      expect(a).toEqual(inspectSession(unfiltered, session));
      found += a.length;
    }
    expect(found).toBeGreaterThan(100);
  });
});

/**
 * The condition with each regex made to promise nothing, meaning the same: `(?!)` never matches, but as
 * an alternative it has no literal, so the whole pattern has none.
 */
function unfilter(c: Condition): Condition {
  return JSON.parse(
    JSON.stringify(c, (k, v) => (k === 'regex' ? { ...v, pattern: `(?:${v.pattern})|(?!)` } : v)),
  );
}
