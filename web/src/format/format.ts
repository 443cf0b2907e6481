// Formatting numbers, money, durations and times for people: times in the shop's time zone, money as ¥.
import type { KpiMetricKind } from '../../../src/domain/kpi/metrics.js';
import type { Lang } from '../i18n/i18n';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US');
const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(lang: Lang, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { timeZone, hourCycle: 'h23', ...opts });
    cache.set(key, f);
  }
  return f;
}

/** 2026-11-09 15:33:03 in the shop's zone. */
export function formatDateTime(ms: number, lang: Lang, timeZone: string): string {
  const parts = dtf(lang, timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

/** 15:33:03 in the shop's zone. */
export function formatTime(ms: number, lang: Lang, timeZone: string): string {
  return dtf(lang, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(ms));
}

/** The calendar day (YYYY-MM-DD) of an instant in the shop's zone. */
export function dayOf(ms: number, timeZone: string): string {
  return formatDateTime(ms, 'en', timeZone).slice(0, 10);
}

export function formatMoney(yuan: number | null | undefined, lang: Lang): string {
  if (yuan === null || yuan === undefined) return '—';
  return `¥${yuan.toLocaleString(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export const fenToYuan = (fen: number) => fen / 100;

export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

export function formatSeconds(s: number | null | undefined, lang: Lang): string {
  if (s === null || s === undefined) return '—';
  if (s < 60) return lang === 'zh' ? `${s.toFixed(1)} 秒` : `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return lang === 'zh' ? `${m} 分 ${rest} 秒` : `${m} min ${rest} s`;
}

export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString(locale(lang));
}

export function formatMetric(value: number | null | undefined, kind: KpiMetricKind, lang: Lang): string {
  switch (kind) {
    case 'rate':
      return formatPercent(value);
    case 'seconds':
      return formatSeconds(value, lang);
    case 'money':
      return formatMoney(value, lang);
    default:
      return formatCount(value, lang);
  }
}

/** "西域果园旗舰店:七七" → "七七" (the sub-account name after the shop prefix). */
export function shortAgent(nick: string): string {
  const i = nick.indexOf(':');
  return i >= 0 ? nick.slice(i + 1) : nick;
}

/** Adds n days to a YYYY-MM-DD day (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
