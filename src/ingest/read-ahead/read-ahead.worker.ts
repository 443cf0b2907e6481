// Worker side of the read-ahead: reads, decodes, parses and validates a chat file and assigns sessions,
// while the importing thread writes the previous batches to the store. Stays at most MAX_AHEAD batches
// ahead of the writer, so memory is bounded however large the file is. One file per `start` message; the
// thread then waits for the next (the importer keeps it between imports, see read-ahead.ts).
import { parentPort } from 'node:worker_threads';
import { SessionAssigner } from '../../domain/session-id.js';
import { DEFAULT_TIME_ZONE, type ImportRecord } from '../../domain/types.js';
import { encodeMessages } from '../../store/encoded-messages.js';
import { ImportError } from '../import-error.js';
import { openImportFile } from '../open-import-file.js';
import { type PreparedMessage, packMessages } from './message-packing.js';
import type { ReadAheadCommand, ReadAheadMessage, ReadAheadOptions } from './protocol.js';

// Enough to ride out the writer's pauses (session flushes, the commit) without stalling the parse.
const MAX_AHEAD = 8;

const port = parentPort!;
let unacknowledged = 0;
let wake: (() => void) | null = null;
port.on('message', (m: ReadAheadCommand) => {
  if (typeof m === 'object') {
    unacknowledged = 0;
    run(m.start).catch((err: unknown) => failed(err, m.start.path));
    return;
  }
  unacknowledged--;
  wake?.();
  wake = null;
});

function send(message: ReadAheadMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

async function run(options: ReadAheadOptions): Promise<void> {
  const zones = new Map(options.timeZones);
  const zoneOf = (shop: string) => zones.get(shop) ?? DEFAULT_TIME_ZONE;
  const file = await openImportFile(options.path, { defaultShop: options.defaultShop, timeZoneOf: zoneOf });
  const sessions = new SessionAssigner();
  let seq = options.encoding?.firstSeq ?? 0;
  for await (const batch of file.batches(options.batchSize)) {
    const lines: number[] = [];
    const messages: PreparedMessage[] = [];
    const others: ImportRecord[] = [];
    for (const record of batch) {
      if (record.type !== 'message') {
        others.push(record);
        continue;
      }
      const m = record.value as PreparedMessage;
      const { day, sessionId } = sessions.assign(m, zoneOf(m.shop));
      m.day = day;
      m.sessionId = sessionId;
      lines.push(record.line);
      messages.push(m);
    }
    unacknowledged++;
    // Import order numbers run over every message of the file, however its batch crosses.
    const firstSeq = seq;
    seq += messages.length;
    // Chat files hold only messages; anything else (or a separator inside a value) goes as objects.
    const encoded =
      others.length === 0 && options.encoding
        ? encodeMessages(options.encoding, firstSeq, lines, messages)
        : null;
    const packed = others.length === 0 && !encoded ? packMessages(lines, messages) : null;
    // Typed arrays' buffers are handed over, not copied.
    if (encoded) {
      send({ kind: 'encoded', batch: encoded, bytesRead: file.bytesRead() }, [
        encoded.bytes.buffer as ArrayBuffer,
        encoded.sessionNumbers.buffer as ArrayBuffer,
      ]);
    } else if (packed) {
      send({ kind: 'packed', packed, bytesRead: file.bytesRead() }, [packed.numbers.buffer as ArrayBuffer]);
    } else send({ kind: 'records', records: batch, bytesRead: file.bytesRead() });
    while (unacknowledged >= MAX_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  }
  send({ kind: 'done' });
}

function failed(err: unknown, path: string): void {
  if (err instanceof ImportError) {
    send({ kind: 'failed', error: { file: err.file, line: err.line, field: err.field, reason: err.reason } });
  } else {
    send({ kind: 'failed', error: { file: path, line: null, field: null, reason: String(err) } });
  }
}
