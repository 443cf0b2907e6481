import { describe, expect, it } from 'vitest';
import { averageScore, scoreSession } from '../../src/domain/inspection/score.js';
import { walkResponseRuns } from '../../src/domain/inspection/response-runs.js';
import { parseLexicon } from '../../src/domain/inspection/lexicon.js';
import type { Finding, Scorecard } from '../../src/domain/inspection/types.js';
import { parseRulebook, RulebookError } from '../../src/rulebook/load-rulebook.js';

const card: Scorecard = {
  severity: { critical: 'zero', major: -10, minor: -5, info: 0 },
  rules: { special: -30 },
};
const f = (rule: string, severity: Finding['severity']): Finding => ({
  rule,
  severity,
  sessionId: 's',
  messageIds: [],
  evidence: [],
  scoreDelta: 0,
});

describe('scoreSession', () => {
  it('deducts per severity, per-rule overrides win, critical zeroes, clamps at 0', () => {
    expect(scoreSession([], card)).toBe(100);
    expect(scoreSession([f('a', 'major'), f('b', 'minor'), f('c', 'info')], card)).toBe(85);
    expect(scoreSession([f('special', 'minor')], card)).toBe(70);
    expect(scoreSession([f('a', 'minor'), f('x', 'critical')], card)).toBe(0);
    expect(
      scoreSession(
        Array.from({ length: 20 }, () => f('a', 'major')),
        card,
      ),
    ).toBe(0);
    expect(scoreSession([f('a', 'major')], { ...card, rules: { a: 'zero' } })).toBe(0);
  });

  it('agent and day scores are means of session scores', () => {
    expect(averageScore([100, 90, 0])).toBeCloseTo(63.333, 2);
    expect(averageScore([])).toBeNull();
  });
});

describe('walkResponseRuns (issue 3 definition)', () => {
  it('buyer opens, agent closes, bot/system neither; open run at the end is unanswered', () => {
    const runs = walkResponseRuns([
      { from: 'buyer', at: 0 },
      { from: 'bot', at: 1 },
      { from: 'buyer', at: 5 },
      { from: 'agent', at: 40 },
      { from: 'agent', at: 50 },
      { from: 'system', at: 55 },
      { from: 'buyer', at: 60 },
    ]);
    expect(runs).toEqual([
      { openIndex: 0, closeIndex: 3, responseMs: 40 },
      { openIndex: 6, closeIndex: -1, responseMs: null },
    ]);
  });
});

describe('lexicon files and the rulebook loader', () => {
  it('parses phrases, comments, weights and duplicates', () => {
    expect(parseLexicon('# header\n好的\n太 | 2   # degree\n好的\n\n c#  \n')).toEqual([
      { phrase: '好的' },
      { phrase: '太', weight: 2 },
      { phrase: 'c#' },
    ]);
  });

  const yaml = `
id: t
version: 1
lexicons: { bad: bad.txt, inline: [甲, 乙] }
scorecard: { severity: { critical: zero, major: -10, minor: -5, info: 0 } }
rules:
  - id: r
    name: 测试
    category: 态度
    severity: minor
    scope: [agent]
    when: { keyword: { any: ['@bad', '@inline'] } }
    examples: { hit: [坏话], miss: [好话] }
`;

  it('loads YAML with lexicon files relative to the rulebook, and fingerprints contents', () => {
    const rb = parseRulebook(yaml, { format: 'yaml', readText: () => '坏话\n' });
    expect(rb.version).toBe('1');
    expect(rb.lexicons).toEqual({ bad: [{ phrase: '坏话' }], inline: [{ phrase: '甲' }, { phrase: '乙' }] });
    const other = parseRulebook(yaml, { format: 'yaml', readText: () => '别的\n' });
    expect(other.fingerprint).not.toBe(rb.fingerprint);
  });

  it('serves a text parsed before from the on-disk cache, equal to a fresh parse; a changed text is parsed anew', () => {
    const unique = yaml.replace('name: 测试', 'name: 缓存测试');
    const read = () => '坏话\n';
    const fresh = parseRulebook(unique, { format: 'yaml', readText: read });
    const cached = parseRulebook(unique, { format: 'yaml', readText: read });
    expect(cached).toEqual(fresh);
    expect(cached.rules[0].name).toBe(fresh.rules[0].name);
    // An edit that would fail validation is validated, not served the old text's result.
    expect(() =>
      parseRulebook(unique.replace('severity: minor', 'severity: huge'), { format: 'yaml', readText: read }),
    ).toThrow(/rules\.0\.severity/);
  });

  it('loads JSON', () => {
    const json = JSON.stringify({
      id: 't',
      version: '2',
      scorecard: { severity: { critical: 'zero', major: -10, minor: -5, info: 0 } },
      rules: [
        {
          id: 'r',
          name: 'n',
          category: '时效',
          severity: 'minor',
          scope: ['agent'],
          when: { response_over: 60 },
        },
      ],
    });
    expect(parseRulebook(json, { format: 'json', readText: () => '' }).rules[0].when).toEqual({
      response_over: 60,
    });
  });

  it('rejects invalid rulebooks with the path of the problem', () => {
    const bad = yaml.replace('severity: minor', 'severity: huge');
    expect(() => parseRulebook(bad, { format: 'yaml', readText: () => '' })).toThrow(RulebookError);
    expect(() => parseRulebook(bad, { format: 'yaml', readText: () => '' })).toThrow(/rules\.0\.severity/);
    const badOp = yaml.replace("{ keyword: { any: ['@bad', '@inline'] } }", '{ shout: 1 }');
    expect(() => parseRulebook(badOp, { format: 'yaml', readText: () => '' })).toThrow(/invalid rulebook/);
    expect(() =>
      parseRulebook(yaml, {
        format: 'yaml',
        readText: () => {
          throw new Error('ENOENT');
        },
      }),
    ).toThrow(/lexicon bad/);
  });
});
