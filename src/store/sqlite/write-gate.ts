// The embedded store's write gate. SQLite has one writer connection per process, and an import holds its
// transaction on it across awaits (reading the file between batches). Any other write issued meanwhile on
// that connection would silently become part of the import: rolled back with it if the file turns out bad,
// or committed by it. So writes take turns through this gate, first come first served: an import holds it
// for the whole file, a query-builder transaction from BEGIN to COMMIT, a single statement for its own
// (synchronous) run. Reads never wait here: they go to a separate reader connection (sqlite-dialect.ts).
//
// Work started by the holder keeps holding (AsyncLocalStorage): the import's own reads and writes, and a
// transaction opened inside it, run at once instead of waiting for themselves.
// On PostgreSQL, where every request has its own connection, only imports take turns, in a gate of their
// own (Store.importTurn).
import { AsyncLocalStorage } from 'node:async_hooks';

export class WriteGate {
  private readonly holder = new AsyncLocalStorage<symbol>();
  private current: symbol | null = null;
  private readonly waiting: Array<() => void> = [];

  /** Whether the calling async context holds the gate (an import, or work it started). */
  heldHere(): boolean {
    const token = this.holder.getStore();
    return token !== undefined && token === this.current;
  }

  /** Whether anybody holds the gate. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Runs `work` holding the gate (at once if this context holds it already). */
  async hold<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.heldHere()) return work();
    const token = await this.acquire();
    try {
      return await this.holder.run(token, work);
    } finally {
      this.release(token);
    }
  }

  /**
   * Takes the gate for a span that cannot be wrapped in a callback (a transaction driven by the query
   * builder); the caller must `release` the returned token exactly once.
   */
  acquire(): Promise<symbol> {
    const token = Symbol('write-turn');
    if (this.current === null) {
      this.current = token;
      return Promise.resolve(token);
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.current = token;
        resolve(token);
      }),
    );
  }

  /** Hands the gate to the next in line (or frees it). */
  release(token: symbol): void {
    if (this.current !== token) throw new Error('write gate released by a turn that does not hold it');
    this.current = null;
    this.waiting.shift()?.();
  }
}
