import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/ingest/import-error.js';
import { openTextFile } from '../../src/ingest/line-reader.js';
import { LineSplitter } from '../../src/ingest/line-splitter.js';
import { tempFile } from './helpers.js';

function split(chunks: string[]): string[] {
  const s = new LineSplitter(() => {
    throw new Error('too long');
  });
  const out: string[] = [];
  for (const c of chunks) s.push(c, out);
  s.end(out);
  return out;
}

async function lines(path: string) {
  const file = await openTextFile(path);
  const out: { line: number; text: string }[] = [];
  for await (const l of file.lines()) out.push(l);
  return { file, out };
}

describe('LineSplitter', () => {
  it('splits LF, CRLF and lone CR alike, and keeps empty lines', () => {
    expect(split(['a\nb\r\nc\rd\n\ne'])).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });

  it('treats a CRLF cut between two chunks as one line break', () => {
    expect(split(['a\r', '\nb\r', 'c'])).toEqual(['a', 'b', 'c']);
  });

  it('joins a line spread over chunks and strips a BOM once', () => {
    expect(split(['\ufeffab', 'c', 'd\n\ufeffe\n'])).toEqual(['abcd', '\ufeffe']);
  });

  it('counts lines it completed', () => {
    const s = new LineSplitter(() => {
      throw new Error('x');
    });
    const out: string[] = [];
    s.push('a\nb\nc', out);
    expect(s.nextLine).toBe(3);
    expect(out).toEqual(['a', 'b']);
  });
});

describe('openTextFile', () => {
  it('numbers lines from 1 and reports bytes read', async () => {
    const { file, out } = await lines(tempFile('three.txt', 'one\r\ntwo\r\n\r\nfour'));
    expect(out).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
      { line: 3, text: '' },
      { line: 4, text: 'four' },
    ]);
    expect(file.bytesTotal).toBe(16);
    expect(file.bytesRead()).toBe(16);
    expect(file.head.map((l) => l.text)).toEqual(['one', 'two', '', 'four']);
  });

  it('reads lone-CR files (old Mac exports)', async () => {
    const { out } = await lines(tempFile('cr.txt', 'a\rb\rc\r'));
    expect(out.map((l) => l.text)).toEqual(['a', 'b', 'c']);
  });

  it('decodes characters cut at a chunk boundary, in a file larger than the sniff window', async () => {
    // 256 KiB chunks: put a 3-byte character across the first boundary, and many more after it.
    const filler = 'x'.repeat(262_143);
    const text = `${filler}中\n${'红枣核桃\n'.repeat(30_000)}`;
    const { file, out } = await lines(tempFile('big.txt', text));
    expect(file.encoding).toBe('utf8');
    expect(out[0].text.endsWith('x中')).toBe(true);
    expect(out).toHaveLength(30_001);
    expect(out[30_000]).toEqual({ line: 30_001, text: '红枣核桃' });
    expect(file.bytesRead()).toBe(Buffer.byteLength(text));
  });

  it('names the line where UTF-8 turns invalid far beyond the sniff window', async () => {
    const good = Buffer.from('{"text":"在吗"}\n'.repeat(10_000)); // 10 000 lines, ~170 KB
    const bad = Buffer.concat([
      good,
      Buffer.from('{"text":"'),
      Buffer.from([0xba, 0xc3]),
      Buffer.from('"}\n'),
    ]);
    const file = await openTextFile(tempFile('late.jsonl', bad));
    expect(file.encoding).toBe('utf8');
    const seen: number[] = [];
    const err = await (async () => {
      try {
        for await (const l of file.lines()) seen.push(l.line);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).line).toBe(10_001);
    expect((err as ImportError).reason).toContain('invalid UTF-8 (bytes ba c3');
    expect(seen.at(-1)).toBe(10_000);
  });

  it('refuses a file that ends inside a UTF-8 character', async () => {
    const path = tempFile(
      'cut.txt',
      Buffer.concat([Buffer.from('ok\n在'), Buffer.from('吗').subarray(0, 2)]),
    );
    const file = await openTextFile(path);
    await expect(async () => {
      for await (const _ of file.lines());
    }).rejects.toMatchObject({ line: 2, reason: expect.stringContaining('ends inside a UTF-8 character') });
  });

  it('refuses NUL bytes after the sniff window, naming the line', async () => {
    const text = Buffer.concat([Buffer.from('abc\n'.repeat(20_000)), Buffer.from('ab\0c\n')]);
    const file = await openTextFile(tempFile('nul.txt', text));
    await expect(async () => {
      for await (const _ of file.lines());
    }).rejects.toMatchObject({ line: 20_001, reason: expect.stringContaining('NUL') });
  });

  it('refuses a line too long to be text (no line breaks in 16 M characters)', async () => {
    const file = await openTextFile(tempFile('long.txt', `ok\n${'a'.repeat(17 * 1024 * 1024)}\n`));
    await expect(async () => {
      for await (const _ of file.lines());
    }).rejects.toMatchObject({ line: 2, reason: expect.stringContaining('line longer than') });
  });

  it('refuses an empty file and a missing file as ImportErrors', async () => {
    await expect(openTextFile(tempFile('empty.txt', ''))).rejects.toMatchObject({
      name: 'ImportError',
      line: null,
      reason: 'the file is empty',
    });
    await expect(openTextFile('/nonexistent/zhipei/orders.csv')).rejects.toMatchObject({
      name: 'ImportError',
      reason: 'cannot read the file: no such file',
    });
  });
});

describe('GBK after a long ASCII start', () => {
  it('switches to GB18030 when everything before the first non-UTF-8 byte was ASCII', async () => {
    const { default: iconv } = await import('iconv-lite');
    const header = 'shop,order_id,buyer,created_at,paid_at,amount,status\n';
    const ascii = 'hz,1,tb_a,2026-11-11 10:00:00,,1.00,ok\n'.repeat(2_000); // ~80 KB, past the sniff window
    const bytes = Buffer.concat([
      Buffer.from(header + ascii),
      iconv.encode('hz,2,小熊爱吃枣,2026-11-11 10:00:00,,2,交易成功\n', 'gbk'),
    ]);
    const { file, out } = await lines(tempFile('late-gbk.csv', bytes));
    expect(file.encoding).toBe('utf8'); // as sniffed
    expect(out.at(-1)).toEqual({ line: 2_002, text: 'hz,2,小熊爱吃枣,2026-11-11 10:00:00,,2,交易成功' });
  });
});
