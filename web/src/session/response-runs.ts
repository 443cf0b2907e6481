// Response runs, as docs/metrics.md § 3 defines them, computed in the browser for the badges:
// a buyer message opens a run if none is open; a human agent message closes it, timed from the run's
// first buyer message; bot and system messages neither open nor close a run.
import type { Message } from '../api/types';

export interface RunMarks {
  /** Agent message id → response time in ms of the run it closed. */
  replies: Map<string, number>;
  /** The first buyer message of a run still open at the end of the session. */
  unansweredFrom: string | null;
}

export function responseRuns(messages: readonly Message[]): RunMarks {
  const replies = new Map<string, number>();
  let open: Message | null = null;
  for (const m of messages) {
    if (m.from === 'buyer') {
      if (!open) open = m;
    } else if (m.from === 'agent' && open) {
      replies.set(m.id, m.at - open.at);
      open = null;
    }
  }
  return { replies, unansweredFrom: open?.id ?? null };
}

export const DEFAULT_SLOW_THRESHOLD_S = 60;

/** Slow means strictly greater than the threshold. */
export function isSlow(ms: number, thresholdS = DEFAULT_SLOW_THRESHOLD_S): boolean {
  return ms > thresholdS * 1000;
}
