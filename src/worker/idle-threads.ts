// Worker threads kept between jobs: a thread that finished one waits here, unreferenced (it keeps no process
// alive) and for a limited time, for the next job of its kind in this process, which then finds its modules
// loaded and its hot code compiled by the JIT. Used by the inspection's engine threads and the import's
// read-ahead threads.
import type { Worker } from 'node:worker_threads';

/** How long a thread waits for its next job before it stops, unless told otherwise. */
const IDLE_MS = 120_000;

export class IdleThreads<T extends { readonly worker: Worker }> {
  private readonly idle: Array<{ thread: T; timer: NodeJS.Timeout }> = [];

  constructor(private readonly idleMs = IDLE_MS) {}

  /** A waiting thread, the most recently kept first among those `prefer` accepts (else any); null if none. */
  take(prefer?: (thread: T) => boolean): T | null {
    let i = this.idle.length - 1;
    if (prefer) while (i >= 0 && !prefer(this.idle[i].thread)) i--;
    if (i < 0) i = this.idle.length - 1;
    if (i < 0) return null;
    const [{ thread, timer }] = this.idle.splice(i, 1);
    clearTimeout(timer);
    thread.worker.ref();
    return thread;
  }

  /** Lets the thread wait for the next job (it stops after idleMs). */
  keep(thread: T): void {
    thread.worker.unref();
    const timer = setTimeout(() => {
      this.drop(thread);
      void thread.worker.terminate();
    }, this.idleMs);
    timer.unref();
    this.idle.push({ thread, timer });
  }

  /** Forgets a thread (one that died while waiting). */
  drop(thread: T): void {
    const i = this.idle.findIndex((e) => e.thread === thread);
    if (i < 0) return;
    clearTimeout(this.idle[i].timer);
    this.idle.splice(i, 1);
  }

  /** Stops every waiting thread. */
  async stopAll(): Promise<void> {
    const all = this.idle.splice(0);
    await Promise.all(
      all.map(({ thread, timer }) => {
        clearTimeout(timer);
        return thread.worker.terminate();
      }),
    );
  }

  get size(): number {
    return this.idle.length;
  }
}
