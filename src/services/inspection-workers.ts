// A small pool of worker threads running the pure inspection engine (inspect.worker.ts) on batches of
// sessions (started through src/worker/start-ts-worker.ts, which also works under tsx). Started with the
// store's location, the workers also load each batch's input themselves.
import type { Worker } from 'node:worker_threads';
import type { PortableRulebook } from '../domain/inspection/index.js';
import type { Finding, InspectionSession } from '../domain/inspection/types.js';
import type { KpiSettings } from '../domain/kpi/settings.js';
import type { StoreLocation } from '../store/open-store.js';
import type { BuyerAgentMessage, PendingSession } from '../store/repositories/inspection.repository.js';
import { siblingModule, startTsWorker } from '../worker/start-ts-worker.js';
import type { WorkerReply, WorkerRequest } from './inspect.worker.js';

export interface WorkerResult {
  findings: Finding[][];
  /** Messages per session, in input order. */
  messageCounts: number[];
}

interface Slot {
  worker: Worker;
  busy: number;
}

/** What a worker starts from (inspect.worker.ts): the rulebook as this thread compiled it, and the store. */
export interface WorkerStart {
  compiled: PortableRulebook;
  store?: StoreLocation;
}

function startWorker(start: WorkerStart): Worker {
  return startTsWorker(siblingModule(import.meta.url, 'inspect.worker'), start);
}

export class InspectionWorkers {
  /** Workers ready for jobs. */
  private readonly slots: Slot[] = [];
  /** Every worker started, ready or not (for close). */
  private readonly started: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve(r: WorkerResult): void; reject(e: Error): void; slot: Slot }
  >();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(
    /** Whether the workers read the store themselves (started with its location). */
    readonly loading: boolean,
    /** How many workers were started. */
    readonly planned: number,
  ) {}

  /**
   * Starts `count` workers without waiting for them: the caller works on its own thread until `ready()`
   * (a worker takes a few hundred milliseconds to load its modules, take the rulebook over and open the store).
   */
  static launch(start: WorkerStart, count: number): InspectionWorkers {
    const pool = new InspectionWorkers(start.store !== undefined, count);
    pool.starting = Promise.all(Array.from({ length: count }, () => pool.add(start))).then(() => {});
    pool.starting.catch(() => {}); // failures surface through ready() and whenReady()
    return pool;
  }

  private starting: Promise<void> = Promise.resolve();

  /** Resolves once every worker is ready; rejects if one failed to start. */
  whenReady(): Promise<void> {
    return this.starting;
  }

  /** Whether some worker can take a job; throws if a worker failed. */
  ready(): boolean {
    if (this.failure) throw this.failure;
    return this.slots.length > 0;
  }

  private add(start: WorkerStart): Promise<void> {
    return new Promise((resolve, reject) => {
      const slot: Slot = { worker: startWorker(start), busy: 0 };
      this.started.push(slot.worker);
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
        else job.resolve({ findings: reply.findings, messageCounts: reply.messageCounts });
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

  /** Whether some ready worker holds fewer than `depth` jobs. */
  hasRoom(depth: number): boolean {
    return this.slots.some((s) => s.busy < depth);
  }

  /** Inspects the sessions on the least busy worker; findings per session, in input order. */
  run(sessions: InspectionSession[]): Promise<WorkerResult> {
    return this.send((id) => ({ id, sessions }));
  }

  /** Loads and inspects the pending sessions on the least busy worker (a loading pool only). */
  loadAndRun(
    shop: string,
    settings: KpiSettings,
    pending: PendingSession[],
    others: BuyerAgentMessage[],
  ): Promise<WorkerResult> {
    return this.send((id) => ({ id, load: { shop, settings, pending, others } }));
  }

  private send(request: (id: number) => WorkerRequest): Promise<WorkerResult> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return this.sendTo(slot, request(this.nextId++));
  }

  /** Lets each worker close its store connection, then stops it. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    if (this.loading && !this.failure) {
      await Promise.all(slots.map((s) => this.sendTo(s, { id: this.nextId++, close: true }).catch(() => {})));
    }
    await Promise.all(this.started.splice(0).map((w) => w.terminate()));
  }

  private sendTo(slot: Slot, request: WorkerRequest): Promise<WorkerResult> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, slot });
      slot.worker.postMessage(request);
    });
  }
}
