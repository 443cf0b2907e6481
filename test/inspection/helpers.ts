// Test factories: small rulebooks and sessions written inline.

import type { Sender } from '../../src/domain/types.js';
import { compileRulebook } from '../../src/domain/inspection/compile.js';
import type { CompiledRulebook } from '../../src/domain/inspection/compile.js';
import { parseLexicon } from '../../src/domain/inspection/lexicon.js';
import type { Condition, InspectionSession, Rule, Rulebook } from '../../src/domain/inspection/types.js';

export const T0 = Date.UTC(2026, 2, 10, 2, 0, 0);

export function buildRulebook(
  rules: Array<Partial<Rule> & { id: string; when: Condition }>,
  lexicons: Record<string, string> = {},
  extra: Partial<Rulebook> = {},
): Rulebook {
  return {
    id: 'test',
    version: '1',
    scorecard: { severity: { critical: 'zero', major: -10, minor: -5, info: 0 } },
    lexicons: Object.fromEntries(Object.entries(lexicons).map(([k, v]) => [k, parseLexicon(v)])),
    ...extra,
    rules: rules.map(
      (r) => ({ name: r.id, category: '态度', severity: 'major', scope: ['agent'], ...r }) as Rule,
    ),
  };
}

export function compileOne(
  when: Condition,
  options: { scope?: Sender[]; lexicons?: Record<string, string>; extra?: Partial<Rulebook> } = {},
): CompiledRulebook {
  return compileRulebook(
    buildRulebook([{ id: 'r', when, scope: options.scope ?? ['agent'] }], options.lexicons, options.extra),
  );
}

/** Messages as [from, seconds, text] or [from, seconds, text, kind]. */
export function buildSession(
  msgs: Array<[Sender, number, string] | [Sender, number, string, string]>,
  extra: Partial<InspectionSession> = {},
): InspectionSession {
  return {
    id: 's1',
    shop: 'shop',
    agent: 'shop:a',
    buyer: 'b',
    day: '2026-03-10',
    messages: msgs.map(([from, at, text, kind], i) => ({
      shop: 'shop',
      id: `m${i}`,
      buyer: 'b',
      agent: 'shop:a',
      from,
      at: T0 + at * 1000,
      text,
      kind: kind ?? 'text',
      seq: i,
    })),
    orders: [],
    refunds: [],
    creditedOrders: [],
    buyerAgentMessages: [],
    ...extra,
  };
}
