import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  completeUtf8Prefix,
  createChunkDecoder,
  firstInvalidUtf8,
  sniffEncoding,
} from '../../src/ingest/text-decoder.js';

const gbk = (s: string) => iconv.encode(s, 'gbk');

describe('sniffEncoding', () => {
  it('recognises BOMs', () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf8' });
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf16le' });
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]))).toEqual({ encoding: 'utf16be' });
  });

  it('tells UTF-8 from GBK by content', () => {
    expect(sniffEncoding(Buffer.from('订单编号,买家会员名\r\n'))).toEqual({ encoding: 'utf8' });
    expect(sniffEncoding(gbk('订单编号,买家会员名,买家实际支付金额\r\n'))).toEqual({ encoding: 'gb18030' });
  });

  it('keeps a mostly-UTF-8 file with one corrupt line as UTF-8, so the line gets reported', () => {
    const sample = Buffer.concat([Buffer.from('在吗？和田大枣今天发货吗\n'.repeat(5)), gbk('好的\n')]);
    expect(sniffEncoding(sample)).toEqual({ encoding: 'utf8' });
  });

  it('does not blame the sample cut for a character split at its end', () => {
    const text = Buffer.from('红枣');
    expect(sniffEncoding(text.subarray(0, 4))).toEqual({ encoding: 'utf8' });
  });

  it('detects UTF-16 without BOM from its zero bytes', () => {
    expect(sniffEncoding(iconv.encode('shop,buyer\r\n红枣小铺,a\r\n', 'utf-16le'))).toEqual({
      encoding: 'utf16le',
    });
    expect(sniffEncoding(iconv.encode('shop,buyer\r\n红枣小铺,a\r\n', 'utf-16be'))).toEqual({
      encoding: 'utf16be',
    });
  });

  it('calls binary data binary, pointing at the first offending byte', () => {
    expect(sniffEncoding(Buffer.from('ab\ncd\0ef'))).toEqual({
      binaryAtByte: 5,
      reason: 'binary data, not a text file (NUL byte)',
    });
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 1 : 0x41)));
    expect(sniffEncoding(controls)).toMatchObject({ binaryAtByte: 0 });
  });
});

describe('chunk decoders', () => {
  it('UTF-8: carries a character cut between chunks', () => {
    const d = createChunkDecoder('utf8');
    const bytes = Buffer.from('红枣');
    expect(d.decode(bytes.subarray(0, 4))).toEqual({ text: '红', bad: null });
    expect(d.decode(bytes.subarray(4))).toEqual({ text: '枣', bad: null });
    expect(d.end()).toEqual({ text: '', bad: null });
  });

  it('UTF-8: stops at the first invalid byte and says which bytes', () => {
    const d = createChunkDecoder('utf8');
    const r = d.decode(Buffer.concat([Buffer.from('在吗\n'), gbk('好'), Buffer.from('\n')]));
    expect(r.text).toBe('在吗\n');
    expect(r.bad).toContain('bytes ba c3');
  });

  it('UTF-8: switches to GB18030 when all before the bad line was ASCII', () => {
    const d = createChunkDecoder('utf8');
    expect(d.decode(Buffer.from('ok\n'))).toEqual({ text: 'ok\n', bad: null });
    expect(d.decode(Buffer.concat([Buffer.from('1,'), gbk('小熊爱吃枣'), Buffer.from('\n')]))).toEqual({
      text: '1,小熊爱吃枣\n',
      bad: null,
    });
    expect(d.end()).toEqual({ text: '', bad: null });
  });

  it('GB18030: decodes across chunks and refuses undecodable bytes', () => {
    const d = createChunkDecoder('gb18030');
    const bytes = gbk('订单状态');
    expect(d.decode(bytes.subarray(0, 3)).text + d.decode(bytes.subarray(3)).text).toBe('订单状态');
    const bad = createChunkDecoder('gb18030').decode(
      Buffer.concat([gbk('交易'), Buffer.from([0xff]), gbk('成功')]),
    );
    expect(bad).toEqual({ text: '交易', bad: 'bytes that are not valid GBK/GB18030 (and not UTF-8 either)' });
  });

  it('UTF-16: refuses NUL characters', () => {
    const d = createChunkDecoder('utf16le');
    expect(d.decode(iconv.encode('a\u0000b', 'utf-16le'))).toMatchObject({ text: 'a' });
  });

  it('helpers find sequence boundaries and invalid bytes', () => {
    const b = Buffer.from('a红');
    expect(completeUtf8Prefix(b.subarray(0, 3))).toBe(1);
    expect(completeUtf8Prefix(b)).toBe(4);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(Buffer.from('好的'))).toBe(-1);
  });
});
