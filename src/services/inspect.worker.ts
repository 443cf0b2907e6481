// Worker thread running the pure inspection engine. It outlives one inspection (inspection-workers.ts keeps
// it between runs), so its modules, the rulebook it took over and its JIT-compiled engine serve the next run.
// A run begins by naming its rulebook (sent along only when this thread holds another) and, when the
// workers load their own input, the store; this thread then opens its own connection (SQLite WAL readers and
// PostgreSQL sessions run beside the main thread's writes) and closes it when the run ends. The main thread
// pages and saves, and reads the buyers' other sessions from the sessions by day it holds for the whole run.
import { parentPort } from 'node:worker_threads';
import {
  type CompiledRulebook,
  fromPortable,
  inspectSession,
  type PortableRulebook,
} from '../domain/inspection/index.js';
import type { InspectionSession } from '../domain/inspection/types.js';
import type { KpiSettings } from '../domain/kpi/settings.js';
import { openStore, type StoreHandle, type StoreLocation } from '../store/open-store.js';
import {
  type BuyerAgentMessage,
  InspectionRepository,
  type PendingSession,
} from '../store/repositories/inspection.repository.js';
import { loadInspectionInput } from './inspection-loader.js';

export type WorkerRequest =
  | {
      id: number;
      /** `compiled` comes along only when this thread holds another rulebook (see `fingerprint`). */
      begin: { fingerprint: string; compiled?: PortableRulebook; store?: StoreLocation };
    }
  | { id: number; sessions: InspectionSession[] }
  | {
      id: number;
      /** `others`: the agent messages in the buyers' other sessions, read by the main thread. */
      load: { shop: string; settings: KpiSettings; pending: PendingSession[]; others: BuyerAgentMessage[] };
    }
  | { id: number; end: true };

export type WorkerReply =
  | { id: number; findings: ReturnType<typeof inspectSession>[]; messageCounts: number[] }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('inspect.worker must run in a worker thread');

let rulebook: { fingerprint: string; compiled: CompiledRulebook } | null = null;
let store: { handle: StoreHandle; repo: InspectionRepository } | null = null;

async function begin(req: Extract<WorkerRequest, { begin: unknown }>['begin']): Promise<void> {
  await end();
  if (rulebook?.fingerprint !== req.fingerprint) {
    if (!req.compiled) throw new Error(`this worker does not hold rulebook ${req.fingerprint}`);
    rulebook = { fingerprint: req.fingerprint, compiled: fromPortable(req.compiled) };
  }
  if (req.store) {
    const handle = await openStore(req.store.url, { pgSchema: req.store.pgSchema, migrate: false });
    store = { handle, repo: new InspectionRepository(handle.db, handle) };
  }
}

async function end(): Promise<void> {
  const open = store;
  store = null;
  await open?.handle.close();
}

async function answer(req: WorkerRequest): Promise<WorkerReply> {
  if ('begin' in req || 'end' in req) {
    await ('begin' in req ? begin(req.begin) : end());
    return { id: req.id, findings: [], messageCounts: [] };
  }
  if (!rulebook) throw new Error('no inspection run has begun on this worker');
  let sessions: InspectionSession[];
  if ('load' in req) {
    if (!store) throw new Error('this run was begun without a store');
    const { shop, settings, pending, others } = req.load;
    sessions = await loadInspectionInput(store.repo, shop, settings, pending, others);
  } else sessions = req.sessions;
  const { compiled } = rulebook;
  return {
    id: req.id,
    findings: sessions.map((s) => inspectSession(compiled, s)),
    messageCounts: sessions.map((s) => s.messages.length),
  };
}

port.on('message', (req: WorkerRequest) => {
  answer(req).then(
    (reply) => port.postMessage(reply),
    (err: unknown) =>
      port.postMessage({
        id: req.id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerReply),
  );
});
port.postMessage({ id: -1, findings: [], messageCounts: [] } satisfies WorkerReply);
