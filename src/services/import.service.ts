// Use case: import shop files into the store, each file in one transaction, all-or-nothing.
import { SessionAssigner } from '../domain/session-id.js';
import { localDay } from '../domain/time.js';
import { DEFAULT_TIME_ZONE, type ImportRecord } from '../domain/types.js';
import { ImportError } from '../ingest/import-error.js';
import { type ImportFile, openImportFile } from '../ingest/open-import-file.js';
import { readAhead, wantsReadAhead } from '../ingest/read-ahead/read-ahead.js';
import { type EncodedMessages, encodedSessions, type MessageEncoding } from '../store/encoded-messages.js';
import type { ImportWriter, MessageRow } from '../store/import-writer.js';
import type { Store } from '../store/store.js';

const BATCH = 5_000;

export interface ImportProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  records: number;
}

export interface ImportOptions {
  /** Shop for files that do not name one (Taobao exports, Qianniu transcripts, chats without `shop`). */
  shop?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Name shown in errors and the import log instead of the path (uploads give the original file name). */
  displayName?: string;
  /** When set, a record of any other shop fails the file (an API token or a supervisor imports only these). */
  allowedShops?: readonly string[];
  /** Parse chat files on a worker thread while this one writes: default for chat files from 8 MB. */
  readAhead?: boolean;
}

export interface ImportResult {
  file: string;
  format: string;
  records: number;
  /** New messages, new or changed orders, refunds and agents. */
  inserted: number;
  sessionsTouched: number;
  /** Days (shop time zone) the file's records fall on, per shop: what derived data must refresh. */
  days: Record<string, string[]>;
  /** The subset of `days` that orders and refunds fall on: sessions there may judge differently now. */
  commerceDays: Record<string, string[]>;
}

export class ImportService {
  constructor(private readonly store: Store) {}

  async importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
    const shops = await this.shopTimeZones();
    const display = options.displayName ?? path;
    let opened: ImportFile;
    try {
      opened = await openImportFile(path, {
        defaultShop: options.shop,
        timeZoneOf: (shop) => shops.get(shop) ?? DEFAULT_TIME_ZONE,
      });
    } catch (err) {
      throw asImportError(err, display);
    }
    const source: RecordSource = wantsReadAhead(opened, options.readAhead)
      ? readAhead(opened, { defaultShop: options.shop, timeZones: [...shops], batchSize: BATCH })
      : opened;
    return this.importSource(source, display, options, shops);
  }

  /**
   * Imports any stream of records (a parsed file, the demo generator) in one transaction. The same path
   * for every source means the same sessions, the same idempotence and the same rollback everywhere.
   */
  async importSource(
    source: RecordSource,
    display: string,
    options: Pick<ImportOptions, 'onProgress' | 'allowedShops'> = {},
    knownShops?: Map<string, string>,
  ): Promise<ImportResult> {
    // One import at a time per store; the shops' time zones are read once it is this one's turn.
    return this.store.importTurn(() => this.importInTurn(source, display, options, knownShops));
  }

  private async importInTurn(
    source: RecordSource,
    display: string,
    options: Pick<ImportOptions, 'onProgress' | 'allowedShops'>,
    knownShops: Map<string, string> | undefined,
  ): Promise<ImportResult> {
    const shops = knownShops ?? (await this.shopTimeZones());
    const startedAt = Date.now();
    const writer = await this.store.beginImport();
    const run = new RecordLoader(
      writer,
      shops,
      (p) => options.onProgress?.({ ...p, file: display }),
      source,
      options.allowedShops ? new Set(options.allowedShops) : null,
    );
    try {
      await run.consume();
      const totals = await writer.finish({
        shop: run.singleShop(),
        file: display,
        format: source.format,
        records: run.records,
        startedAt,
      });
      return {
        file: display,
        format: source.format,
        records: run.records,
        inserted: totals.inserted,
        sessionsTouched: totals.sessionsTouched,
        days: run.daysByShop(),
        commerceDays: run.daysByShop(true),
      };
    } catch (err) {
      await writer.abort().catch(() => {});
      throw asImportError(err, display);
    }
  }

  private async shopTimeZones(): Promise<Map<string, string>> {
    return new Map((await this.store.shops.list()).map((s) => [s.id, s.timeZone]));
  }
}

/** What the loader needs of a source: a format name, records in order, and how far it has read. */
export interface RecordSource {
  format: string;
  bytesTotal: number;
  bytesRead(): number;
  records(): AsyncIterable<ImportRecord> | Iterable<ImportRecord>;
  /**
   * The same records in arrays, when the source can hand them over more cheaply that way; given the
   * writer's message encoding, a source may hand message batches over encoded in it.
   */
  batches?(size: number, encoding?: MessageEncoding): AsyncIterable<ImportRecord[] | EncodedMessages>;
}

