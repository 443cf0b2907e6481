// COPY … TO STDOUT read back: what copy-format.ts writes for COPY FROM is the same text format, so every
// value must come back as it went in (specials, NULL, any Unicode), and a malformed line must not pass.
import { describe, expect, it } from 'vitest';
import { copyLine } from '../../src/store/postgres/copy-format.js';
import { parseCopyText } from '../../src/store/postgres/copy-out.js';

describe('parseCopyText', () => {
  it('gives back every value copyLine wrote, with NULLs', () => {
    const rows = [
      ['m1', 'buyer', '1792598625000', '亲，在的哦 😀', null],
      ['id\twith\ttabs', 'agent', '0', 'line one\nline two\r\nback\\slash\\N 末尾\t', 'k\\'],
      ['', '', '', '', ''],
      ['𠀀𠀁', 'bot', '9007199254740991', '\\', '\\N'],
    ];
    const text = rows.map((r) => copyLine(r)).join('');
    expect(parseCopyText(text, 5)).toEqual(rows);
  });

  it('reads the escapes PostgreSQL may write: \\b \\f \\v, octal and hex', () => {
    expect(parseCopyText('a\\bb\t\\f\\v\t\\101\\x42\\q\n', 3)).toEqual([['a\bb', '\f\v', 'ABq']]);
  });

  it('takes a last line without its newline, and nothing from empty text', () => {
    expect(parseCopyText('a\tb', 2)).toEqual([['a', 'b']]);
    expect(parseCopyText('', 2)).toEqual([]);
  });

  it('refuses a line with too few or too many fields, naming the row', () => {
    expect(() => parseCopyText('a\tb\nc\n', 2)).toThrow(/row 2: 1 of 2 fields/);
    expect(() => parseCopyText('a\tb\tc\n', 2)).toThrow(/row 1: more than 2 fields/);
  });
});
