// Response runs: the one timing definition shared by the KPI engine (avg/first response, slow,
// unanswered) and the inspection engine's timing rules. Pure.
//
// Walk a session's messages in order: a buyer message opens a run if none is open; a human agent
// message closes the open run (response time = that message's time − the run's first buyer message
// time); bot and system messages neither open nor close a run. A run still open at the end is unanswered.
import type { ChatMessage, Sender } from '../types.js';

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

/**
 * Incremental form of responseRuns(), for callers that see a session's messages interleaved with others.
 * Always keeps the summary counters the KPIs need; keeps the run records only with `collect` (the KPI
 * engine's hot path does not need them).
 */
export class RunWalker {
  /** The runs so far (the last one may still be open); null unless constructed with collect. */
  readonly runs: ResponseRun[] | null;
  /** Runs opened. */
  runCount = 0;
  /** Runs closed, and the sum of their response times. */
  closedCount = 0;
  closedSumMs = 0;
  /** Closed runs with a response time above slowMs. */
  slowCount = 0;
  /** Response time of the first run; null while it is open (or there is none). */
  firstResponseMs: number | null = null;
  /** True while a run is open: at the end of the session, it is unanswered. */
  isOpen = false;
  private openAt = 0;
  private openRun: ResponseRun | null = null;
  private readonly slowMs: number;

  constructor(options: { collect?: boolean; slowMs?: number } = {}) {
    this.runs = options.collect ? [] : null;
    this.slowMs = options.slowMs ?? Number.POSITIVE_INFINITY;
  }

  push(message: RunMessage): void {
    this.advance(message.from, message.at, message.id);
  }

  /** push() for callers that hold a message's fields apart (the KPI engine's hot path). */
  advance(from: Sender, at: number, id: string): void {
    if (from === 'buyer') {
      if (!this.isOpen) {
        this.isOpen = true;
        this.openAt = at;
        this.runCount++;
        if (this.runs !== null) {
          this.openRun = {
            startAt: at,
            firstMessageId: id,
            closeAt: null,
            closeMessageId: null,
            responseMs: null,
          };
          this.runs.push(this.openRun);
        }
      }
    } else if (from === 'agent' && this.isOpen) {
      const ms = at - this.openAt;
      this.isOpen = false;
      this.closedCount++;
      this.closedSumMs += ms;
      if (ms > this.slowMs) this.slowCount++;
      if (this.runCount === 1) this.firstResponseMs = ms;
      if (this.openRun !== null) {
        this.openRun.closeAt = at;
        this.openRun.closeMessageId = id;
        this.openRun.responseMs = ms;
        this.openRun = null;
      }
    }
  }
}

/** The response runs of one session, given its messages in order (time, then input order). */
export function responseRuns(sessionMessages: readonly RunMessage[]): ResponseRun[] {
  const walker = new RunWalker({ collect: true });
  for (const m of sessionMessages) walker.push(m);
  return walker.runs!;
}
