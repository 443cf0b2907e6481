// KPI settings: per-shop knobs of the KPI definitions (docs/metrics.md § Settings). Pure.
import { isValidTimeZone } from '../time.js';
import { DEFAULT_TIME_ZONE } from '../types.js';

export interface KpiSettings {
  /** IANA zone of the shop: sessions, order days and KPI days are calendar days in it. */
  timeZone: string;
  /** A closed response run slower than this many seconds is a slow response (strictly greater). */
  slowThresholdS: number;
  /** Credit goes to the last agent message at or before the order, if it fell on the order's day or up to this many days before. */
  creditWindowDays: number;
  /** An inquiry of day D converts when the order was paid by the end of day D + this many days. */
  paidWindowDays: number;
}

export const DEFAULT_KPI_SETTINGS: Readonly<KpiSettings> = Object.freeze({
  timeZone: DEFAULT_TIME_ZONE,
  slowThresholdS: 60,
  creditWindowDays: 1,
  paidWindowDays: 3,
});

/** Fixed by the definition, not a setting: an inquiry of day D counts orders created on D … D + 1. */
export const INQUIRY_ORDER_WINDOW_DAYS = 1;

/** Fixed by the definition, not a setting: a payment reminder is sent less than 24 h after the order. */
export const REMINDER_WINDOW_MS = 24 * 3_600_000;

/**
 * Settings for a shop: its time zone plus the overrides stored with it (unknown keys are ignored).
 * Throws a RangeError on an invalid zone or a negative / non-integer window.
 */
export function resolveKpiSettings(timeZone: string, overrides: Partial<KpiSettings> = {}): KpiSettings {
  const settings: KpiSettings = {
    timeZone: overrides.timeZone ?? timeZone,
    slowThresholdS: overrides.slowThresholdS ?? DEFAULT_KPI_SETTINGS.slowThresholdS,
    creditWindowDays: overrides.creditWindowDays ?? DEFAULT_KPI_SETTINGS.creditWindowDays,
    paidWindowDays: overrides.paidWindowDays ?? DEFAULT_KPI_SETTINGS.paidWindowDays,
  };
  validateKpiSettings(settings);
  return settings;
}

export function validateKpiSettings(settings: KpiSettings): void {
  if (!isValidTimeZone(settings.timeZone)) throw new RangeError(`invalid time zone: ${settings.timeZone}`);
  if (!(Number.isFinite(settings.slowThresholdS) && settings.slowThresholdS >= 0)) {
    throw new RangeError(`slowThresholdS must be a non-negative number, got ${settings.slowThresholdS}`);
  }
  for (const key of ['creditWindowDays', 'paidWindowDays'] as const) {
    const v = settings[key];
    if (!(Number.isInteger(v) && v >= 0 && v <= 366)) {
      throw new RangeError(`${key} must be an integer from 0 to 366, got ${v}`);
    }
  }
}
