// Worker thread: copies a SQLite store's write-ahead log back into its database file (a PASSIVE checkpoint:
// it waits for no reader or writer, and stops short of frames a reader still needs), on a connection of its
// own, then exits. See background-checkpoint.ts.
import SqliteDatabase from 'better-sqlite3';
import { workerData } from 'node:worker_threads';

const { file } = workerData as { file: string };
const sqlite = new SqliteDatabase(file, { fileMustExist: true });
try {
  sqlite.pragma('wal_checkpoint(PASSIVE)');
} finally {
  sqlite.close();
}
