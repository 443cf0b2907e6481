// Every kind of bad input named in the brief, from committed fixture files: the error must name the
// file, the line and the field, and say what is wrong.

import { describe, expect, it } from 'vitest';
import { fixture, importError } from './helpers.js';

describe('bad files', () => {
  it.each([
    ['binary-garbage.csv', 2, null, 'binary data, not a text file (NUL byte)'],
    ['orders-then-binary.csv', 3, null, 'binary data, not a text file (NUL byte)'],
    ['truncated.jsonl', 4, null, 'truncated JSON: "{\\"shop\\":\\"红枣小铺\\",\\"buyer\\":'],
    ['missing-timestamp.jsonl', 2, 'at', 'missing timestamp'],
    [
      'impossible-timestamp.jsonl',
      3,
      'at',
      'impossible timestamp (no such day in that month): "2026-02-30T10:00:00+08:00"',
    ],
    [
      'offsetless-timestamp.csv',
      2,
      'at',
      'timestamp without UTC offset (write e.g. +08:00 or Z): "2026-11-11 10:00:03"',
    ],
    ['unknown-from.jsonl', 2, 'from', 'unknown sender "customer" (expected buyer, agent, bot or system)'],
    ['nul-in-text.jsonl', 2, 'text', 'contains a NUL character (U+0000), which cannot be stored'],
    ['lone-surrogate.jsonl', 2, 'text', 'contains half of a UTF-16 surrogate pair'],
    ['long-order-id.csv', 2, 'order_id', 'longer than 256 characters (300)'],
    ['bad-amount.csv', 3, 'amount', 'not a number (write yuan like 128.50): "12,5元"'],
    [
      'paid-before-created.csv',
      2,
      'paid_at',
      'paid before the order was created (created_at "2026-11-11 10:05:00")',
    ],
    ['open-quote.csv', 3, 'items', 'truncated: a quoted field opened on this line is never closed'],
    ['bad-role.csv', 2, 'role', 'unknown role "客服经理"'],
    ['utf8-then-gbk.jsonl', 6, null, 'invalid UTF-8 (bytes'],
  ])('%s → line %s, field %s', async (name, line, field, reason) => {
    const path = fixture(`bad/${name}`);
    const err = await importError(path);
    expect(err.file).toBe(path);
    expect(err.line).toBe(line);
    expect(err.field).toBe(field);
    expect(err.reason.startsWith(reason)).toBe(true);
    const where = field === null ? `${path}:${line}: ` : `${path}:${line}: field "${field}": `;
    expect(err.message.startsWith(where)).toBe(true);
  });

  it('GBK export with undecodable bytes → the line they are on', async () => {
    const err = await importError(fixture('bad/gbk-undecodable.csv'), { defaultShop: '红枣小铺' });
    expect(err).toMatchObject({ line: 3, field: null });
    expect(err.reason).toBe('bytes that are not valid GBK/GB18030 (and not UTF-8 either)');
  });

  it('records before the bad line are produced first, in file order (the service rolls back)', async () => {
    const { openImportFile } = await import('../../src/ingest/open-import-file.js');
    const file = await openImportFile(fixture('bad/bad-amount.csv'), { timeZoneOf: () => 'Asia/Shanghai' });
    const lines: number[] = [];
    await expect(async () => {
      for await (const r of file.records()) lines.push(r.line);
    }).rejects.toMatchObject({ name: 'ImportError', line: 3 });
    expect(lines).toEqual([2]);
  });

  it('a Qianniu transcript with two non-agent nicks asks for --shop', async () => {
    const err = await importError(fixture('bad/qianniu-two-buyers.txt'));
    expect(err).toMatchObject({ line: 3, field: null });
    expect(err.reason).toContain('"tb_lily2016" and "红枣小铺"');
    expect(err.reason).toContain('--shop');
  });
});
