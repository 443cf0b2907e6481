// The data window: which message days and order-creation days computeAgentDays() needs to compute a
// given set of KPI days exactly, and, inversely, which KPI days a change of data can affect.
// See docs/metrics.md § Data window.
//
// For KPI day D (shop time zone), with c = creditWindowDays:
//  - messages of D: D's sessions (counts, runs, inquiries);
//  - messages of D − c … D + 1: credit of the orders created on D (sales, reminders' orders) and D + 1
//    (an inquiry of D converts with an order created on D or D + 1);
//  - messages up to 24 h after the end of D: reminders of orders created on D (D + 1; D + 2 when D + 1 is
//    shorter than 24 h, i.e. a daylight-saving spring-forward day);
//  - orders created on D … D + 1 (inquiry exclusion and sales use D, conversion D and D + 1).
// Payment times need no window: an order row carries its paidAt. Giving more data than the window is
// always fine; the result for D is the same.
import { dayNumberToString, dayStringToNumber, localDayNumber, startOfLocalDay } from '../time.js';
import { INQUIRY_ORDER_WINDOW_DAYS, type KpiSettings, REMINDER_WINDOW_MS } from './settings.js';

/** An inclusive range of local days, with the half-open instant range [startMs, endMs) it covers. */
export interface DayRange {
  from: string;
  to: string;
  startMs: number;
  endMs: number;
}

export interface DataWindow {
  /** Messages whose local day falls in these ranges (equivalently, `at` in [startMs, endMs)). */
  messages: DayRange[];
  /** Orders whose creation local day falls in these ranges. */
  orders: DayRange[];
}

type WindowSettings = Pick<KpiSettings, 'timeZone' | 'creditWindowDays'>;

function parseDay(day: string): number {
  const n = dayStringToNumber(day);
  if (Number.isNaN(n)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return n;
}

/** The inclusive day-number spans of data one KPI day needs. */
export function dayWindow(
  d: number,
  settings: WindowSettings,
): { messages: [number, number]; orders: [number, number] } {
  const lastReminderAt = startOfLocalDay(d + 1, settings.timeZone) + REMINDER_WINDOW_MS - 1;
  const reminderEnd = localDayNumber(lastReminderAt, settings.timeZone);
  return {
    messages: [d - settings.creditWindowDays, Math.max(d + INQUIRY_ORDER_WINDOW_DAYS, reminderEnd)],
    orders: [d, d + INQUIRY_ORDER_WINDOW_DAYS],
  };
}

function mergeSpans(spans: [number, number][], timeZone: string): DayRange[] {
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged.map(([a, b]) => ({
    from: dayNumberToString(a),
    to: dayNumberToString(b),
    startMs: startOfLocalDay(a, timeZone),
    endMs: startOfLocalDay(b + 1, timeZone),
  }));
}

/** The data computeAgentDays() needs to compute `days` exactly (merged, sorted ranges). */
export function requiredWindow(days: readonly string[], settings: WindowSettings): DataWindow {
  const msg: [number, number][] = [];
  const ord: [number, number][] = [];
  for (const day of new Set(days)) {
    const w = dayWindow(parseDay(day), settings);
    msg.push(w.messages);
    ord.push(w.orders);
  }
  return { messages: mergeSpans(msg, settings.timeZone), orders: mergeSpans(ord, settings.timeZone) };
}

/**
 * The KPI days whose values can change when messages of `messageDays` or orders created on `orderDays`
 * are added, removed or changed (a payment that arrives later changes its order: pass the creation day).
 * The exact inverse of requiredWindow(): D is returned iff its window contains one of the given days.
 */
export function affectedDays(
  changed: { messageDays?: readonly string[]; orderDays?: readonly string[] },
  settings: WindowSettings,
): string[] {
  const out = new Set<number>();
  // A day's message window spans at most [D − c, D + 2], its order window [D, D + 1].
  const reach = settings.creditWindowDays + 3;
  const check = (x: number, pick: 'messages' | 'orders') => {
    for (let d = x - reach; d <= x + reach; d++) {
      const [a, b] = dayWindow(d, settings)[pick];
      if (a <= x && x <= b) out.add(d);
    }
  };
  for (const day of new Set(changed.messageDays ?? [])) check(parseDay(day), 'messages');
  for (const day of new Set(changed.orderDays ?? [])) check(parseDay(day), 'orders');
  return [...out].sort((a, b) => a - b).map(dayNumberToString);
}
