// Messages between the importing thread and its read-ahead worker.
import type { ImportRecord } from '../../domain/types.js';
import type { ImportErrorDetails } from '../import-error.js';
import type { PackedMessages } from './message-packing.js';

export interface ReadAheadOptions {
  path: string;
  defaultShop?: string;
  /** Known shops' time zones; shops first seen in the file get the default zone, as the importer does. */
  timeZones: [string, string][];
  batchSize: number;
}

/** Worker → importer. The importer answers each batch with an empty message once it has written it. */
export type ReadAheadMessage =
  | { kind: 'packed'; packed: PackedMessages; bytesRead: number }
  | { kind: 'records'; records: ImportRecord[]; bytesRead: number }
  | { kind: 'done' }
  | { kind: 'failed'; error: Omit<ImportErrorDetails, 'cause'> };
