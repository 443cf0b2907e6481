// Refunds CSV: shop,refund_id,order_id,buyer,agent,created_at,amount,reason,status. agent may be empty
// (a refund nobody in customer service touched).

import type { ImportRecord } from '../../domain/types.js';
import { shopOf } from '../chat-fields.js';
import { CsvTable, cell } from '../csv-table.js';
import { amountCell, instantCell, requiredCell } from '../field-values.js';
import { type ParserContext, type RecordParser, ZoneCache } from '../record-parser.js';

export class RefundsCsvParser implements RecordParser {
  private readonly table: CsvTable;
  private readonly zones: ZoneCache;
  private col = {
    shop: -1,
    refundId: -1,
    orderId: -1,
    buyer: -1,
    agent: -1,
    createdAt: -1,
    amount: -1,
    reason: -1,
    status: -1,
  };

  constructor(private readonly ctx: ParserContext) {
    this.zones = new ZoneCache(ctx.timeZoneOf);
    this.table = new CsvTable(ctx, true, (t) => {
      this.col = {
        shop: t.column('shop'),
        refundId: t.required('refund_id'),
        orderId: t.required('order_id'),
        buyer: t.required('buyer'),
        agent: t.required('agent'),
        createdAt: t.required('created_at'),
        amount: t.required('amount'),
        reason: t.required('reason'),
        status: t.required('status'),
      };
    });
  }

  push(line: number, text: string, out: ImportRecord[]): void {
    const r = this.table.push(line, text);
    if (r === null) return;
    const { ctx, col } = this;
    const at = r.line;
    const shop = shopOf(ctx, at, cell(r, col.shop));
    const agent = cell(r, col.agent);
    out.push({
      type: 'refund',
      line: at,
      value: {
        shop,
        refundId: requiredCell(ctx, at, 'refund_id', cell(r, col.refundId)),
        orderId: requiredCell(ctx, at, 'order_id', cell(r, col.orderId)),
        buyer: requiredCell(ctx, at, 'buyer', cell(r, col.buyer)),
        agent: agent === '' ? null : agent,
        createdAt: instantCell(ctx, at, 'created_at', cell(r, col.createdAt), this.zones.of(shop)),
        amountFen: amountCell(ctx, at, 'amount', cell(r, col.amount)),
        reason: cell(r, col.reason),
        status: requiredCell(ctx, at, 'status', cell(r, col.status)),
      },
    });
  }

  end(): void {
    this.table.end();
  }
}
