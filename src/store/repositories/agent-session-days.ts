// The sessions with an agent message, a day at a time, remembered for one inspection run: the "other
// sessions" of a batch's buyers are looked up here instead of probing the sessions index once per buyer.
//
// Why: a run pages its sessions in id (so day) order, and every batch asks for its buyers' sessions of
// about six days around it (inspection-input.ts, batchWindows). Probing per buyer read those days again
// for every batch (300k demo shop: ~490 index probes a batch, 1.0–1.3 s of the server's time in a run);
// read a day at a time, each day is read once and the batches after it find it here.
// Only for one run: a later import may add sessions, so each run starts with an empty one.
import { dayNumberToString, dayStringToNumber } from '../../domain/time.js';

/** A stored session with at least one agent message. */
export interface AgentSession {
  id: string;
  buyer: string;
  agent: string;
}

/** A day's sessions by buyer. */
export type DaySessions = ReadonlyMap<string, readonly AgentSession[]>;

/**
 * At most this many days not held yet are read for one batch. A batch of sessions scattered over weeks
 * (an incremental run after a late file) would read every session of those weeks: it probes per buyer.
 */
export const MAX_DAYS_PER_READ = 10;

export type ReadDays = (
  from: string,
  to: string,
) => Promise<Array<AgentSession & { day: string }>> | Array<AgentSession & { day: string }>;

export class AgentSessionDays {
  /**
   * day → its sessions by buyer, as a promise: batches loading at the same time share one read, and a
   * batch keeps the days it was given even when a later batch forgets them meanwhile.
   */
  private readonly days = new Map<string, Promise<DaySessions>>();

  constructor(readonly shop: string) {}

  /**
   * The sessions of each day of [from, to] (inclusive), reading the days not held in one go; null when
   * more than MAX_DAYS_PER_READ are missing. Days before `from` are forgotten: the run has moved past them.
   */
  async window(from: string, to: string, read: ReadDays): Promise<DaySessions[] | null> {
    const wanted: string[] = [];
    for (let d = dayStringToNumber(from), last = dayStringToNumber(to); d <= last; d++)
      wanted.push(dayNumberToString(d));
    const missing = wanted.filter((d) => !this.days.has(d));
    if (missing.length > MAX_DAYS_PER_READ) return null;
    for (const d of this.days.keys()) if (d < from) this.days.delete(d);
    if (missing.length > 0) this.readDays(missing, read);
    return Promise.all(wanted.map((d) => this.days.get(d)!));
  }

  /** Starts one read of the missing days' range and holds a promise per missing day. */
  private readDays(missing: readonly string[], read: ReadDays): void {
    const rows = Promise.resolve().then(() => read(missing[0], missing[missing.length - 1]));
    const byDay = rows.then((list) => {
      const out = new Map<string, Map<string, AgentSession[]>>(missing.map((d) => [d, new Map()]));
      // The range may cover days held already: their sessions are in their own entry.
      for (const r of list) {
        const sessions = out.get(r.day);
        if (!sessions) continue;
        const sessionOf = { id: r.id, buyer: r.buyer, agent: r.agent };
        const ofBuyer = sessions.get(r.buyer);
        if (ofBuyer) ofBuyer.push(sessionOf);
        else sessions.set(r.buyer, [sessionOf]);
      }
      return out;
    });
    for (const d of missing) {
      const day = byDay.then((out) => out.get(d)!);
      // A failed read is not kept: the run fails with it, and nothing later may take it as a day held.
      day.catch(() => {
        if (this.days.get(d) === day) this.days.delete(d);
      });
      this.days.set(d, day);
    }
  }
}
