// After a bulk import the write-ahead log holds every page the import wrote (~650 MB for the 2M-message demo
// shop). The connection's auto-checkpoint copied them back into the database file inside the import's commit:
// 0.3 s of a 2.2 s import at 300k messages, 2.1–2.4 s of 17.7 s at 2M, mostly writing and syncing the file.
// A big import now commits without it and a worker thread checkpoints on a connection of its own while this
// thread goes on (the inspection that follows is busy with the CPU, the checkpoint mostly with the disk).
// The connection's auto-checkpoint is on again after the commit; SQLite lets one checkpointer in at a time and
// the other gives up at once, so the two never wait for each other.
import type { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { siblingModule, startTsWorker } from '../../worker/start-ts-worker.js';

/** Rows an import must have written for its checkpoint to go to a thread (smaller ones checkpoint as usual). */
export const BACKGROUND_CHECKPOINT_ROWS = 50_000;
/** SQLite's default auto-checkpoint threshold, in pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

/** For the length of an import's transaction: no checkpoint at its commit. */
export function holdCheckpoints(sqlite: SqliteDatabase.Database): void {
  sqlite.pragma('wal_autocheckpoint = 0');
}

/** Per connection, the checkpoint workers still running. */
const running = new WeakMap<SqliteDatabase.Database, Set<Worker>>();

/**
 * After the import's commit (or rollback): auto-checkpoints on again, and the import's pages checkpointed on a
 * worker thread when it wrote many (an in-memory store has no file for another connection to open).
 */
export function releaseCheckpoints(sqlite: SqliteDatabase.Database, rows: number): void {
  sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  if (sqlite.memory || rows < BACKGROUND_CHECKPOINT_ROWS) return;
  const worker = startTsWorker(siblingModule(import.meta.url, 'checkpoint.worker'), { file: sqlite.name });
  // Only closing the store waits for it (checkpointsDone): the process may exit first, and the next opening
  // checkpoints then. A failure (the file gone) leaves the log for the next checkpoint.
  worker.unref();
  worker.on('error', () => {});
  let workers = running.get(sqlite);
  if (!workers) {
    workers = new Set();
    running.set(sqlite, workers);
  }
  workers.add(worker);
  worker.once('exit', () => workers.delete(worker));
}

/**
 * Resolves once no checkpoint worker of this connection runs any more: closing a store waits for it. A worker
 * still checkpointing the old file when a new database was made at the same path (a benchmark's fresh store, a
 * script starting over) left the new database malformed.
 */
export async function checkpointsDone(sqlite: SqliteDatabase.Database): Promise<void> {
  const workers = [...(running.get(sqlite) ?? [])];
  await Promise.all(
    workers.map((worker) => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Waited for now: kept alive like any other work the process waits on.
      worker.ref();
      return exited;
    }),
  );
}
