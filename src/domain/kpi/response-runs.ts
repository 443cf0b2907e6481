// Response runs: the one timing definition shared by the KPI engine (avg/first response, slow,
// unanswered) and the inspection engine's timing rules. Pure.
//
// Walk a session's messages in order: a buyer message opens a run if none is open; a human agent
// message closes the open run (response time = that message's time − the run's first buyer message
// time); bot and system messages neither open nor close a run. A run still open at the end is unanswered.
import type { ChatMessage } from '../types.js';

export interface ResponseRun {
  /** Time of the run's first buyer message (epoch ms). */
  startAt: number;
  /** Id of the run's first buyer message. */
  firstMessageId: string;
  /** Time of the agent message that closed the run, or null when the run was left unanswered. */
  closeAt: number | null;
  closeMessageId: string | null;
  /** closeAt − startAt, or null when unanswered. */
  responseMs: number | null;
}

export type RunMessage = Pick<ChatMessage, 'id' | 'from' | 'at'>;

/** Incremental form of responseRuns(), for callers that see a session's messages interleaved with others. */
export class RunWalker {
  readonly runs: ResponseRun[] = [];
  private open: ResponseRun | null = null;

  push(message: RunMessage): void {
    if (message.from === 'buyer') {
      if (this.open === null) {
        this.open = {
          startAt: message.at,
          firstMessageId: message.id,
          closeAt: null,
          closeMessageId: null,
          responseMs: null,
        };
        this.runs.push(this.open);
      }
    } else if (message.from === 'agent' && this.open !== null) {
      this.open.closeAt = message.at;
      this.open.closeMessageId = message.id;
      this.open.responseMs = message.at - this.open.startAt;
      this.open = null;
    }
  }
}

/** The response runs of one session, given its messages in order (time, then input order). */
export function responseRuns(sessionMessages: readonly RunMessage[]): ResponseRun[] {
  const walker = new RunWalker();
  for (const m of sessionMessages) walker.push(m);
  return walker.runs;
}
