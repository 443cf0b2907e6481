// The sessions with an agent message, a day at a time, remembered for one inspection run: the "other
// sessions" of a batch's buyers are looked up here instead of probing the sessions index once per buyer.
//
// Why: a run pages its sessions in id (so day) order, and every batch asks for its buyers' sessions of
// about six days around it (inspection-input.ts, batchWindows). Probing per buyer read those days again
// for every batch (2M demo shop: ~230k index probes, 2.5–3 s of the server's CPU in a run); read a day at
// a time, each day is read once and the batches after it find it here. Only for one run: a later import
// may add sessions, so each run starts with an empty one.
import { dayNumberToString, dayStringToNumber } from '../../domain/time.js';

/** A stored session with at least one agent message: [id, buyer, agent] (a row as read). */
export type AgentSession = readonly [id: string, buyer: string, agent: string];

/** A day's sessions by buyer. */
export type DaySessions = ReadonlyMap<string, readonly AgentSession[]>;

/**
 * At most this many days not held yet are read for one batch. A batch of sessions scattered over weeks
 * (an incremental run after a late file) would read every session of those weeks: it probes per buyer.
 * So does every batch of a shop whose KPI credit window is longer than 7 days (a one-day batch then reaches
 * more than 10 days): as before this cache, correct but without its saving.
 */
export const MAX_DAYS_PER_READ = 10;

export type ReadDay = (day: string) => Promise<readonly AgentSession[]> | readonly AgentSession[];

export class AgentSessionDays {
  /**
   * day → its sessions by buyer, as a promise: batches loading at the same time share one read, and a
   * batch keeps the days it was given even when a later batch forgets them meanwhile.
   */
  private readonly days = new Map<string, Promise<DaySessions>>();

  constructor(readonly shop: string) {}

  /**
   * The sessions of each day of [from, to] (inclusive), reading the days not held; null when more than
   * MAX_DAYS_PER_READ are missing. Days before `from` are forgotten: the run has moved past them.
   */
  async window(from: string, to: string, read: ReadDay): Promise<DaySessions[] | null> {
    const wanted: string[] = [];
    for (let d = dayStringToNumber(from), last = dayStringToNumber(to); d <= last; d++)
      wanted.push(dayNumberToString(d));
    const missing = wanted.filter((d) => !this.days.has(d));
    if (missing.length > MAX_DAYS_PER_READ) return null;
    for (const d of this.days.keys()) if (d < from) this.days.delete(d);
    for (const d of missing) this.readDay(d, read);
    return Promise.all(wanted.map((d) => this.days.get(d)!));
  }

  private readDay(day: string, read: ReadDay): void {
    const sessions = Promise.resolve()
      .then(() => read(day))
      .then((rows) => {
        const byBuyer = new Map<string, AgentSession[]>();
        for (const r of rows) {
          const list = byBuyer.get(r[1]);
          if (list) list.push(r);
          else byBuyer.set(r[1], [r]);
        }
        return byBuyer;
      });
    // A failed read is not kept: the run fails with it, and nothing later may take it for a day held.
    sessions.catch(() => {
      if (this.days.get(day) === sessions) this.days.delete(day);
    });
    this.days.set(day, sessions);
  }
}
