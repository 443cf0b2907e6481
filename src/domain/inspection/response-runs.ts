// The timing rules' view of response runs: the runs of the KPI definition (src/domain/kpi/response-runs.ts,
// the one published walker), located by message index in the session, which is what evidence points at.
import { RunWalker } from '../kpi/response-runs.js';
import type { Sender } from '../types.js';

export interface ResponseRun {
  /** Index of the buyer message that opened the run. */
  openIndex: number;
  /** Index of the agent message that closed it, or -1 when unanswered. */
  closeIndex: number;
  /** Response time in ms, or null when unanswered. */
  responseMs: number | null;
}

export function walkResponseRuns(messages: ReadonlyArray<{ from: Sender; at: number }>): ResponseRun[] {
  // The walker carries an opaque id per message: the index, so duplicate or missing ids cannot confuse it.
  const walker = new RunWalker({ collect: true });
  for (let i = 0; i < messages.length; i++) walker.advance(messages[i].from, messages[i].at, String(i));
  return walker.runs!.map((r) => ({
    openIndex: Number(r.firstMessageId),
    closeIndex: r.closeMessageId === null ? -1 : Number(r.closeMessageId),
    responseMs: r.responseMs,
  }));
}
