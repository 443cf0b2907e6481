// Unit tests of the demo's truth computation (src/demo/truth.ts) on hand-built sessions.
import { describe, expect, it } from 'vitest';
import {
  type GenMessage,
  isVerification,
  type PlantedDefect,
  sessionTruth,
  TAG,
} from '../../src/demo/truth.js';
import type { Sender } from '../../src/domain/types.js';

function session(rows: [Sender, string, number?][]): GenMessage[] {
  return rows.map(([from, text, tags = 0], i) => ({
    m: { shop: 's', id: `m${i}`, buyer: 'b', agent: 's:a', from, at: 1_000 * i, text, kind: 'text' },
    tags,
    seq: i,
    thread: 's:a\0b',
  }));
}

function rulesOf(rows: [Sender, string, number?][]): string[] {
  const out: PlantedDefect[] = [];
  sessionTruth(session(rows), '2026-03-01', out);
  return out.map((p) => p.rule);
}

describe('refund_without_verification truth', () => {
  it('counts a confirmation that tells the buyer to look at their Alipay (no check happened)', () => {
    const rules = rulesOf([
      ['buyer', '箱子里少了一罐', TAG.CLAIM_MISSING],
      ['agent', '您好，在的'],
      ['agent', '退款已经操作好了，您看下支付宝', TAG.REFUND_CONFIRM],
    ]);
    expect(rules).toContain('refund_without_verification');
  });

  it('does not count a refund after the agent asked for photos or checked', () => {
    expect(
      rulesOf([
        ['buyer', '箱子里少了一罐', TAG.CLAIM_MISSING],
        ['agent', '您好，麻烦拍一下面单和外包装'],
        ['agent', '退款已经操作好了，您看下支付宝', TAG.REFUND_CONFIRM],
      ]),
    ).not.toContain('refund_without_verification');
    expect(
      rulesOf([
        ['buyer', '漏发了一袋', TAG.CLAIM_MISSING],
        ['agent', '我帮您看一下仓库的称重记录'],
        ['agent', '给您退了20元，请注意查收', TAG.REFUND_CONFIRM],
      ]),
    ).not.toContain('refund_without_verification');
  });

  it('tells a check from pointing the buyer at their money', () => {
    expect(isVerification('您看下支付宝')).toBe(false);
    expect(isVerification('退款已到账，您查看一下账户余额')).toBe(false);
    expect(isVerification('我这边帮您看一下')).toBe(true);
    expect(isVerification('麻烦发一下开箱视频')).toBe(true);
  });
});
