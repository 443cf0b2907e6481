// What every format parser is: a line consumer that appends finished records to a batch. Synchronous
// on purpose; the async read loop lives in one place (open-import-file.ts).

import type { ImportRecord } from '../domain/types.js';
import { ImportError } from './import-error.js';

export interface ParserContext {
  /** The path as the user gave it; every error names it. */
  file: string;
  /** `--shop`: the shop of records that do not name one. */
  defaultShop?: string;
  timeZoneOf: (shop: string) => string;
}

export interface RecordParser {
  /** Consumes one line; the records it completes are appended to `out`. */
  push(line: number, text: string, out: ImportRecord[]): void;
  /** End of file: flushes pending records and refuses anything left unfinished. */
  end(out: ImportRecord[]): void;
}

/** Throws the error for one field of one line. */
export function fail(ctx: ParserContext, line: number | null, field: string | null, reason: string): never {
  throw new ImportError({ file: ctx.file, line, field, reason });
}

/** Time zones by shop, asked of the caller once per shop (the callback may hit the store). */
export class ZoneCache {
  private shop = '';
  private zone = '';
  private readonly zones = new Map<string, string>();

  constructor(private readonly timeZoneOf: (shop: string) => string) {}

  of(shop: string): string {
    if (shop === this.shop) return this.zone;
    let zone = this.zones.get(shop);
    if (zone === undefined) {
      zone = this.timeZoneOf(shop);
      this.zones.set(shop, zone);
    }
    this.shop = shop;
    this.zone = zone;
    return zone;
  }
}
