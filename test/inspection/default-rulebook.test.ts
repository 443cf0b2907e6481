import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRulebook } from '../../src/domain/inspection/compile.js';
import { exampleToSession, runRuleExamples } from '../../src/domain/inspection/examples.js';
import { inspectSession } from '../../src/domain/inspection/inspect.js';
import type { InspectionSession } from '../../src/domain/inspection/types.js';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';

const RULE_IDS = [
  'rude_language',
  'profanity',
  'adlaw_absolute',
  'off_platform',
  'slow_first_response',
  'slow_response',
  'unanswered',
  'no_greeting',
  'customer_negative',
  'no_empathy',
  'missed_payment_reminder',
  'refund_without_verification',
  'bot_failure',
  'repeated_reply',
];

const rulebook = loadRulebook();
const compiled = compileRulebook(rulebook);

describe('default rulebook', () => {
  it('has exactly the contract rule ids', () => {
    expect(rulebook.rules.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  it('passes every example (zhipei rules test)', () => {
    const results = runRuleExamples(compiled);
    const misses = results.filter((r) => r.expected !== r.got);
    expect(misses).toEqual([]);
    for (const id of RULE_IDS) {
      expect(results.filter((r) => r.rule === id && r.expected === 'hit').length, id).toBeGreaterThanOrEqual(
        5,
      );
      expect(results.filter((r) => r.rule === id && r.expected === 'miss').length, id).toBeGreaterThanOrEqual(
        5,
      );
    }
  });

  it('includes the tricky negatives the issue names', () => {
    const misses = (id: string) =>
      runRuleExamples(compiled)
        .filter((r) => r.rule === id && r.expected === 'miss')
        .map((r) => r.example)
        .join('\n');
    expect(misses('rude_language')).toContain('我不知道您喜欢哪种口味');
    for (const s of ['第一次', '最近', '最后', '最终', '最新到货', '最佳食用期'])
      expect(misses('adlaw_absolute')).toContain(s);
    for (const s of ['平台内沟通哦', '不支持微信支付', '订单号']) expect(misses('off_platform')).toContain(s);
    expect(misses('customer_negative')).toContain('少了一个');
    expect(misses('bot_failure')).toContain('0s buyer] 转人工');
  });

  it('every profanity hit is also a rude_language hit', () => {
    const agentTexts = rulebook.lexicons.profanity.map((e) => `你${e.phrase}啊`);
    const exampleTexts = runRuleExamples(compiled)
      .filter((r) => r.rule === 'profanity' && r.expected === 'hit')
      .map((r) => r.example.replace(/^agent: /, ''));
    for (const text of [...agentTexts, ...exampleTexts]) {
      const rules = inspectSession(compiled, exampleToSession(rulebook.rules[0], text, 'p')).map(
        (f) => f.rule,
      );
      if (rules.includes('profanity')) expect(rules, text).toContain('rude_language');
    }
  });

  it('points evidence at the exact words', () => {
    const text = '亲，这是全网最低价了，加我微信shop8888';
    const findings = inspectSession(compiled, exampleToSession(rulebook.rules[0], text, 'e'));
    const byRule = Object.fromEntries(findings.map((f) => [f.rule, f.evidence.map((e) => e.text)]));
    expect(byRule.adlaw_absolute).toEqual(['全网最低价']);
    expect(byRule.off_platform).toEqual(['加我微信shop8888']);
    for (const f of findings) for (const e of f.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
});

// The real JD sessions (research data; tests only) must inspect without errors.
const JDDC = new URL('../../../shared/data/jddc-sample/chat_sessions.jsonl', import.meta.url);
describe.skipIf(!existsSync(JDDC))('default rulebook on real JD sessions', () => {
  it('inspects all sessions without errors, with sane hit rates', () => {
    const lines = readFileSync(JDDC, 'utf8').trim().split('\n');
    const counts = new Map<string, number>();
    for (const line of lines) {
      const s = JSON.parse(line) as {
        session_id: string;
        user_id: string;
        turns: Array<{ role: 'buyer' | 'agent'; text: string }>;
      };
      const at = Date.UTC(2026, 0, 1, 2);
      const session: InspectionSession = {
        id: s.session_id,
        shop: 'jd',
        agent: 'jd:agent',
        buyer: s.user_id,
        day: '2026-01-01',
        messages: s.turns.map((t, i) => ({
          shop: 'jd',
          id: `${s.session_id}:${i}`,
          buyer: s.user_id,
          agent: 'jd:agent',
          from: t.role,
          at: at + (i + 1) * 20_000,
          text: t.text,
          kind: 'text',
        })),
        orders: [],
        refunds: [],
        creditedOrders: [],
        buyerAgentMessages: [],
      };
      for (const f of inspectSession(compiled, session)) {
        counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
        for (const e of f.evidence) {
          const m = session.messages.find((x) => x.id === e.messageId)!;
          expect(m.text.slice(e.start, e.end)).toBe(e.text);
        }
      }
    }
    const rate = (id: string) => (counts.get(id) ?? 0) / lines.length;
    console.log(
      'JD hit rates',
      Object.fromEntries([...counts].map(([k, v]) => [k, `${((v / lines.length) * 100).toFixed(1)}%`])),
    );
    // Real agents rarely swear, advertise or go off-platform: these must stay rare.
    for (const id of ['profanity', 'off_platform', 'adlaw_absolute', 'rude_language'])
      expect(rate(id), id).toBeLessThan(0.01);
    expect(rate('customer_negative')).toBeLessThan(0.05);
  });
});
