// Worker thread: takes over the rulebook the main thread compiled, then inspects the batches the main thread
// sends. Given the store's location it also loads each batch's input itself (its own connection: SQLite WAL
// readers and PostgreSQL sessions run beside the main thread's writes), so the main thread only pages and
// saves — and reads the buyers' other sessions, from the sessions by day it holds for the whole run.
import { parentPort, workerData } from 'node:worker_threads';
import { fromPortable, inspectSession } from '../domain/inspection/index.js';
import type { InspectionSession } from '../domain/inspection/types.js';
import type { KpiSettings } from '../domain/kpi/settings.js';
import { openStore } from '../store/open-store.js';
import {
  type BuyerAgentMessage,
  InspectionRepository,
  type PendingSession,
} from '../store/repositories/inspection.repository.js';
import { loadInspectionInput } from './inspection-loader.js';
import type { WorkerStart } from './inspection-workers.js';

export type WorkerRequest =
  | { id: number; sessions: InspectionSession[] }
  | {
      id: number;
      /** `others`: the agent messages in the buyers' other sessions, read by the main thread. */
      load: { shop: string; settings: KpiSettings; pending: PendingSession[]; others: BuyerAgentMessage[] };
    }
  | { id: number; close: true };

export type WorkerReply =
  | { id: number; findings: ReturnType<typeof inspectSession>[]; messageCounts: number[] }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('inspect.worker must run in a worker thread');
const { compiled: portable, store: location } = workerData as WorkerStart;
const compiled = fromPortable(portable);
const handle = location
  ? await openStore(location.url, { pgSchema: location.pgSchema, migrate: false })
  : null;
const repo = handle ? new InspectionRepository(handle.db, handle) : null;

async function answer(req: WorkerRequest): Promise<WorkerReply> {
  if ('close' in req) {
    await handle?.close();
    return { id: req.id, findings: [], messageCounts: [] };
  }
  let sessions: InspectionSession[];
  if ('load' in req) {
    if (!repo) throw new Error('this worker was started without a store');
    const { shop, settings, pending, others } = req.load;
    sessions = await loadInspectionInput(repo, shop, settings, pending, others);
  } else sessions = req.sessions;
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
