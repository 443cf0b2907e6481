// The importer's front door: open a file, detect its format from its content, and read it as records.
// The import service persists the records of one file in one transaction; the first bad record throws
// an ImportError and the service rolls back.

import type { ImportRecord } from '../domain/types.js';
import { detectFormat, type FormatName } from './detect-format.js';
import { AgentsCsvParser } from './formats/agents-csv.js';
import { ChatsCsvParser } from './formats/chats-csv.js';
import { ChatsJsonlParser } from './formats/chats-jsonl.js';
import { OrdersCsvParser } from './formats/orders-csv.js';
import { QianniuTextParser } from './formats/qianniu-text.js';
import { RefundsCsvParser } from './formats/refunds-csv.js';
import { TaobaoOrdersParser } from './formats/taobao-orders.js';
import { ImportError } from './import-error.js';
import { asImportError, openTextFile } from './line-reader.js';
import type { ParserContext, RecordParser } from './record-parser.js';
import type { TextEncodingName } from './text-decoder.js';

export type { FormatName } from './detect-format.js';

export interface OpenImportOptions {
  /** `--shop`: the shop of records that do not name one; required for Taobao exports without 店铺名称. */
  defaultShop?: string;
  /** IANA zone of a shop, for sources that write wall-clock time (Taobao, Qianniu, offsetless CSV times). */
  timeZoneOf: (shop: string) => string;
}

export interface ImportFile {
  path: string;
  format: FormatName;
  encoding: TextEncodingName;
  bytesTotal: number;
  /** Bytes read so far by the running records()/batches() pass, for a progress line. */
  bytesRead(): number;
  /** Records in file order; throws ImportError at the first bad one. Each call reads the file anew. */
  records(): AsyncIterable<ImportRecord>;
  /**
   * The same records in arrays of `size` (the last may be shorter): one await per batch instead of one
   * per record, and a natural unit for multi-row inserts.
   */
  batches(size?: number): AsyncIterable<ImportRecord[]>;
}

const PARSERS: Record<FormatName, new (ctx: ParserContext) => RecordParser> = {
  'chats-jsonl': ChatsJsonlParser,
  'chats-csv': ChatsCsvParser,
  'orders-csv': OrdersCsvParser,
  'refunds-csv': RefundsCsvParser,
  'agents-csv': AgentsCsvParser,
  'taobao-orders': TaobaoOrdersParser,
  'qianniu-text': QianniuTextParser,
};

export async function openImportFile(path: string, options: OpenImportOptions): Promise<ImportFile> {
  const text = await openTextFile(path);
  let format: FormatName;
  try {
    format = detectFormat(path, text.head);
  } catch (err) {
    // Unrecognisable because the bytes themselves are bad: say that, it is the real problem.
    if (text.headProblem) {
      throw new ImportError({
        file: path,
        line: text.headProblem.line,
        field: null,
        reason: text.headProblem.reason,
      });
    }
    throw asImportError(path, err);
  }
  const ctx: ParserContext = {
    file: path,
    defaultShop: options.defaultShop?.trim() || undefined,
    timeZoneOf: options.timeZoneOf,
  };

  /** Parsed records, one array per chunk read (sizes vary with the data). */
  async function* chunks(): AsyncGenerator<ImportRecord[]> {
    try {
      const parser = new PARSERS[format](ctx);
      for await (const batch of text.batches()) {
        const out: ImportRecord[] = [];
        let line = batch.firstLine;
        let failure: unknown = null;
        try {
          for (const t of batch.texts) parser.push(line++, t, out);
        } catch (err) {
          failure = err;
        }
        // Records before the bad one still come out first, so file order holds up to the error.
        if (out.length > 0) yield out;
        if (failure !== null) throw failure;
      }
      const out: ImportRecord[] = [];
      parser.end(out);
      if (out.length > 0) yield out;
    } catch (err) {
      throw asImportError(path, err);
    }
  }

  async function* batches(size = 1000): AsyncGenerator<ImportRecord[]> {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`batch size must be a positive integer: ${size}`);
    let pending: ImportRecord[] = [];
    for await (const chunk of chunks()) {
      if (pending.length === 0 && chunk.length === size) {
        yield chunk;
        continue;
      }
      for (const r of chunk) {
        pending.push(r);
        if (pending.length === size) {
          yield pending;
          pending = [];
        }
      }
    }
    if (pending.length > 0) yield pending;
  }

  async function* records(): AsyncGenerator<ImportRecord> {
    for await (const chunk of chunks()) yield* chunk;
  }

  return {
    path,
    format,
    encoding: text.encoding,
    bytesTotal: text.bytesTotal,
    bytesRead: text.bytesRead,
    records,
    batches,
  };
}
