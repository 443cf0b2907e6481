// A worker thread is handed the automaton the main thread compiled (compileRulebook's `precompiled`): it must
// inspect exactly as a compile of its own would, and must not use an automaton built from other phrases.
import { describe, expect, it } from 'vitest';
import { compileRulebook, precompiledParts } from '../../src/domain/inspection/compile.js';
import { inspectSession } from '../../src/domain/inspection/inspect.js';
import { buildRulebook, buildSession } from './helpers.js';

const rudeRulebook = (extra: string) =>
  buildRulebook([{ id: 'rude', when: { keyword: { any: ['@rude'] } } }], {
    rude: `爱买不买\n自己看\n${extra}`,
  });

const session = buildSession([
  ['buyer', 0, '这个有货吗'],
  ['agent', 5, '自己看详情页，爱买不买'],
  ['agent', 9, '烦死了'],
]);

describe('compileRulebook with precompiled parts', () => {
  it('inspects with the handed automaton (structured-cloned, as a worker receives it) exactly as with its own', () => {
    const rulebook = rudeRulebook('烦死了');
    const own = compileRulebook(rulebook);
    const handed = structuredClone(precompiledParts(own));
    const reused = compileRulebook(rulebook, handed);
    expect(reused.automaton.tables().root).toBe(handed.automaton.root);
    expect(inspectSession(reused, session)).toEqual(inspectSession(own, session));
    expect(inspectSession(reused, session)[0].evidence.map((e) => e.text)).toEqual([
      '自己看',
      '爱买不买',
      '烦死了',
    ]);
  });

  it('compiles its own automaton when the handed one was built from other phrases', () => {
    const stale = precompiledParts(compileRulebook(rudeRulebook('')));
    const compiled = compileRulebook(rudeRulebook('烦死了'), stale);
    expect(compiled.automaton.tables().root).not.toBe(stale.automaton.root);
    expect(inspectSession(compiled, session)[0].evidence.map((e) => e.text)).toContain('烦死了');
  });
});
