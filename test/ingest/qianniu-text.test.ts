import { describe, expect, it } from 'vitest';
import { classifyQianniuLine } from '../../src/ingest/formats/qianniu-grammar.js';
import { fixture, importError, ms, readAll, tempFile, values } from './helpers.js';

describe('Qianniu grammar', () => {
  it('classifies the line types', () => {
    expect(classifyQianniuLine('tb_lily2016 2024-1-5 10:00:00', false)).toMatchObject({
      type: 'header',
      nick: 'tb_lily2016',
      autoReply: false,
      clock: { year: 2024, month: 1, day: 5, hour: 10, minute: 0, second: 0 },
    });
    expect(classifyQianniuLine('阿May爱吃坚果2024-1-5 9:00:00', false)).toMatchObject({
      type: 'header',
      nick: '阿May爱吃坚果',
    });
    expect(classifyQianniuLine('店:小美（自动回复） 2024-1-5 9:00:00', false)).toMatchObject({
      type: 'header',
      nick: '店:小美',
      autoReply: true,
    });
    expect(classifyQianniuLine('店:A --> 店:B 2024-1-5 10:03:00', false)).toMatchObject({
      type: 'transfer',
      from: '店:A',
      to: '店:B',
    });
    expect(classifyQianniuLine('tb_x 撤回了一条消息', false)).toEqual({ type: 'recall', nick: 'tb_x' });
    expect(classifyQianniuLine('未读', false)).toEqual({ type: 'status' });
    expect(classifyQianniuLine('由 服务助手 转交给 店:B', false)).toEqual({
      type: 'hand-over',
      from: '服务助手',
      to: '店:B',
    });
    expect(classifyQianniuLine('原因：质量问题想退', false)).toEqual({ type: 'content' });
    expect(classifyQianniuLine('原因：质量问题想退', true)).toEqual({ type: 'reason' });
    expect(classifyQianniuLine('tb_x 2024-2-30 10:00:00', false)).toMatchObject({ type: 'bad-time' });
  });
});

describe('Qianniu transcripts', () => {
  it('reads a UTF-8 CRLF transcript: bot, agents, transfer, recall, status and system lines', async () => {
    const records = await readAll(fixture('qianniu-transcript.txt'));
    const m = values(records, 'message');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 8, 13, 15, 18, 19, 20, 23]);
    expect(m.map((x) => [x.from, x.kind, x.agent])).toEqual([
      ['system', 'system', '红枣小铺:小美'],
      ['buyer', 'text', '红枣小铺:小美'],
      ['bot', 'text', '红枣小铺:小美'],
      ['agent', 'text', '红枣小铺:小美'],
      ['buyer', 'image', '红枣小铺:小美'],
      ['buyer', 'text', '红枣小铺:小美'],
      ['system', 'recall', '红枣小铺:小美'],
      ['system', 'transfer', '红枣小铺:阿杰'],
      ['agent', 'text', '红枣小铺:阿杰'],
      ['buyer', 'text', '红枣小铺:阿杰'],
    ]);
    for (const x of m) {
      expect(x.shop).toBe('红枣小铺');
      expect(x.buyer).toBe('tb_lily2016');
      expect(x.id).toMatch(/^[0-9a-f]{20}$/);
    }
    expect(m[0].at).toBe(ms('2026-11-11T09:58:12+08:00')); // untimed system line takes the next time
    expect(m[3]).toMatchObject({
      text: '亲，是今年十月新采摘的枣子\n\n现在下单还送密封罐哦',
      at: ms('2026-11-11T09:58:40+08:00'),
    });
    expect(m[6].at).toBe(ms('2026-11-11T09:59:20+08:00')); // recall takes the time before it
    expect(m[7]).toMatchObject({
      text: '红枣小铺:小美 --> 红枣小铺:阿杰',
      at: ms('2026-11-11T10:03:00+08:00'),
    });
    expect(m[9].text).toBe('3301224455667788\nhttps://item.taobao.com/item.htm?id=600123456789');
  });

  it('reads a GBK transcript answered from the main account given as --shop', async () => {
    const m = values(
      await readAll(fixture('qianniu-transcript-gbk.txt'), { defaultShop: '坚果铺子' }),
      'message',
    );
    expect(m.map((x) => [x.from, x.kind])).toEqual([
      ['system', 'transfer'],
      ['system', 'system'],
      ['buyer', 'text'],
      ['bot', 'text'],
      ['agent', 'text'],
      ['buyer', 'text'],
      ['buyer', 'text'],
    ]);
    expect(new Set(m.map((x) => `${x.shop}|${x.agent}|${x.buyer}`))).toEqual(
      new Set(['坚果铺子|坚果铺子|阿May爱吃坚果']),
    );
    expect(m[2]).toMatchObject({
      text: '碧根果是奶油味的吗？\n我想要原味的',
      at: ms('2026-01-05T10:00:00+08:00'),
    });
    expect(m[3].text.startsWith('【自动回复】')).toBe(true);
    // A double send: same words, same second, still two messages.
    expect(m[6].id).toBe(`${m[5].id}-2`);
  });

  it('without --shop the main account looks like a second buyer', async () => {
    const err = await importError(fixture('qianniu-transcript-gbk.txt'));
    expect(err).toMatchObject({ line: 6 });
    expect(err.reason).toContain('pass it as --shop');
  });

  it('an unanswered buyer gets the --shop account as agent, and needs --shop', async () => {
    const path = tempFile('alone.txt', 'tb_lily2016 2026-11-11 23:59:00\r\n在吗\r\n有人吗\r\n');
    const m = values(await readAll(path, { defaultShop: '红枣小铺' }), 'message');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ agent: '红枣小铺', shop: '红枣小铺', text: '在吗\n有人吗' });
    const err = await importError(path);
    expect(err.reason).toContain('pass --shop');
  });

  it('refuses text before the first header and impossible header times', async () => {
    const early = await importError(
      tempFile('early.txt', '当前用户来自 搜索\r\n你好\r\ntb_x 2026-1-1 10:00:00\r\n'),
    );
    expect(early).toMatchObject({ line: 2 });
    expect(early.reason).toContain('text before the first message header');
    const bad = await importError(
      tempFile('badtime.txt', 'tb_x 2026-1-1 10:00:00\r\n在吗\r\n红枣小铺:小美 2026-2-30 10:00:00\r\n'),
    );
    expect(bad).toMatchObject({
      line: 3,
      reason: 'impossible timestamp (no such day in that month): "2026-2-30 10:00:00"',
    });
  });
});
