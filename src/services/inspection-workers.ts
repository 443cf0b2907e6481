// Worker threads running the pure inspection engine (inspect.worker.ts) on batches of sessions, started
// through src/worker/start-ts-worker.ts (which also works under tsx). Begun with the store's location, the
// workers also load each batch's input themselves.
//
// The threads outlive a run: when it ends they wait, idle and unreferenced (they keep no process alive), for
// the next run in this process, up to two minutes (src/worker/idle-threads.ts). A server inspecting after every upload, or an import followed
// by its inspection, then finds the modules loaded, the rulebook taken over and the engine compiled by the
// JIT: on the 300k demo shop a run on a kept worker took 3.0–3.3 s (PostgreSQL) where one on a new worker
// took 4.0 s, with ~1.4 s less CPU (module loading, the rulebook's copy, and the JIT's compiles of the engine).
import type { Worker } from 'node:worker_threads';
import type { PortableRulebook } from '../domain/inspection/index.js';
import type { Finding, InspectionSession } from '../domain/inspection/types.js';
import type { KpiSettings } from '../domain/kpi/settings.js';
import type { StoreLocation } from '../store/open-store.js';
import type { BuyerAgentMessage, PendingSession } from '../store/repositories/inspection.repository.js';
import { IdleThreads } from '../worker/idle-threads.js';
import { siblingModule, startTsWorker } from '../worker/start-ts-worker.js';
import type { WorkerReply, WorkerRequest } from './inspect.worker.js';

export interface WorkerResult {
  findings: Finding[][];
  /** Messages per session, in input order. */
  messageCounts: number[];
}

/** What a run's workers start from: its rulebook (converted only for a thread that lacks it) and the store. */
export interface WorkerStart {
  fingerprint: string;
  compiled: () => PortableRulebook;
  store?: StoreLocation;
}

/**
 * The worker's young generation may grow to this (V8's default is 48 MB: 16 MB semi-spaces). Loading and
 * inspecting a batch makes short-lived objects by the hundred thousand (rows, messages, scan results):
 * with more room, fewer scavenges come while a batch's objects are still alive. Alternated runs
 * (new workers each) on the 2M demo shop: PostgreSQL 18.9 → 18.2 s, SQLite 16.1 → 14.8 s; 96 MB gained
 * nothing, 384 MB no more than 192.
 */
const YOUNG_GENERATION_MB = 192;

/** A request before its id is given (an Omit over each member of the union). */
type Request<R = WorkerRequest> = R extends { id: number } ? Omit<R, 'id'> : never;

/** One engine thread: its requests in flight, and the rulebook it holds. */
class EngineThread {
  readonly worker: Worker;
  /** Resolves once the thread has loaded its modules. */
  readonly started: Promise<void>;
  fingerprint: string | null = null;
  failure: Error | null = null;
  private readonly waiting = new Map<number, { resolve(r: WorkerResult): void; reject(e: Error): void }>();
  private nextId = 0;

  constructor() {
    this.worker = startTsWorker(siblingModule(import.meta.url, 'inspect.worker'), null, {
      maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
    });
    let loaded: () => void = () => {};
    this.started = new Promise((resolve, reject) => {
      loaded = resolve;
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`inspection worker exited with code ${code}`)));
    });
    this.started.catch(() => {}); // surfaces through the run that waits for it
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.id === -1) return loaded();
      const job = this.waiting.get(reply.id);
      if (!job) return;
      this.waiting.delete(reply.id);
      if ('error' in reply) job.reject(new Error(`inspection worker: ${reply.error}`));
      else job.resolve({ findings: reply.findings, messageCounts: reply.messageCounts });
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`inspection worker exited with code ${code}`)));
  }

  request(req: Request): Promise<WorkerResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    idle.drop(this);
    for (const [id, job] of this.waiting) {
      this.waiting.delete(id);
      job.reject(this.failure);
    }
  }
}

/** Threads between runs. */
const idle = new IdleThreads<EngineThread>();

/** Stops the threads kept between runs (a process that is shutting down, or a test that counts threads). */
export function stopIdleInspectionWorkers(): Promise<void> {
  return idle.stopAll();
}

