// Importer side of the read-ahead: a chat file parsed on a worker thread while this thread writes to the
// store. On a machine with a spare core the parse costs the import nothing; the records, their order, the
// first error and its file:line:field are exactly those of the in-thread parse. The worker waits between
// imports, up to two minutes, for the process's next (a server's uploads, the benchmark's rounds): its
// modules loaded and its parse already optimised by the JIT (a warm pass over the 300k demo's chat file
// took 0.1–0.15 s less than a cold one).
import type { Worker } from 'node:worker_threads';
import type { ImportRecord } from '../../domain/types.js';
import type { EncodedMessages, MessageEncoding } from '../../store/encoded-messages.js';
import { IdleThreads } from '../../worker/idle-threads.js';
import { siblingModule, startTsWorker } from '../../worker/start-ts-worker.js';
import { ImportError } from '../import-error.js';
import type { ImportFile } from '../open-import-file.js';
import { unpackMessages } from './message-packing.js';
import type { ReadAheadCommand, ReadAheadMessage, ReadAheadOptions } from './protocol.js';

/** Formats worth a thread: chats, the only files that reach millions of lines. */
const READ_AHEAD_FORMATS = new Set(['chats-jsonl', 'chats-csv']);
/** Below this a worker's start-up costs more than it saves. */
const MIN_BYTES = 8 * 1024 * 1024;

/**
 * Whether to parse this file on a worker: chat files from 8 MB up, unless `choice` (or the environment's
 * ZHIPEI_READ_AHEAD=0/1) says always or never.
 */
export function wantsReadAhead(
  file: Pick<ImportFile, 'format' | 'bytesTotal'>,
  choice: boolean | undefined = envChoice(),
): boolean {
  if (!READ_AHEAD_FORMATS.has(file.format)) return false;
  return choice ?? file.bytesTotal >= MIN_BYTES;
}

function envChoice(): boolean | undefined {
  const v = process.env.ZHIPEI_READ_AHEAD;
  return v === '0' ? false : v === '1' ? true : undefined;
}

/**
 * The file's records in batches, parsed ahead on a worker; message values come with day and session id.
 * Given the store's bulk encoding, message batches come encoded in it instead.
 */
export function readAhead(
  file: Pick<ImportFile, 'path' | 'format' | 'bytesTotal'>,
  options: Omit<ReadAheadOptions, 'path'>,
) {
  let bytesRead = 0;
  return {
    format: file.format,
    bytesTotal: file.bytesTotal,
    bytesRead: () => bytesRead,
    async *records(): AsyncIterable<ImportRecord> {
      for await (const batch of this.batches()) yield* batch as ImportRecord[];
    },
    async *batches(
      _size?: number,
      encoding?: MessageEncoding,
    ): AsyncIterable<ImportRecord[] | EncodedMessages> {
      const reader = readers.take() ?? new ReaderThread();
      const command: ReadAheadCommand = { start: { ...options, path: file.path, encoding } };
      reader.worker.postMessage(command);
      // Kept for the next import only when it read the file to its end (or to its first error): stopped midway,
      // it would still be reading this one.
      let finished = false;
      try {
        for (;;) {
          const message = await reader.inbox.next();
          if (message.kind === 'done' || message.kind === 'failed') finished = true;
          if (message.kind === 'done') return;
          if (message.kind === 'failed') throw new ImportError(message.error);
          bytesRead = message.bytesRead;
          if (message.kind === 'encoded') yield message.batch;
          else yield message.kind === 'records' ? message.records : asRecords(message.packed);
          reader.worker.postMessage(0 satisfies ReadAheadCommand); // written: the worker may read one batch further
        }
      } finally {
        if (finished && !reader.inbox.failed) readers.keep(reader);
        else await reader.worker.terminate();
      }
    },
  };
}

/** A read-ahead worker and its messages; kept between imports (IdleThreads), so the next starts warm. */
class ReaderThread {
  readonly worker = startTsWorker(siblingModule(import.meta.url, 'read-ahead.worker'), null);
  readonly inbox = new Inbox(this.worker);

  constructor() {
    this.worker.on('exit', () => readers.drop(this));
  }
}

const readers = new IdleThreads<ReaderThread>();

/** Stops the read-ahead workers kept between imports (for tests). */
export function stopIdleReadAheadWorkers(): Promise<void> {
  return readers.stopAll();
}

/** How many read-ahead workers wait between imports (for tests). */
export function idleReadAheadWorkers(): number {
  return readers.size;
}

function asRecords(packed: Parameters<typeof unpackMessages>[0]): ImportRecord[] {
  const { lines, messages } = unpackMessages(packed);
  const out: ImportRecord[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) out[i] = { type: 'message', line: lines[i], value: messages[i] };
  return out;
}

/** The worker's messages as a queue to await one at a time; a crash becomes an error. */
class Inbox {
  private readonly queue: ReadAheadMessage[] = [];
  private waiting: { resolve(m: ReadAheadMessage): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;

  /** Whether the worker crashed. */
  get failed(): boolean {
    return this.failure !== null;
  }

  constructor(worker: Worker) {
    worker.on('message', (m: ReadAheadMessage) => {
      if (this.waiting) {
        this.waiting.resolve(m);
        this.waiting = null;
      } else this.queue.push(m);
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`read-ahead worker exited with code ${code}`));
    });
  }

  next(): Promise<ReadAheadMessage> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.waiting?.reject(err);
    this.waiting = null;
  }
}
