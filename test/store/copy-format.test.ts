// The COPY bytes of a message batch must be exactly the text of its rows in COPY's format: escapes for
// the four specials, any Unicode (CJK, emoji) in UTF-8, and integers past 2^31 written in full.
import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../src/store/import-writer.js';
import { copyLine, messageCopyBytes } from '../../src/store/postgres/copy-format.js';

function row(over: Partial<MessageRow>): MessageRow {
  return {
    shop: '果园',
    id: 'm1',
    buyer: 'b',
    agent: '果园:小美',
    from: 'agent',
    at: Date.UTC(2026, 10, 11, 2, 0, 3),
    text: '亲，在的哦',
    kind: 'text',
    sessionId: '0511f043b2ef711c',
    day: '2026-11-11',
    ...over,
  };
}

describe('messageCopyBytes', () => {
  it('equals the rows as COPY lines, specials escaped, numbered on from firstSeq', () => {
    const rows = [
      row({}),
      row({ id: 'id\twith\ttabs', text: 'line one\nline two\r\nback\\slash 😀 末尾\t', kind: 'k\\' }),
      row({ shop: 'shop\nname', from: 'buyer', at: 0, text: '' }),
      row({ from: 'bot', at: 9_007_199_254_740_991, text: '𠀀𠀁 rare CJK, Ω, é' }),
    ];
    const expected = rows
      .map((m, i) => copyLine([m.shop, m.id, m.sessionId, m.from, m.at, 41 + i + 1, m.text, m.kind]))
      .join('');
    expect(Buffer.from(messageCopyBytes(rows, 41)).toString('utf8')).toBe(expected);
  });

  it('encodes as Buffer does: surrogate pairs as 4 bytes, a lone surrogate as U+FFFD, every BMP range', () => {
    const text = 'a\u007f\u0080\u07ff\u0800\uffff 😀 \ud800 x \udc00 end\ud83d';
    const bytes = Buffer.from(messageCopyBytes([row({ text, shop: 'Ω\\', kind: 'é' })], 0));
    const expected = Buffer.from(
      copyLine(['Ω\\', 'm1', row({}).sessionId, 'agent', row({}).at, 1, text, 'é']),
    );
    expect(bytes.equals(expected)).toBe(true);
    expect(bytes.toString('utf8')).toContain('\ufffd x \ufffd end\ufffd\t');
  });

  it('grows past its first guess for long texts and hands out a buffer of its own', () => {
    const long = '长'.repeat(50_000);
    const bytes = messageCopyBytes([row({ text: long }), row({ id: 'm2' })], 0);
    const text = Buffer.from(bytes).toString('utf8');
    expect(text.split('\n')[0].split('\t')[6]).toBe(long);
    expect(text.split('\n')[1].split('\t')[5]).toBe('2');
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBeGreaterThanOrEqual(bytes.byteLength);
  });
});
