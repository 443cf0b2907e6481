import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvReader } from '../../src/ingest/csv.js';
import { ImportError } from '../../src/ingest/import-error.js';

function parse(lines: string[]): CsvRecord[] {
  const r = new CsvReader('t.csv');
  const out: CsvRecord[] = [];
  lines.forEach((text, i) => {
    const rec = r.push(i + 1, text);
    if (rec) out.push(rec);
  });
  r.end();
  return out;
}

describe('CsvReader', () => {
  it('splits plain lines and keeps empty and trailing fields', () => {
    expect(parse(['a,b,,d,'])).toEqual([{ line: 1, fields: ['a', 'b', '', 'd', ''] }]);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parse(['"a,b","say ""hi""",""', '"x"'])).toEqual([
      { line: 1, fields: ['a,b', 'say "hi"', ''] },
      { line: 2, fields: ['x'] },
    ]);
  });

  it('joins a quoted field across lines and numbers the record by its first line', () => {
    expect(parse(['1,"first', '', 'third",end', '2,x'])).toEqual([
      { line: 1, fields: ['1', 'first\n\nthird', 'end'] },
      { line: 4, fields: ['2', 'x'] },
    ]);
  });

  it('keeps quotes inside unquoted fields literally (Taobao\'s ="123")', () => {
    expect(parse(['="3301",b'])).toEqual([{ line: 1, fields: ['="3301"', 'b'] }]);
  });

  it('skips blank lines between records', () => {
    expect(parse(['a', '', 'b']).map((r) => r.line)).toEqual([1, 3]);
  });

  it('refuses text after a closing quote, naming the column', () => {
    const r = new CsvReader('t.csv');
    r.columnNames = ['order_id', 'items'];
    expect(() => r.push(7, '1,"红枣"x')).toThrow(ImportError);
    try {
      new CsvReader('t.csv').push(7, '1,"红枣"x');
    } catch (e) {
      expect(e).toMatchObject({ line: 7, reason: expect.stringContaining('after a closing quote') });
    }
  });

  it('reports a quote left open at the end as truncated, on the line the record starts', () => {
    const r = new CsvReader('orders.csv');
    r.columnNames = ['order_id', 'items'];
    r.push(1, 'order_id,items');
    r.push(2, '3302,"和田大枣');
    r.push(3, '礼盒装');
    expect(() => r.end()).toThrow('orders.csv:2: field "items": truncated');
  });
});