async function* oneByOne(
  records: AsyncIterable<ImportRecord> | Iterable<ImportRecord>,
): AsyncIterable<ImportRecord[]> {
  let batch: ImportRecord[] = [];
  for await (const r of records) {
    batch.push(r);
    if (batch.length >= 1_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The state of one source's import: batches per record type, shops seen, days touched. */
class RecordLoader {
  records = 0;
  private messages: MessageRow[] = [];
  private orders: Extract<ImportRecord, { type: 'order' }>['value'][] = [];
  private refunds: Extract<ImportRecord, { type: 'refund' }>['value'][] = [];
  private agents: Extract<ImportRecord, { type: 'agent' }>['value'][] = [];
  private readonly days = new Map<string, Set<string>>();
  private readonly commerceDays = new Map<string, Set<string>>();
  private readonly sessions = new SessionAssigner();
  private nextProgressAt = 0;
  /** The last shop checked against allowedShops (records come in long runs of one shop). */
  private lastShop: string | null = null;

  constructor(
    private readonly writer: ImportWriter,
    private readonly shops: Map<string, string>,
    private readonly progress: (p: Omit<ImportProgress, 'file'>) => void,
    private readonly source: RecordSource,
    private readonly allowedShops: ReadonlySet<string> | null,
  ) {}

  async consume(): Promise<void> {
    const encoding = this.writer.writeEncodedMessages ? this.writer.messageEncoding : undefined;
    const batches = this.source.batches
      ? this.source.batches(1_000, encoding)
      : oneByOne(this.source.records());
    for await (const batch of batches) {
      if (Array.isArray(batch)) await this.addRecords(batch);
      else await this.addEncoded(batch);
      this.records += Array.isArray(batch) ? batch.length : batch.count;
      if (this.records >= this.nextProgressAt) {
        this.nextProgressAt = this.records + 50_000;
        this.progress({
          bytesRead: this.source.bytesRead(),
          bytesTotal: this.source.bytesTotal,
          records: this.records,
        });
      }
    }
    await this.flush();
    this.progress({
      bytesRead: this.source.bytesTotal,
      bytesTotal: this.source.bytesTotal,
      records: this.records,
    });
  }

  private async addRecords(batch: ImportRecord[]): Promise<void> {
    for (const record of batch) {
      const shop = record.value.shop;
      this.checkAllowed(shop, record.line);
      // Only a new shop or a full batch needs the store; the common case stays synchronous.
      if (!this.shops.has(shop)) await this.ensureShop(shop, record.line);
      if (this.add(record)) await this.flush();
    }
  }

  /** A message batch the source encoded for the writer: checked and counted by session, not by message. */
  private async addEncoded(batch: EncodedMessages): Promise<void> {
    // Queued rows go first: the batch's import order numbers follow theirs.
    await this.flush();
    const sessions = encodedSessions(batch);
    for (const s of sessions) {
      this.checkAllowed(s.shop, s.firstLine);
      if (!this.shops.has(s.shop)) await this.ensureShop(s.shop, s.firstLine);
      this.markDay(s.shop, s.day);
    }
    await this.writer.writeEncodedMessages!(batch, sessions);
  }

  /** Refuses a shop the importer may not write to. */
  private checkAllowed(shop: string, line: number): void {
    if (this.allowedShops && shop && shop !== this.lastShop) {
      if (!this.allowedShops.has(shop)) {
        throw new ImportError({
          file: '',
          line,
          field: 'shop',
          reason: `no permission to import into shop ${JSON.stringify(shop)}`,
        });
      }
      this.lastShop = shop;
    }
  }

  /** Queues a record; true when a batch is full and should be written. */
  private add(record: ImportRecord): boolean {
    const shop = record.value.shop;
    const timeZone = this.shops.get(shop)!;
    switch (record.type) {
      case 'message': {
        // The record is ours from here on: extend it in place rather than copy it (GC on big files).
        const row = record.value as MessageRow;
        // A read-ahead source has assigned sessions already (on its own thread).
        if (row.sessionId === undefined) {
          const { day, sessionId } = this.sessions.assign(row, timeZone);
          row.day = day;
          row.sessionId = sessionId;
        }
        this.messages.push(row);
        const day = row.day;
        this.markDay(shop, day);
        return this.messages.length >= BATCH;
      }
      case 'order':
        this.orders.push(record.value);
        this.markDay(shop, localDay(record.value.createdAt, timeZone), true);
        if (record.value.paidAt !== null) this.markDay(shop, localDay(record.value.paidAt, timeZone), true);
        return this.orders.length >= BATCH;
      case 'refund':
        this.refunds.push(record.value);
        this.markDay(shop, localDay(record.value.createdAt, timeZone), true);
        return this.refunds.length >= BATCH;
      case 'agent':
        this.agents.push(record.value);
        return this.agents.length >= BATCH;
    }
  }

  private async ensureShop(shop: string, line: number): Promise<void> {
    if (!shop) throw new ImportError({ file: '', line, field: 'shop', reason: 'missing shop (pass --shop)' });
    this.shops.set(shop, DEFAULT_TIME_ZONE);
    await this.writer.ensureShop({ id: shop, name: shop, timeZone: DEFAULT_TIME_ZONE });
  }

  private markDay(shop: string, day: string, commerce = false): void {
    for (const map of commerce ? [this.days, this.commerceDays] : [this.days]) {
      let set = map.get(shop);
      if (!set) {
        set = new Set();
        map.set(shop, set);
      }
      set.add(day);
    }
  }

  private async flushMessages(): Promise<void> {
    if (this.messages.length === 0) return;
    const batch = this.messages;
    this.messages = [];
    await this.writer.writeMessages(batch);
  }

  private async flush(): Promise<void> {
    // Agents first, so an agents file's profiles exist before chats mention the same nicks.
    if (this.agents.length) await this.writer.writeAgents(this.agents.splice(0));
    await this.flushMessages();
    if (this.orders.length) await this.writer.writeOrders(this.orders.splice(0));
    if (this.refunds.length) await this.writer.writeRefunds(this.refunds.splice(0));
  }

  singleShop(): string | null {
    return this.days.size === 1 ? [...this.days.keys()][0] : null;
  }

  daysByShop(commerceOnly = false): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [shop, set] of commerceOnly ? this.commerceDays : this.days) out[shop] = [...set].sort();
    return out;
  }
}

function asImportError(err: unknown, file: string): ImportError {
  if (err instanceof ImportError) {
    // Name the file as the user knows it (an upload's original name, not its temp path).
    return err.file === file
      ? err
      : new ImportError({ file, line: err.line, field: err.field, reason: err.reason });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new ImportError({ file, line: null, field: null, reason });
}