/** How many threads wait between runs (for tests). */
export function idleInspectionWorkers(): number {
  return idle.size;
}

interface Slot {
  thread: EngineThread;
  busy: number;
}

/** The workers of one run. */
export class InspectionWorkers {
  /** Workers ready for jobs. */
  private readonly slots: Slot[] = [];
  /** Every thread taken or started for this run, ready or not (for close). */
  private readonly threads: EngineThread[] = [];
  private failure: Error | null = null;
  private starting: Promise<void> = Promise.resolve();

  private constructor(
    /** Whether the workers read the store themselves (begun with its location). */
    readonly loading: boolean,
    /** How many workers this run has. */
    readonly planned: number,
  ) {}

  /**
   * Takes `count` workers (kept ones first, new ones for the rest) without waiting for them: the caller works
   * on its own thread until `ready()` (a new worker takes a few hundred milliseconds to load its modules, take
   * the rulebook over and open the store; a kept one only opens the store).
   */
  static launch(start: WorkerStart, count: number): InspectionWorkers {
    const run = new InspectionWorkers(start.store !== undefined, count);
    let portable: PortableRulebook | null = null;
    const compiled = () => {
      portable ??= start.compiled();
      return portable;
    };
    run.starting = Promise.all(
      Array.from({ length: count }, () =>
        run.add(idle.take((t) => t.fingerprint === start.fingerprint) ?? new EngineThread(), start, compiled),
      ),
    ).then(() => {});
    run.starting.catch(() => {}); // failures surface through ready() and whenReady()
    return run;
  }

  private async add(thread: EngineThread, start: WorkerStart, compiled: () => PortableRulebook) {
    this.threads.push(thread);
    try {
      await thread.started;
      const holds = thread.fingerprint === start.fingerprint;
      thread.fingerprint = null; // until the begin succeeds
      await thread.request({
        begin: {
          fingerprint: start.fingerprint,
          compiled: holds ? undefined : compiled(),
          store: start.store,
        },
      });
      thread.fingerprint = start.fingerprint;
      this.slots.push({ thread, busy: 0 });
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
  }

  /** Resolves once every worker is ready; rejects if one failed to start. */
  whenReady(): Promise<void> {
    return this.starting;
  }

  /** Whether some worker can take a job; throws if a worker failed. */
  ready(): boolean {
    if (this.failure) throw this.failure;
    return this.slots.length > 0;
  }

  private fail(err: Error): void {
    this.failure ??= err;
  }

  /** Whether some ready worker holds fewer than `depth` jobs. */
  hasRoom(depth: number): boolean {
    return this.slots.some((s) => s.busy < depth);
  }

  /** Inspects the sessions on the least busy worker; findings per session, in input order. */
  run(sessions: InspectionSession[]): Promise<WorkerResult> {
    return this.send({ sessions });
  }

  /** Loads and inspects the pending sessions on the least busy worker (a loading run only). */
  loadAndRun(
    shop: string,
    settings: KpiSettings,
    pending: PendingSession[],
    others: BuyerAgentMessage[],
  ): Promise<WorkerResult> {
    return this.send({ load: { shop, settings, pending, others } });
  }

  private async send(request: Request): Promise<WorkerResult> {
    if (this.failure) throw this.failure;
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    try {
      return await slot.thread.request(request);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
      throw err;
    } finally {
      slot.busy--;
    }
  }

  /**
   * Ends the run: each ready worker closes its store connection and waits for the next run; a worker still
   * starting, or any worker after a failure, is stopped.
   */
  async close(): Promise<void> {
    const ready = new Set(this.slots.splice(0).map((s) => s.thread));
    const threads = this.threads.splice(0);
    await Promise.all(
      threads.map(async (thread) => {
        if (!this.failure && ready.has(thread) && !thread.failure) {
          try {
            await thread.request({ end: true });
            idle.keep(thread);
            return;
          } catch {
            // stopped below
          }
        }
        await thread.worker.terminate();
      }),
    );
  }
}
