// Orders CSV: shop,order_id,buyer,created_at,paid_at,amount,status[,items]. amount is what the buyer
// actually paid, in yuan; paid_at empty while unpaid.

import type { ImportRecord } from '../../domain/types.js';
import { shopOf } from '../chat-fields.js';
import { CsvTable, cell, rawCell } from '../csv-table.js';
import { amountCell, instantCell, optionalInstantCell, requiredCell } from '../field-values.js';
import { quote } from '../import-error.js';
import { fail, type ParserContext, type RecordParser, ZoneCache } from '../record-parser.js';

export class OrdersCsvParser implements RecordParser {
  private readonly table: CsvTable;
  private readonly zones: ZoneCache;
  private col = {
    shop: -1,
    orderId: -1,
    buyer: -1,
    createdAt: -1,
    paidAt: -1,
    amount: -1,
    status: -1,
    items: -1,
  };

  constructor(private readonly ctx: ParserContext) {
    this.zones = new ZoneCache(ctx.timeZoneOf);
    this.table = new CsvTable(ctx, true, (t) => {
      this.col = {
        shop: t.column('shop'),
        orderId: t.required('order_id'),
        buyer: t.required('buyer'),
        createdAt: t.required('created_at'),
        paidAt: t.required('paid_at'),
        amount: t.required('amount'),
        status: t.required('status'),
        items: t.column('items'),
      };
    });
  }

  push(line: number, text: string, out: ImportRecord[]): void {
    const r = this.table.push(line, text);
    if (r === null) return;
    const { ctx, col } = this;
    const at = r.line;
    const shop = shopOf(ctx, at, cell(r, col.shop));
    const zone = this.zones.of(shop);
    const createdAt = instantCell(ctx, at, 'created_at', cell(r, col.createdAt), zone);
    const paidAt = optionalInstantCell(ctx, at, 'paid_at', cell(r, col.paidAt), zone);
    if (paidAt !== null && paidAt < createdAt) {
      fail(
        ctx,
        at,
        'paid_at',
        `paid before the order was created (created_at ${quote(cell(r, col.createdAt))})`,
      );
    }
    const items = rawCell(r, col.items).trim();
    out.push({
      type: 'order',
      line: at,
      value: {
        shop,
        orderId: requiredCell(ctx, at, 'order_id', cell(r, col.orderId)),
        buyer: requiredCell(ctx, at, 'buyer', cell(r, col.buyer)),
        createdAt,
        paidAt,
        amountFen: amountCell(ctx, at, 'amount', cell(r, col.amount)),
        status: requiredCell(ctx, at, 'status', cell(r, col.status)),
        items: items === '' ? null : items,
      },
    });
  }

  end(): void {
    this.table.end();
  }
}
