// Worker thread: compiles the rulebook once, then inspects the batches of sessions the main thread sends.
// The main thread does all database I/O; this thread only runs the pure engine.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRulebook, inspectSession } from '../domain/inspection/index.js';
import type { InspectionSession, Rulebook } from '../domain/inspection/types.js';

export interface WorkerRequest {
  id: number;
  sessions: InspectionSession[];
}

export type WorkerReply =
  | { id: number; findings: ReturnType<typeof inspectSession>[] }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('inspect.worker must run in a worker thread');
const compiled = compileRulebook((workerData as { rulebook: Rulebook }).rulebook);

port.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: req.id, findings: req.sessions.map((s) => inspectSession(compiled, s)) };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ id: -1, findings: [] } satisfies WorkerReply);
