// Response runs, exactly as the KPI issue defines them: walk the session's messages in order; a buyer
// message opens a run if none is open; an agent message closes the open run (response time = that agent
// message's time − the run's first buyer message's time); bot and system messages neither open nor close
// a run; a run still open at the end is unanswered. (The KPI domain has its own walker; one will go.)

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
  const runs: ResponseRun[] = [];
  let open = -1;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (m.from === 'buyer') {
      if (open < 0) open = i;
    } else if (m.from === 'agent' && open >= 0) {
      runs.push({ openIndex: open, closeIndex: i, responseMs: m.at - messages[open].at });
      open = -1;
    }
  }
  if (open >= 0) runs.push({ openIndex: open, closeIndex: -1, responseMs: null });
  return runs;
}
