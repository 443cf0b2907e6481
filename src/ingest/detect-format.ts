// Which format a file is in, from its first lines: never from its name (shops rename files, and an
// export saved as orders.csv may well hold chats).

import { CsvReader } from './csv.js';
import { TAOBAO_COLUMNS } from './formats/taobao-orders.js';
import { looksLikeQianniu } from './formats/qianniu-grammar.js';
import { ImportError, quote } from './import-error.js';
import type { Line } from './line-reader.js';

export type FormatName =
  | 'chats-jsonl'
  | 'chats-csv'
  | 'orders-csv'
  | 'refunds-csv'
  | 'agents-csv'
  | 'taobao-orders'
  | 'qianniu-text';

export const FORMAT_NAMES: readonly FormatName[] = [
  'chats-jsonl',
  'chats-csv',
  'orders-csv',
  'refunds-csv',
  'agents-csv',
  'taobao-orders',
  'qianniu-text',
];

const ACCEPTED =
  'accepted: chats JSONL, CSV with a header of chats (shop,buyer,agent,from,at,text), orders ' +
  '(shop,order_id,buyer,created_at,paid_at,amount,status), refunds (shop,refund_id,order_id,…) or agents ' +
  '(shop,agent,name,role,group,hired_on), a Taobao ExportOrderList (订单编号,买家会员名,…), or a Qianniu ' +
  'chat transcript ("昵称 2024-1-5 10:00:00" lines)';

/** The distinguishing columns of each CSV format: all must be present. */
const CSV_SIGNATURES: readonly [FormatName, readonly string[]][] = [
  ['refunds-csv', ['refund_id', 'order_id', 'amount']],
  ['orders-csv', ['order_id', 'created_at', 'paid_at', 'amount']],
  ['chats-csv', ['buyer', 'agent', 'from', 'at', 'text']],
  ['agents-csv', ['agent', 'name', 'role']],
];

export function detectFormat(file: string, head: readonly Line[]): FormatName {
  const first = head.find((l) => l.text.trim() !== '');
  if (!first) throw new ImportError({ file, line: null, field: null, reason: 'no text in the file' });
  const text = first.text.trim();
  if (text.startsWith('{')) return 'chats-jsonl';

  if (text.includes(',')) {
    const header = headerCells(file, first);
    const lower = new Set(header.map((h) => h.toLowerCase()));
    for (const [format, columns] of CSV_SIGNATURES) {
      if (columns.every((c) => lower.has(c))) return format;
    }
    const exact = new Set(header);
    if (TAOBAO_COLUMNS.orderId.some((c) => exact.has(c))) return 'taobao-orders';
  }
  if (looksLikeQianniu(head.map((l) => l.text))) return 'qianniu-text';
  throw new ImportError({
    file,
    line: first.line,
    field: null,
    reason: `unknown format, starting ${quote(text)}; ${ACCEPTED}`,
  });
}

function headerCells(file: string, first: Line): string[] {
  try {
    const record = new CsvReader(file).push(first.line, first.text);
    return (record?.fields ?? []).map((h) => h.trim());
  } catch {
    return []; // not a CSV header; let the other formats have a look
  }
}
