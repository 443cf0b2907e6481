// The disk cache of compiled rulebooks: a rulebook compiled once is read back (not compiled) by the next
// process, inspects exactly as compiled, and any change of the rulebook compiles anew.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type CompiledRulebook, compileRulebook } from '../../src/domain/inspection/compile.js';
import { inspectSession } from '../../src/domain/inspection/inspect.js';
import { cachedCompile } from '../../src/rulebook/compiled-rulebook-cache.js';
import { buildRulebook, buildSession } from './helpers.js';

describe('cachedCompile', () => {
  it('compiles a rulebook once; later calls read it back and inspect the same; a changed rulebook compiles anew', () => {
    // A phrase no other test uses: this rulebook was never cached before.
    const marker = `口令${randomUUID().slice(0, 8)}`;
    const rulebook = (extra: string) =>
      buildRulebook(
        [
          { id: 'rude', when: { keyword: { any: ['@rude'] } } },
          { id: 'contact', when: { regex: { pattern: '加我?(?:微信|vx)' } } },
        ],
        { rude: `爱买不买\n${marker}\n${extra}` },
      );
    let compiles = 0;
    const counting = (r: Parameters<typeof compileRulebook>[0]): CompiledRulebook => {
      compiles++;
      return compileRulebook(r);
    };
    const first = cachedCompile(rulebook(''), counting);
    const again = cachedCompile(rulebook(''), counting);
    expect(compiles).toBe(1);
    expect(again).not.toBe(first);
    const session = buildSession([
      ['buyer', 0, '在吗'],
      ['agent', 5, `爱买不买，${marker}，加我微信`],
    ]);
    expect(inspectSession(again, session)).toEqual(inspectSession(first, session));
    expect(inspectSession(again, session).map((f) => f.rule)).toEqual(['rude', 'contact']);
    cachedCompile(rulebook('烦死了'), counting);
    expect(compiles).toBe(2);
  });
});
