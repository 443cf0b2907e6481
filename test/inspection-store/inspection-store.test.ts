import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';
import { findingJson, InspectionService } from '../../src/services/inspection.service.js';
import { InspectionRepository } from '../../src/store/repositories/inspection.repository.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';
import { load, message, SHOP, scenario } from './fixtures.js';

const rulebook = loadRulebook();

async function inspect(store: Store, extra: Parameters<InspectionService['inspect']>[0] = {}) {
  return new InspectionService(store).inspect({ rulebook, workers: 0, batchSize: 2, ...extra });
}

async function findingsJson(store: Store) {
  return (await new InspectionService(store).findings()).map(findingJson);
}

for (const engine of enginesUnderTest()) {
  describe(`inspection store on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
    });
    afterEach(async () => cleanup());

    it('stores findings with evidence spans and session scores', async () => {
      await load(store, scenario());
      const summary = await inspect(store);
      expect(summary.sessions).toBe(4);
      expect(summary.messages).toBe(12);
      const byRule = Object.fromEntries(
        summary.byRule.filter((r) => r.findings).map((r) => [r.rule, r.findings]),
      );
      expect(byRule).toEqual({
        rude_language: 1,
        adlaw_absolute: 1,
        slow_first_response: 1,
        unanswered: 1,
        no_greeting: 1,
        missed_payment_reminder: 1,
      });

      const all = await findingsJson(store);
      const rude = all.find((f) => f.rule === 'rude_language')!;
      expect(rude).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        rule: 'rude_language',
        severity: 'major',
        shop: SHOP,
        agent: 's1:小禾',
        buyer: 'b1',
        date: '2026-03-10',
        message_ids: ['a2'],
        evidence: [{ message_id: 'a2', start: 0, end: 4, text: '爱买不买' }],
        score_delta: -10,
      });
      expect(Object.keys(rude)).toEqual([
        'id',
        'rule',
        'severity',
        'shop',
        'agent',
        'buyer',
        'date',
        'message_ids',
        'evidence',
        'score_delta',
      ]);
      const adlaw = all.find((f) => f.rule === 'adlaw_absolute')!;
      const text = '您好，我们家的枣是全网最好的';
      for (const e of adlaw.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(adlaw.evidence.map((e) => e.text).join('')).toContain('全网最');
      const missed = all.find((f) => f.rule === 'missed_payment_reminder')!;
      expect(missed).toMatchObject({
        agent: 's1:阿木',
        buyer: 'b3',
        date: '2026-03-11',
        message_ids: ['c2'],
      });

      const scores = await store.db.selectFrom('session_scores').selectAll().orderBy('session_id').execute();
      expect(scores).toHaveLength(4);
      expect(scores.map((s) => Number(s.score)).sort((a, b) => a - b)).toEqual([80, 80, 90, 100]);
      expect(
        scores.every((s) => s.rulebook === rulebook.fingerprint && Number(s.inspected_revision) === 1),
      ).toBe(true);
    });

    it('inspects only new or changed sessions', async () => {
      const data = scenario();
      await load(store, data);
      expect((await inspect(store)).sessions).toBe(4);
      expect((await inspect(store)).sessions).toBe(0);

      // The same data again changes nothing, so nothing is re-inspected.
      await load(store, data);
      expect((await inspect(store)).sessions).toBe(0);

      // The agent answers b2 after all: only that session is re-inspected, and its finding goes away.
      await load(store, { messages: [message('b4', 'b2', 's1:小禾', 'agent', 130, '您好，默认中通快递哦')] });
      const again = await new InspectionService(store).inspectAfterImport({ rulebook, workers: 0 });
      expect(again.sessions).toBe(1);
      expect(again.messages).toBe(4);
      const rules = (await findingsJson(store)).filter((f) => f.buyer === 'b2').map((f) => f.rule);
      expect(rules).toEqual(['adlaw_absolute']);
      const s = await store.db
        .selectFrom('session_scores')
        .selectAll()
        .where('agent', '=', 's1:小禾')
        .execute();
      expect(s.map((x) => Number(x.inspected_revision)).sort()).toEqual([1, 2]);
    });

    it('a new rulebook fingerprint re-inspects everything, and so does --all', async () => {
      await load(store, scenario());
      await inspect(store);
      const before = await findingsJson(store);
      const changed = await inspect(store, { rulebook: { ...rulebook, fingerprint: 'another-version' } });
      expect(changed.sessions).toBe(4);
      expect(await findingsJson(store)).toEqual(before);
      const rows = await store.db.selectFrom('findings').select('rulebook').distinct().execute();
      expect(rows).toEqual([{ rulebook: 'another-version' }]);
      expect(
        (await inspect(store, { rulebook: { ...rulebook, fingerprint: 'another-version' } })).sessions,
      ).toBe(0);
      expect(
        (await inspect(store, { rulebook: { ...rulebook, fingerprint: 'another-version' }, all: true }))
          .sessions,
      ).toBe(4);
      const n = await store.db
        .selectFrom('findings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(before.length);
      expect(await findingsJson(store)).toEqual(before);
    });

    it('reads each session in time order, then import order, whatever order its messages came in, and texts as written', async () => {
      // b1's messages arrive newest first over two imports; two messages of b2 share their second.
      await load(store, {
        messages: [
          message('z3', 'b1', 's1:小禾', 'buyer', 90, '好的'),
          message('z2', 'b1', 's1:小禾', 'agent', 30, '您好，在的'),
          message('y2', 'b2', 's1:小禾', 'buyer', 50, '第二句'),
        ],
      });
      await load(store, {
        messages: [
          message('z1', 'b1', 's1:小禾', 'buyer', 0, '在吗\t\\N 第二行\n\\ 😀'),
          message('y3', 'b2', 's1:小禾', 'buyer', 50, '第三句'),
          message('y1', 'b2', 's1:小禾', 'buyer', 10, '第一句'),
        ],
      });
      const repo = new InspectionRepository(store.db, store.handle);
      const pending = await repo.pendingSessions({
        shop: SHOP,
        after: null,
        limit: 10,
        rulebook: 'x',
        all: true,
      });
      const loaded = await repo.sessionMessages(SHOP, pending);
      const ids = [...loaded.values()].map((list) => list.map((m) => m.id)).sort();
      expect(ids).toEqual([
        ['y1', 'y2', 'y3'],
        ['z1', 'z2', 'z3'],
      ]);
      // The text comes back as written, specials and all.
      const first = [...loaded.values()].flat().find((m) => m.id === 'z1');
      expect(first?.text).toBe('在吗\t\\N 第二行\n\\ 😀');
    });

    it('filters findings by day range, rule, agent and shop', async () => {
      await load(store, scenario());
      await load(store, { messages: [message('x1', 'zz', 's2:甲', 'buyer', 0, '在吗', 's2')] });
      await inspect(store);
      const service = new InspectionService(store);
      const rules = async (q: Parameters<InspectionService['findings']>[0]) =>
        (await service.findings(q)).map((f) => f.rule);
      expect(await rules({ shop: SHOP, from: '2026-03-11', to: '2026-03-11' })).toEqual([
        'missed_payment_reminder',
      ]);
      expect(await rules({ to: '2026-03-10', rule: 'unanswered' })).toEqual(['unanswered', 'unanswered']);
      expect(await rules({ shop: 's2' })).toEqual(['unanswered']);
      expect((await service.findings({ agent: 's1:小禾' })).every((f) => f.agent === 's1:小禾')).toBe(true);
      expect(await rules({ agent: 's1:小禾' })).toHaveLength(5);
      await expect(service.findings({ shop: 'nope' })).rejects.toThrow(/unknown shop/);
    });
  });
}

describe('inspection results on every engine', () => {
  it('gives identical findings JSON on SQLite and PostgreSQL', async () => {
    const results: string[] = [];
    for (const engine of enginesUnderTest()) {
      const { store, cleanup } = await engine.fresh();
      try {
        await load(store, scenario());
        await inspect(store);
        results.push(JSON.stringify(await findingsJson(store)));
      } finally {
        await cleanup();
      }
    }
    for (const r of results) expect(r).toBe(results[0]);
    expect(JSON.parse(results[0]).length).toBe(6);
  });
});
