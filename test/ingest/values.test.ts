import { describe, expect, it } from 'vitest';
import { parseAmountFen } from '../../src/ingest/amount.js';
import { formatImportError, ImportError, quote } from '../../src/ingest/import-error.js';
import { messageIdFor } from '../../src/ingest/message-id.js';
import { parseInstant, parseWallClock } from '../../src/ingest/timestamp.js';
import { ms } from './helpers.js';

describe('parseInstant', () => {
  it('reads ISO 8601 with offset or Z, with or without fractions', () => {
    expect(parseInstant('2026-11-11T10:00:03+08:00', null)).toBe(ms('2026-11-11T02:00:03Z'));
    expect(parseInstant('2026-11-11T02:00:03Z', null)).toBe(ms('2026-11-11T02:00:03Z'));
    expect(parseInstant('2026-11-11T10:00:03.250+08:00', null)).toBe(ms('2026-11-11T02:00:03.250Z'));
    expect(parseInstant('2026-11-11T10:00:03.5+08:00', null)).toBe(ms('2026-11-11T02:00:03.500Z'));
    expect(parseInstant('2026-11-11 10:00:03+0800', null)).toBe(ms('2026-11-11T02:00:03Z'));
    expect(parseInstant('2026-11-10T21:00:00-05:00', null)).toBe(ms('2026-11-11T02:00:00Z'));
    expect(parseInstant('2024-02-29T00:00:00Z', null)).toBe(ms('2024-02-29T00:00:00Z'));
  });

  it('refuses impossible, offsetless, malformed and missing timestamps', () => {
    expect(parseInstant('2026-02-30T10:00:00+08:00', null)).toBe(
      'impossible timestamp (no such day in that month): "2026-02-30T10:00:00+08:00"',
    );
    expect(parseInstant('2025-02-29T10:00:00Z', null)).toMatch(/^impossible timestamp/);
    expect(parseInstant('2026-11-11T24:00:00Z', null)).toMatch(
      /^impossible timestamp \(no such time of day\)/,
    );
    expect(parseInstant('2026-13-01T10:00:00Z', null)).toMatch(/no such month/);
    expect(parseInstant('2026-11-11T10:00:03', null)).toMatch(/^timestamp without UTC offset/);
    expect(parseInstant('11/11/2026 10:00', null)).toMatch(/^not an ISO 8601 timestamp/);
    expect(parseInstant('', null)).toBe('missing timestamp');
  });

  it('reads wall-clock time in the shop zone when a zone is given', () => {
    expect(parseInstant('2026-11-11 10:00:03', 'Asia/Shanghai')).toBe(ms('2026-11-11T10:00:03+08:00'));
    expect(parseInstant('2026/11/11 9:03', 'Asia/Shanghai')).toBe(ms('2026-11-11T09:03:00+08:00'));
    expect(parseInstant('2026-07-01 12:00:00', 'America/New_York')).toBe(ms('2026-07-01T12:00:00-04:00'));
    // An explicit offset still wins over the zone.
    expect(parseInstant('2026-11-11T10:00:03Z', 'Asia/Shanghai')).toBe(ms('2026-11-11T10:00:03Z'));
    expect(parseInstant('2026/2/30 9:03', 'Asia/Shanghai')).toMatch(/^impossible timestamp/);
  });

  it('parseWallClock accepts the loose Qianniu forms', () => {
    expect(parseWallClock('2024-1-5 9:03:00')).toEqual({
      year: 2024,
      month: 1,
      day: 5,
      hour: 9,
      minute: 3,
      second: 0,
    });
  });
});

describe('parseAmountFen', () => {
  it('turns yuan into integer fen', () => {
    expect(parseAmountFen('128')).toBe(12800);
    expect(parseAmountFen('128.5')).toBe(12850);
    expect(parseAmountFen('128.50')).toBe(12850);
    expect(parseAmountFen('0.07')).toBe(7);
    expect(parseAmountFen('0')).toBe(0);
  });

  it('refuses anything else, quoting the value', () => {
    expect(parseAmountFen('12,5元')).toBe('not a number (write yuan like 128.50): "12,5元"');
    expect(parseAmountFen('-3.00')).toBe('negative amount: "-3.00"');
    expect(parseAmountFen('NaN')).toMatch(/^not a number/);
    expect(parseAmountFen('1.005')).toMatch(/more than two decimals/);
    expect(parseAmountFen('¥12')).toMatch(/^not a number/);
    expect(parseAmountFen('')).toBe('missing amount');
  });
});

describe('messageIdFor', () => {
  it('is a stable 20-hex-digit hash that changes with any field', () => {
    const id = messageIdFor('红枣小铺', 'tb_lily2016', '红枣小铺:小美', 'buyer', 1794362403000, '在吗');
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(messageIdFor('红枣小铺', 'tb_lily2016', '红枣小铺:小美', 'buyer', 1794362403000, '在吗')).toBe(id);
    expect(messageIdFor('红枣小铺', 'tb_lily2016', '红枣小铺:小美', 'agent', 1794362403000, '在吗')).not.toBe(
      id,
    );
    expect(messageIdFor('红枣小铺', 'tb_lily2016', '红枣小铺:小美', 'buyer', 1794362403001, '在吗')).not.toBe(
      id,
    );
  });
});

describe('ImportError', () => {
  it('formats file, line, field and reason', () => {
    const e = new ImportError({
      file: 'orders.csv',
      line: 17,
      field: 'amount',
      reason: 'not a number: "12,5元"',
    });
    expect(e.message).toBe('orders.csv:17: field "amount": not a number: "12,5元"');
    expect(formatImportError({ file: 'a.jsonl', line: null, field: null, reason: 'the file is empty' })).toBe(
      'a.jsonl: the file is empty',
    );
    expect(quote('a\u0000b')).toBe('"a\\u0000b"');
    expect(quote('x'.repeat(100))).toHaveLength(83);
  });
});
