// Messages between the importing thread and its read-ahead worker.
import type { ImportRecord } from '../../domain/types.js';
import type { EncodedMessages, MessageEncoding } from '../../store/encoded-messages.js';
import type { ImportErrorDetails } from '../import-error.js';
import type { PackedMessages } from './message-packing.js';

export interface ReadAheadOptions {
  path: string;
  defaultShop?: string;
  /** Known shops' time zones; shops first seen in the file get the default zone, as the importer does. */
  timeZones: [string, string][];
  batchSize: number;
  /** The store's bulk form: when set, message batches are encoded here and cross as bytes. */
  encoding?: MessageEncoding;
}

/** Importer → worker: a file to read, or (0) the acknowledgement that a batch was written. */
export type ReadAheadCommand = { start: ReadAheadOptions } | 0;

/** Worker → importer. The importer answers each batch with an empty message once it has written it. */
export type ReadAheadMessage =
  | { kind: 'encoded'; batch: EncodedMessages; bytesRead: number }
  | { kind: 'packed'; packed: PackedMessages; bytesRead: number }
  | { kind: 'records'; records: ImportRecord[]; bytesRead: number }
  | { kind: 'done' }
  | { kind: 'failed'; error: Omit<ImportErrorDetails, 'cause'> };
