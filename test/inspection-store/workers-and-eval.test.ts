import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';
import { evaluateFindings, InspectionEvalService, rulesBelow } from '../../src/services/inspection-eval.js';
import { findingJson, InspectionService } from '../../src/services/inspection.service.js';
import { idleInspectionWorkers, stopIdleInspectionWorkers } from '../../src/services/inspection-workers.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';
import { load, SHOP, scenario } from './fixtures.js';

const rulebook = loadRulebook();
const sqlite = enginesUnderTest().find((e) => e.name === 'sqlite')!;

for (const engine of enginesUnderTest()) {
  describe(`inspection on worker threads on ${engine.name}`, () => {
    it.each([1, 2])(
      'gives the same findings and counts as the single-threaded path, %i worker(s) reading the store',
      async (workers) => {
        const a = await engine.fresh();
        const b = await engine.fresh();
        try {
          await load(a.store, scenario());
          await load(b.store, scenario());
          const single = await new InspectionService(a.store).inspect({ rulebook, workers: 0 });
          // One session a batch: batches go to a free worker, or to the main thread while every worker is busy.
          const threaded = await new InspectionService(b.store).inspect({
            rulebook,
            workers,
            batchSize: 1,
            awaitWorkers: true,
          });
          expect(threaded.workers).toBe(workers);
          expect(threaded.sessions).toBe(4);
          expect(threaded.messages).toBe(single.messages);
          expect(threaded.byRule).toEqual(single.byRule);
          const json = async (s: Store) => (await new InspectionService(s).findings()).map(findingJson);
          expect(await json(b.store)).toEqual(await json(a.store));
          expect(threaded.findings).toBeGreaterThan(0);
        } finally {
          await a.cleanup();
          await b.cleanup();
        }
      },
    );

    it('keeps its worker between runs, and a kept worker takes another store and rulebook over', async () => {
      await stopIdleInspectionWorkers();
      const a = await engine.fresh();
      const b = await engine.fresh();
      const c = await engine.fresh();
      // Another rulebook: one rule fewer, so its fingerprint and its findings differ.
      const fewer = {
        ...rulebook,
        fingerprint: undefined,
        rules: rulebook.rules.filter((r) => r.id !== 'no_greeting'),
      };
      try {
        for (const s of [a, b, c]) await load(s.store, scenario());
        const threaded = { workers: 1, batchSize: 1, awaitWorkers: true };
        const first = await new InspectionService(a.store).inspect({ rulebook, ...threaded });
        expect(idleInspectionWorkers()).toBe(1);
        const second = await new InspectionService(b.store).inspect({ rulebook: fewer, ...threaded });
        expect(idleInspectionWorkers()).toBe(1); // the same thread again, not a second one
        const single = await new InspectionService(c.store).inspect({ rulebook: fewer, workers: 0 });
        expect(second.byRule).toEqual(single.byRule);
        expect(second.byRule.map((r) => r.rule)).not.toContain('no_greeting');
        expect(first.byRule.find((r) => r.rule === 'no_greeting')?.findings).toBeGreaterThan(0);
        const json = async (s: Store) => (await new InspectionService(s).findings()).map(findingJson);
        expect(await json(b.store)).toEqual(await json(c.store));
        // Back to the first rulebook on the first store: the kept thread is given it again.
        const again = await new InspectionService(a.store).inspect({ rulebook, all: true, ...threaded });
        expect(again.byRule).toEqual(first.byRule);
      } finally {
        await stopIdleInspectionWorkers();
        expect(idleInspectionWorkers()).toBe(0);
        for (const s of [a, b, c]) await s.cleanup();
      }
    });
  });
}

describe('eval', () => {
  const key = { shop: 's', agent: 'a', buyer: 'b', date: '2026-03-10' };
  it('counts TP, FP and FN per rule at session level', () => {
    const planted = [
      { rule: 'r1', ...key },
      { rule: 'r1', ...key }, // two planted lines in one session count once
      { rule: 'r1', ...key, buyer: 'c' },
      { rule: 'r2', ...key },
    ];
    const found = [
      { rule: 'r1', ...key },
      { rule: 'r2', ...key, buyer: 'x' },
      { rule: 'r3', ...key },
    ];
    const report = evaluateFindings(planted, found, ['r2', 'r1']);
    expect(report.rules.map((r) => [r.rule, r.tp, r.fp, r.fn, r.precision, r.recall])).toEqual([
      ['r2', 0, 1, 1, 0, 0],
      ['r1', 1, 0, 1, 1, 0.5],
      ['r3', 0, 1, 0, 0, null],
    ]);
    expect(report.total).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(rulesBelow(report, 0.5).map((r) => r.rule)).toEqual(['r2', 'r3']);
  });

  describe('against the store and from the CLI', () => {
    let store: Store;
    let url: string;
    let cleanup: () => Promise<void>;
    let dir: string;
    beforeEach(async () => {
      ({ store, url, cleanup } = await sqlite.fresh());
      dir = mkdtempSync(join(tmpdir(), 'zhipei-eval-'));
      await load(store, scenario());
      await new InspectionService(store).inspect({ rulebook, workers: 0 });
    });
    afterEach(async () => {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports precision and recall, and fails below --min', async () => {
      const planted = [
        {
          rule: 'rude_language',
          shop: SHOP,
          agent: 's1:小禾',
          buyer: 'b1',
          date: '2026-03-10',
          message_id: 'a2',
        },
        { rule: 'unanswered', shop: SHOP, agent: 's1:小禾', buyer: 'b2', date: '2026-03-10' },
        { rule: 'unanswered', shop: SHOP, agent: 's1:阿木', buyer: 'b4', date: '2026-03-11' },
      ];
      const report = await new InspectionEvalService(store).evaluate(
        planted,
        rulebook.rules.map((r) => r.id),
      );
      const byRule = Object.fromEntries(report.rules.map((r) => [r.rule, r]));
      expect(byRule.rude_language).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1 });
      expect(byRule.unanswered).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
      expect(byRule.adlaw_absolute).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null });

      await store.close();
      const truth = join(dir, 'planted.jsonl');
      writeFileSync(truth, `${planted.map((p) => JSON.stringify(p)).join('\n')}\n`);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        expect(await main(['eval', '--db', url, '--truth', truth, '--json'])).toBe(0);
        const out = JSON.parse(String(log.mock.calls.at(-1)![0]));
        expect(out.rules.find((r: { rule: string }) => r.rule === 'unanswered').recall).toBe(0.5);
        expect(await main(['eval', '--db', url, '--truth', truth, '--min', '0.9'])).toBe(1);

        log.mockClear();
        expect(await main(['findings', '--db', url, '--json', '--rule', 'rude_language'])).toBe(0);
        expect(JSON.parse(String(log.mock.calls[0][0]))).toEqual([
          {
            id: expect.any(String),
            rule: 'rude_language',
            severity: 'major',
            shop: SHOP,
            agent: 's1:小禾',
            buyer: 'b1',
            date: '2026-03-10',
            message_ids: ['a2'],
            evidence: [{ message_id: 'a2', start: 0, end: 4, text: '爱买不买' }],
            score_delta: -10,
          },
        ]);
        log.mockClear();
        expect(await main(['inspect', '--db', url])).toBe(0);
        expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/inspected 0 sessions/);
        expect(await main(['inspect', '--db', url, '--all'])).toBe(0);
        expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
          /inspected 4 sessions[\s\S]*服务禁语/,
        );
        expect(await main(['rules', 'test'])).toBe(0);
      } finally {
        log.mockRestore();
      }
    });
  });
});
