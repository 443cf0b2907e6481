// The Taobao/Tmall seller-centre order export (ExportOrderList*.csv): Chinese headers, one row per main
// order, times in the shop's wall clock. Older and newer exports name some columns differently; the
// first name listed is the classic one. Columns not listed are ignored.

import type { ImportRecord } from '../../domain/types.js';
import { CsvTable, cell } from '../csv-table.js';
import { amountCell, instantCell, optionalInstantCell, requiredCell } from '../field-values.js';
import { quote } from '../import-error.js';
import { fail, type ParserContext, type RecordParser, ZoneCache } from '../record-parser.js';

export const TAOBAO_COLUMNS = {
  orderId: ['订单编号', '订单号'],
  buyer: ['买家会员名', '买家昵称'],
  amount: ['买家实际支付金额', '买家实付金额', '实付金额'],
  status: ['订单状态'],
  createdAt: ['订单创建时间', '买家下单时间', '下单时间'],
  paidAt: ['订单付款时间', '买家付款时间', '付款时间'],
  items: ['宝贝标题', '商品标题'],
  shopName: ['店铺名称'],
} as const;

/**
 * Excel-protection some exports wrap long numbers in, so Excel does not turn them into 1.23E+17:
 * `="123"`, `'123`, a leading tab, stray quotes.
 */
export function cleanOrderId(value: string): string {
  return value
    .trim()
    .replace(/^=/, '')
    .replace(/^["'\t ]+|["'\t ]+$/g, '');
}

export class TaobaoOrdersParser implements RecordParser {
  private readonly table: CsvTable;
  private readonly zones: ZoneCache;
  private col = {
    orderId: -1,
    buyer: -1,
    amount: -1,
    status: -1,
    createdAt: -1,
    paidAt: -1,
    items: -1,
    shop: -1,
  };

  constructor(private readonly ctx: ParserContext) {
    this.zones = new ZoneCache(ctx.timeZoneOf);
    this.table = new CsvTable(ctx, false, (t) => {
      const c = TAOBAO_COLUMNS;
      this.col = {
        orderId: t.required(...c.orderId),
        buyer: t.required(...c.buyer),
        amount: t.required(...c.amount),
        status: t.required(...c.status),
        createdAt: t.required(...c.createdAt),
        paidAt: t.required(...c.paidAt),
        items: t.column(...c.items),
        shop: t.column(...c.shopName),
      };
      if (!ctx.defaultShop && this.col.shop === -1) {
        fail(
          ctx,
          t.headerLine,
          null,
          'a Taobao order export does not say which shop it is from: pass --shop',
        );
      }
    });
  }

  push(line: number, text: string, out: ImportRecord[]): void {
    const r = this.table.push(line, text);
    if (r === null) return;
    const { ctx, col } = this;
    const at = r.line;
    // Errors name the column as this file spells it (买家实付金额 in newer exports, …).
    const name = (index: number) => this.table.header[index];
    // --shop names the shop as Zhipei knows it; 店铺名称 is a display name, only used without --shop.
    const shop = ctx.defaultShop || requiredCell(ctx, at, name(col.shop), cell(r, col.shop));
    const zone = this.zones.of(shop);
    const rawId = cell(r, col.orderId);
    const orderId = cleanOrderId(rawId);
    if (!/^\d+$/.test(orderId)) fail(ctx, at, name(col.orderId), `not an order number: ${quote(rawId)}`);
    const createdAt = instantCell(ctx, at, name(col.createdAt), cell(r, col.createdAt), zone);
    const paidAt = optionalInstantCell(ctx, at, name(col.paidAt), cell(r, col.paidAt), zone);
    if (paidAt !== null && paidAt < createdAt) {
      fail(ctx, at, name(col.paidAt), `paid before the order was created (${quote(cell(r, col.createdAt))})`);
    }
    const items = cell(r, col.items);
    out.push({
      type: 'order',
      line: at,
      value: {
        shop,
        orderId,
        buyer: requiredCell(ctx, at, name(col.buyer), cell(r, col.buyer)),
        createdAt,
        paidAt,
        amountFen: amountCell(ctx, at, name(col.amount), cell(r, col.amount)),
        status: requiredCell(ctx, at, name(col.status), cell(r, col.status)),
        items: items === '' ? null : items,
      },
    });
  }

  end(): void {
    this.table.end();
  }
}
