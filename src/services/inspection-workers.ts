// A small pool of worker threads running the pure inspection engine (inspect.worker.ts) on batches of
// sessions (started through src/worker/start-ts-worker.ts, which also works under tsx).
import type { Worker } from 'node:worker_threads';
import type { Finding, InspectionSession, Rulebook } from '../domain/inspection/types.js';
import { siblingModule, startTsWorker } from '../worker/start-ts-worker.js';
import type { WorkerReply } from './inspect.worker.js';

interface Slot {
  worker: Worker;
  busy: number;
}

function startWorker(rulebook: Rulebook): Worker {
  return startTsWorker(siblingModule(import.meta.url, 'inspect.worker'), { rulebook });
}

export class InspectionWorkers {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<
    number,
    { resolve(f: Finding[][]): void; reject(e: Error): void; slot: Slot }
  >();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor() {}

  /** Starts `count` workers and waits until each has compiled the rulebook. */
  static async start(rulebook: Rulebook, count: number): Promise<InspectionWorkers> {
    const pool = new InspectionWorkers();
    await Promise.all(Array.from({ length: count }, () => pool.add(rulebook)));
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  private add(rulebook: Rulebook): Promise<void> {
    return new Promise((resolve, reject) => {
      const slot: Slot = { worker: startWorker(rulebook), busy: 0 };
      let ready = false;
      slot.worker.on('message', (reply: WorkerReply) => {
        if (reply.id === -1) {
          ready = true;
          this.slots.push(slot);
          resolve();
          return;
        }
        const job = this.pending.get(reply.id);
        if (!job) return;
        this.pending.delete(reply.id);
        slot.busy--;
        if ('error' in reply) job.reject(new Error(`inspection worker: ${reply.error}`));
        else job.resolve(reply.findings);
      });
      slot.worker.on('error', (err) => {
        this.fail(err);
        if (!ready) reject(err);
      });
      slot.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`inspection worker exited with code ${code}`));
      });
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const [id, job] of this.pending) {
      this.pending.delete(id);
      job.reject(err);
    }
  }

  /** Inspects the sessions on the least busy worker; findings per session, in input order. */
  run(sessions: InspectionSession[]): Promise<Finding[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, sessions });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
