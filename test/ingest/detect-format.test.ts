import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/ingest/detect-format.js';
import { openImportFile } from '../../src/ingest/open-import-file.js';
import { fixture, importError, SHANGHAI, tempFile } from './helpers.js';

const head = (...texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));

describe('detectFormat', () => {
  it.each([
    ['chats.jsonl', 'chats-jsonl', 'utf8'],
    ['chats-bom-crlf.csv', 'chats-csv', 'utf8'],
    ['chats-utf16le.jsonl', 'chats-jsonl', 'utf16le'],
    ['orders.csv', 'orders-csv', 'utf8'],
    ['refunds.csv', 'refunds-csv', 'utf8'],
    ['agents.csv', 'agents-csv', 'utf8'],
    ['agents-utf16be.csv', 'agents-csv', 'utf16be'],
    ['ExportOrderList202611120930.csv', 'taobao-orders', 'gb18030'],
    ['qianniu-orders-export.csv', 'taobao-orders', 'utf8'],
    ['qianniu-transcript.txt', 'qianniu-text', 'utf8'],
    ['qianniu-transcript-gbk.txt', 'qianniu-text', 'gb18030'],
    // Content wins over the name.
    ['misnamed/orders.csv', 'chats-jsonl', 'utf8'],
    ['misnamed/export.jsonl', 'taobao-orders', 'gb18030'],
  ])('%s is %s in %s', async (name, format, encoding) => {
    const file = await openImportFile(fixture(name), SHANGHAI);
    expect(file.format).toBe(format);
    expect(file.encoding).toBe(encoding);
  });

  it('reads English headers in any case and order, with spaces around names', () => {
    expect(detectFormat('x', head(' Order_ID , Shop,BUYER,created_at,paid_at,amount,status'))).toBe(
      'orders-csv',
    );
    expect(detectFormat('x', head('text,at,from,agent,buyer'))).toBe('chats-csv');
    expect(
      detectFormat('x', head('shop,refund_id,order_id,buyer,agent,created_at,amount,reason,status')),
    ).toBe('refunds-csv');
  });

  it('skips leading blank lines', () => {
    expect(detectFormat('x', head('', '  ', '{"shop":"a"}'))).toBe('chats-jsonl');
  });

  it('finds a Qianniu transcript behind its system lines', () => {
    expect(
      detectFormat('x', head('当前用户来自 商品详情页', '', 'tb_lily2016 2026-11-11 9:58:12', '在吗')),
    ).toBe('qianniu-text');
  });

  it('refuses an unknown format, listing the accepted ones', async () => {
    const err = await importError(fixture('bad/unknown-format.txt'));
    expect(err.line).toBe(1);
    expect(err.message).toMatch(
      /unknown-format\.txt:1: unknown format, starting "各位同事："; accepted: chats JSONL/,
    );
    expect(err.message).toContain('Qianniu');
    const csv = await importError(tempFile('weird.csv', 'id,name,price\n1,红枣,12\n'));
    expect(csv.reason).toMatch(/^unknown format, starting "id,name,price"/);
  });
});
