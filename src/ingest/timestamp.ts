// Timestamps as they appear in import files. Interchange files carry ISO 8601 with an offset; exports
// from Taobao and Qianniu carry wall-clock time in the shop's zone. Every date is checked for existence
// (2026-02-30 is refused, not rolled over into March as Date.UTC would).

import { localWallClockToEpoch } from '../domain/time.js';
import { quote } from './import-error.js';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
/** 2026-11-11 10:00:03, 2026/11/11 10:00, 2024-1-5 9:03:00 (Taobao and Qianniu write it many ways). */
const LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1];
}

/** Null when the clock reading exists, else why not. */
export function wallClockProblem(c: WallClock): string | null {
  if (c.month < 1 || c.month > 12) return 'no such month';
  if (c.day < 1 || c.day > daysIn(c.year, c.month)) return 'no such day in that month';
  if (c.hour > 23 || c.minute > 59 || c.second > 59) return 'no such time of day';
  return null;
}

/**
 * Parses an instant. With `timeZone` null the value must be ISO 8601 with an offset or Z; otherwise a
 * value without offset is wall-clock time in that zone. Returns epoch ms, or the reason it is refused.
 */
export function parseInstant(value: string, timeZone: string | null): number | string {
  const fast = parseCommonIso(value);
  if (!Number.isNaN(fast)) return fast;
  if (value === '') return 'missing timestamp';
  const iso = ISO.exec(value);
  if (iso) {
    const c = {
      year: +iso[1],
      month: +iso[2],
      day: +iso[3],
      hour: +iso[4],
      minute: +iso[5],
      second: iso[6] === undefined ? 0 : +iso[6],
    };
    const problem = wallClockProblem(c);
    if (problem) return `impossible timestamp (${problem}): ${quote(value)}`;
    const ms = iso[7] === undefined ? 0 : Math.floor(+`0.${iso[7]}` * 1000);
    if (iso[8] !== undefined || iso[9] !== undefined) {
      let offsetMin = 0;
      if (iso[9] !== undefined) {
        const oh = +iso[10];
        const om = iso[11] === undefined ? 0 : +iso[11];
        if (oh > 18 || om > 59) return `impossible UTC offset: ${quote(value)}`;
        offsetMin = (iso[9] === '-' ? -1 : 1) * (oh * 60 + om);
      }
      return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, ms) - offsetMin * 60_000;
    }
    if (timeZone === null) return `timestamp without UTC offset (write e.g. +08:00 or Z): ${quote(value)}`;
    return toEpoch(c, timeZone) + ms;
  }
  if (timeZone !== null) {
    const local = parseWallClock(value);
    if (typeof local === 'string') return local;
    return toEpoch(local, timeZone);
  }
  return `not an ISO 8601 timestamp with offset: ${quote(value)}`;
}

/** Parses wall-clock time without zone (`2024-1-5 10:00:00`, `2026/11/11 9:03`). */
export function parseWallClock(value: string): WallClock | string {
  const m = LOCAL.exec(value);
  if (!m) return `not a timestamp (expected YYYY-MM-DD HH:MM:SS): ${quote(value)}`;
  const c = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 };
  const problem = wallClockProblem(c);
  return problem ? `impossible timestamp (${problem}): ${quote(value)}` : c;
}

export function toEpoch(c: WallClock, timeZone: string): number {
  return localWallClockToEpoch(c.year, c.month, c.day, c.hour, c.minute, c.second, timeZone);
}

const D0 = 48;

/** Two ASCII digits at i as a number, or NaN. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - D0;
  const b = s.charCodeAt(i + 1) - D0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * The shape chat exports write millions of times, `2026-11-11T10:00:03+08:00` / `…03.250Z`, read without
 * a regex. NaN means "not this shape (or not a real date)": the general parser then decides and explains.
 */
function parseCommonIso(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84)
    return Number.NaN;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 && n >= 24) {
    const h = two(s, 20);
    const t = s.charCodeAt(22) - D0;
    if (!(t >= 0 && t <= 9)) return Number.NaN;
    ms = h * 10 + t;
    i = 23;
  }
  let offsetMin: number;
  const z = s.charCodeAt(i);
  if (z === 90 && n === i + 1) offsetMin = 0;
  else if ((z === 43 || z === 45) && n === i + 6 && s.charCodeAt(i + 3) === 58) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh > 18 || om > 59) return Number.NaN;
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return Number.NaN;
  // NaN anywhere fails every comparison below and falls through to the general parser.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month))) return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59 && !Number.isNaN(ms))) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
}
