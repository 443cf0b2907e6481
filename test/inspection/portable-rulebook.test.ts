// A worker thread is handed the rulebook the main thread compiled (structured-cloned, see portable-rulebook.ts):
// it must inspect exactly as the original does, rule references, regexes, negativity and session rules included.
import { describe, expect, it } from 'vitest';
import { compileRulebook } from '../../src/domain/inspection/compile.js';
import { inspectSession } from '../../src/domain/inspection/inspect.js';
import { fromPortable, toPortable } from '../../src/domain/inspection/portable-rulebook.js';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';
import { buildSession } from './helpers.js';

const sessions = [
  buildSession([
    ['buyer', 0, '你们什么破服务，我要投诉！'],
    ['agent', 50, '自己看详情页，爱买不买'],
    ['agent', 60, '加我微信 abc12345 全网最低价'],
    ['buyer', 70, '我要转人工'],
  ]),
  buildSession([
    ['buyer', 0, '少发了一件'],
    ['agent', 5, '亲，已经给您退款了'],
    ['buyer', 8, '好的谢谢'],
  ]),
  buildSession([
    ['bot', 0, '亲，请问有什么可以帮您'],
    ['buyer', 3, '发什么快递'],
    ['bot', 4, '本店支持七天无理由退货'],
    ['buyer', 9, '发什么快递'],
  ]),
];

describe('a compiled rulebook handed to another thread', () => {
  it('inspects exactly as the original (the default rulebook, structured-cloned as a worker receives it)', () => {
    const original = compileRulebook(loadRulebook());
    const handed = fromPortable(structuredClone(toPortable(original)));
    expect(handed.automaton).not.toBe(original.automaton);
    const rules = new Set<string>();
    for (const s of sessions) {
      const findings = inspectSession(handed, s);
      expect(findings).toEqual(inspectSession(original, s));
      for (const f of findings) rules.add(f.rule);
    }
    // The sessions reach phrase, regex, negativity and session-level rules, so the comparison means something.
    for (const rule of [
      'rude_language',
      'off_platform',
      'adlaw_absolute',
      'customer_negative',
      'refund_without_verification',
      'bot_failure',
    ])
      expect(rules).toContain(rule);
  });
});
