import { describe, expect, it } from 'vitest';
import { RunWalker, responseRuns } from '../../src/domain/kpi/index.js';
import type { Sender } from '../../src/domain/types.js';

const m = (id: string, from: Sender, at: number) => ({ id, from, at });

describe('responseRuns', () => {
  it('opens on the first buyer message, closes on the next human agent message; bots do neither', () => {
    const runs = responseRuns([
      m('b1', 'buyer', 0),
      m('bot', 'bot', 5_000), // auto-reply: does not close
      m('b2', 'buyer', 10_000), // run already open: does not restart the clock
      m('sys', 'system', 11_000),
      m('a1', 'agent', 42_000), // closes: 42 s from b1
      m('a2', 'agent', 50_000), // nothing open: no effect
      m('bot2', 'bot', 60_000),
      m('b3', 'buyer', 100_000),
      m('a3', 'agent', 190_000), // 90 s
      m('b4', 'buyer', 200_000), // left open
    ]);
    expect(runs).toEqual([
      { startAt: 0, firstMessageId: 'b1', closeAt: 42_000, closeMessageId: 'a1', responseMs: 42_000 },
      { startAt: 100_000, firstMessageId: 'b3', closeAt: 190_000, closeMessageId: 'a3', responseMs: 90_000 },
      { startAt: 200_000, firstMessageId: 'b4', closeAt: null, closeMessageId: null, responseMs: null },
    ]);
  });

  it('equal timestamps keep input order', () => {
    expect(responseRuns([m('b', 'buyer', 7), m('a', 'agent', 7)])).toEqual([
      { startAt: 7, firstMessageId: 'b', closeAt: 7, closeMessageId: 'a', responseMs: 0 },
    ]);
    // The agent message came first: it closes nothing, the buyer's question stays open.
    expect(responseRuns([m('a', 'agent', 7), m('b', 'buyer', 7)])).toEqual([
      { startAt: 7, firstMessageId: 'b', closeAt: null, closeMessageId: null, responseMs: null },
    ]);
  });

  it('a session with no buyer message has no runs; a bot-only answer leaves the run open', () => {
    expect(responseRuns([m('a', 'agent', 1), m('x', 'bot', 2)])).toEqual([]);
    expect(responseRuns([m('b', 'buyer', 1), m('x', 'bot', 2)])).toEqual([
      { startAt: 1, firstMessageId: 'b', closeAt: null, closeMessageId: null, responseMs: null },
    ]);
  });

  it('RunWalker gives the same runs incrementally, with the KPI summary', () => {
    const msgs = [
      m('b1', 'buyer', 0),
      m('a1', 'agent', 61_000), // 61 s: slow
      m('b2', 'buyer', 70_000),
      m('a2', 'agent', 80_000), // 10 s
      m('b3', 'buyer', 90_000), // open
    ];
    const w = new RunWalker({ collect: true, slowMs: 60_000 });
    for (const x of msgs) w.push(x);
    expect(w.runs).toEqual(responseRuns(msgs));
    expect([w.runCount, w.closedCount, w.closedSumMs, w.slowCount, w.firstResponseMs, w.isOpen]).toEqual([
      3,
      2,
      71_000,
      1,
      61_000,
      true,
    ]);
    const lean = new RunWalker();
    for (const x of msgs) lean.push(x);
    expect([lean.runs, lean.closedSumMs, lean.slowCount]).toEqual([null, 71_000, 0]);
    const unansweredFirst = new RunWalker();
    unansweredFirst.push(m('b', 'buyer', 1));
    expect([unansweredFirst.firstResponseMs, unansweredFirst.isOpen]).toEqual([null, true]);
  });
});
