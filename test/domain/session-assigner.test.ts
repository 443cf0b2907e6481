// The assigner's memory must never change an answer: every message gets exactly the day and id that
// sessionIdOf gives its thread-day, whatever order threads and days come in and however small the memory.
import { describe, expect, it } from 'vitest';
import { SessionAssigner, sessionIdOf } from '../../src/domain/session-id.js';

const SH = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);
const m = (buyer: string, iso: string, agent = '店:小美', shop = '店') => ({
  shop,
  agent,
  buyer,
  at: at(iso),
});

const got = (r: { day: string; sessionId: string }) => ({ day: r.day, sessionId: r.sessionId });

function expected(msg: ReturnType<typeof m>, day: string) {
  return { day, sessionId: sessionIdOf({ shop: msg.shop, agent: msg.agent, buyer: msg.buyer, day }) };
}

describe('SessionAssigner', () => {
  it('gives a thread one session per day in the shop time zone, across midnight and back', () => {
    const a = new SessionAssigner();
    const late = m('b1', '2026-11-10T23:59:59+08:00');
    const early = m('b1', '2026-11-11T00:00:00+08:00');
    expect(got(a.assign(late, SH))).toEqual(expected(late, '2026-11-10'));
    expect(got(a.assign(early, SH))).toEqual(expected(early, '2026-11-11'));
    // A late message of the previous day, after the thread moved on: its own day again.
    expect(got(a.assign(late, SH))).toEqual(expected(late, '2026-11-10'));
    // The same instant is another day in another zone.
    expect(a.assign(m('b1', '2026-11-10T16:30:00Z'), 'UTC').day).toBe('2026-11-10');
    expect(a.assign(m('b1', '2026-11-10T16:30:00Z'), SH).day).toBe('2026-11-11');
  });

  it('keeps shops, agents and buyers apart', () => {
    const a = new SessionAssigner();
    const iso = '2026-11-11T10:00:00+08:00';
    const msgs = [m('b1', iso), m('b2', iso), m('b1', iso, '店:小丽'), m('b1', iso, '店:小美', '别店')];
    const ids = msgs.map((x) => a.assign(x, SH).sessionId);
    expect(new Set(ids).size).toBe(4);
    for (const [i, x] of msgs.entries()) expect(ids[i]).toBe(expected(x, '2026-11-11').sessionId);
  });

  it('answers the same when its memory overflows', () => {
    const small = new SessionAssigner(2);
    for (let round = 0; round < 3; round++) {
      for (let b = 0; b < 5; b++) {
        const x = m(`b${b}`, `2026-11-1${round}T12:00:00+08:00`);
        expect(got(small.assign(x, SH))).toEqual(expected(x, `2026-11-1${round}`));
      }
    }
  });
});
