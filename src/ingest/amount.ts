// Money in import files is yuan written as a plain decimal; the store keeps integer fen so sums are exact.

import { quote } from './import-error.js';

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "128" → 12800, "128.5" → 12850, "128.50" → 12850. Returns the reason when the value is refused. */
export function parseAmountFen(value: string): number | string {
  if (value === '') return 'missing amount';
  const m = YUAN.exec(value);
  if (!m) {
    if (/^-\d/.test(value)) return `negative amount: ${quote(value)}`;
    if (/^\d+\.\d{3,}$/.test(value))
      return `more than two decimals (fen is the smallest unit): ${quote(value)}`;
    return `not a number (write yuan like 128.50): ${quote(value)}`;
  }
  const fraction = m[2] === undefined ? 0 : m[2].length === 1 ? +m[2] * 10 : +m[2];
  return +m[1] * 100 + fraction;
}
