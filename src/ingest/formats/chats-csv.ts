// Chats as CSV with the JSONL fields as columns: shop,id,buyer,agent,from,at,text,kind (shop, id and
// kind may be left out or empty).

import type { ImportRecord } from '../../domain/types.js';
import { buildChatMessage } from '../chat-fields.js';
import { CsvTable, cell, rawCell } from '../csv-table.js';
import type { ParserContext, RecordParser } from '../record-parser.js';

export class ChatsCsvParser implements RecordParser {
  private readonly table: CsvTable;
  private col = { shop: -1, id: -1, buyer: -1, agent: -1, from: -1, at: -1, text: -1, kind: -1 };

  constructor(private readonly ctx: ParserContext) {
    this.table = new CsvTable(ctx, true, (t) => {
      this.col = {
        shop: t.column('shop'),
        id: t.column('id'),
        buyer: t.required('buyer'),
        agent: t.required('agent'),
        from: t.required('from'),
        at: t.required('at'),
        text: t.required('text'),
        kind: t.column('kind'),
      };
    });
  }

  push(line: number, text: string, out: ImportRecord[]): void {
    const r = this.table.push(line, text);
    if (r === null) return;
    const c = this.col;
    const value = buildChatMessage(this.ctx, r.line, {
      shop: cell(r, c.shop),
      id: cell(r, c.id),
      buyer: cell(r, c.buyer),
      agent: cell(r, c.agent),
      from: cell(r, c.from),
      at: cell(r, c.at),
      text: rawCell(r, c.text),
      kind: cell(r, c.kind),
    });
    out.push({ type: 'message', line: r.line, value });
  }

  end(): void {
    this.table.end();
  }
}
