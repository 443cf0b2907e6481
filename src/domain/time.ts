// Calendar arithmetic in a shop's time zone. Pure: uses Intl only.
//
// Hot paths (import of millions of messages) call localDay() per message, so offsets are cached per
// zone and per UTC hour: within one UTC hour no IANA zone changes its offset more than once in practice,
// and all real offsets are whole quarter hours, so the cache is exact.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formatterCache = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

/** True when the zone is a valid IANA name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function computeOffsetMs(epochMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** Offset of the zone from UTC at that instant, in ms (+08:00 → 28_800_000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  let byHour = offsetCache.get(timeZone);
  if (!byHour) {
    byHour = new Map();
    offsetCache.set(timeZone, byHour);
  }
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = byHour.get(hour);
  if (offset === undefined) {
    offset = computeOffsetMs(hour * HOUR_MS, timeZone);
    byHour.set(hour, offset);
  }
  return offset;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats a UTC-based day number (days since 1970-01-01) as YYYY-MM-DD. */
export function dayNumberToString(dayNumber: number): string {
  const d = new Date(dayNumber * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Parses YYYY-MM-DD to a day number; NaN when malformed or impossible (2026-02-30). */
export function dayStringToNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(m[3]) || back.getUTCMonth() !== Number(m[2]) - 1) return Number.NaN;
  return ms / DAY_MS;
}

/** The calendar day (YYYY-MM-DD) of an instant in the zone. */
export function localDay(epochMs: number, timeZone: string): string {
  return dayNumberToString(localDayNumber(epochMs, timeZone));
}

/** The calendar day of an instant in the zone, as a day number (comparable, subtractable). */
export function localDayNumber(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + zoneOffsetMs(epochMs, timeZone)) / DAY_MS);
}

/** The instant at which the given local day starts in the zone (00:00:00 local). */
export function startOfLocalDay(day: string | number, timeZone: string): number {
  const dayNumber = typeof day === 'number' ? day : dayStringToNumber(day);
  const naive = dayNumber * DAY_MS;
  // First guess with the offset at naive midnight, then correct once for a transition in between.
  let start = naive - zoneOffsetMs(naive, timeZone);
  start = naive - zoneOffsetMs(start, timeZone);
  return start;
}

/** Adds n calendar days to a YYYY-MM-DD string. */
export function addDays(day: string, n: number): string {
  return dayNumberToString(dayStringToNumber(day) + n);
}

/** Local wall-clock representation `YYYY-MM-DD HH:MM:SS` of an instant in the zone. */
export function formatLocal(epochMs: number, timeZone: string): string {
  const local = epochMs + zoneOffsetMs(epochMs, timeZone);
  const d = new Date(local);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  );
}

/** ISO 8601 with the zone's offset, e.g. 2026-11-11T10:00:03+08:00. */
export function formatIsoLocal(epochMs: number, timeZone: string): string {
  const offset = zoneOffsetMs(epochMs, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${formatLocal(epochMs, timeZone).replace(' ', 'T')}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * Converts a local wall-clock time in the zone to an instant. Used for sources whose timestamps carry no
 * offset (Taobao exports, Qianniu transcripts), which are in the shop's local time.
 */
export function localWallClockToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  let t = naive - zoneOffsetMs(naive, timeZone);
  t = naive - zoneOffsetMs(t, timeZone);
  return t;
}

export const TIME = { HOUR_MS, DAY_MS };
