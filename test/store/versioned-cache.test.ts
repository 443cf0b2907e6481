// Dashboard reads are cached only while the data is unchanged: any committed write — from this connection
// or from another process on the same file — must make the next read compute afresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportService } from '../../src/services/import.service.js';
import { KpiService } from '../../src/services/kpi.service.js';
import { VersionedCache } from '../../src/services/versioned-cache.js';
import { openStore } from '../../src/store/open-store.js';
import { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const sqlite = enginesUnderTest().find((e) => e.name === 'sqlite')!;

describe('VersionedCache on a SQLite store', () => {
  let store: Store;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, url, cleanup } = await sqlite.fresh());
  });
  afterEach(async () => cleanup());

  it('serves repeats from memory and recomputes after a write on this connection', async () => {
    let computed = 0;
    const cache = new VersionedCache<number>(() => store.dataVersion());
    const read = () =>
      cache.get('k', async () => {
        computed++;
        return (await store.status.counts()).shops;
      });
    expect(await read()).toBe(0);
    expect(await read()).toBe(0);
    expect(computed).toBe(1);
    await store.shops.upsert({ id: 's', name: 's', timeZone: 'Asia/Shanghai' });
    expect(await read()).toBe(1);
    expect(computed).toBe(2);
  });

  it('recomputes after a commit by another connection to the same file', async () => {
    const kpi = new KpiService(store);
    await store.shops.upsert({ id: 's', name: 's', timeZone: 'Asia/Shanghai' });
    const before = await kpi.report({ shop: 's', from: '2026-11-01', to: '2026-11-30' });
    expect(before.total.consulted_buyers).toBe(0);
    const other = new Store(await openStore(url));
    try {
      const { writeFileSync, mkdtempSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const file = join(mkdtempSync(join(tmpdir(), 'zc-')), 'c.jsonl');
      writeFileSync(
        file,
        `${JSON.stringify({ shop: 's', id: '1', buyer: 'b', agent: 's:a', from: 'buyer', at: '2026-11-11T10:00:00+08:00', text: '在吗' })}\n`,
      );
      const r = await new ImportService(other).importFile(file);
      await new KpiService(other).refreshAfterImport(r.days);
    } finally {
      await other.close();
    }
    const after = await kpi.report({ shop: 's', from: '2026-11-01', to: '2026-11-30' });
    expect(after.total.consulted_buyers).toBe(1);
  });
});

for (const engine of enginesUnderTest()) {
  it(`data version moves with committed writes and not with reads (${engine.name})`, async () => {
    const { store, cleanup } = await engine.fresh();
    try {
      const v1 = await store.dataVersion();
      expect(v1).not.toBeNull();
      // On PostgreSQL the version is cluster-wide: parallel test files writing elsewhere move it too, so
      // "a read leaves it alone" can only be asserted on SQLite.
      await store.status.counts();
      if (engine.name === 'sqlite') expect(await store.dataVersion()).toBe(v1);
      await store.shops.upsert({ id: 's', name: 's', timeZone: 'Asia/Shanghai' });
      const v2 = await store.dataVersion();
      expect(v2).not.toBe(v1);
      await store.status.counts();
      if (engine.name === 'sqlite') expect(await store.dataVersion()).toBe(v2);
    } finally {
      await cleanup();
    }
  });
}

for (const engine of enginesUnderTest()) {
  it(`optimize runs on a fresh and on a loaded store (${engine.name})`, async () => {
    const { store, cleanup } = await engine.fresh();
    try {
      await store.optimize(); // empty tables: nothing to analyse, no error
      const w = await store.beginImport();
      await w.ensureShop({ id: 's', name: 's', timeZone: 'Asia/Shanghai' });
      // Enough rows to fill more than a page, written in one import and analysed right after its commit:
      // on PostgreSQL the activity counters reach pg_stat_user_tables only later, and the fresh schema's
      // migrations analysed the empty tables, so the statistics must come from the table's own size.
      await w.writeOrders(
        Array.from({ length: 300 }, (_, i) => ({
          shop: 's',
          orderId: `o${i}`,
          buyer: `b${i % 40}`,
          createdAt: i * 60_000,
          paidAt: null,
          amountFen: 1,
          status: 'x',
          items: null,
        })),
      );
      await w.finish({ shop: 's', file: 'f', format: 'orders-csv', records: 300, startedAt: 0 });
      await store.optimize();
      expect(await plannerRows(store, 'orders')).toBe(300);
      const analysedAt = await lastAnalyze(store, 'orders');
      expect(analysedAt).not.toBeNull();
      await store.optimize(); // nothing changed since: orders is not analysed again
      expect(await lastAnalyze(store, 'orders')).toEqual(analysedAt);
      expect((await store.status.counts()).orders).toBe(300);
    } finally {
      await cleanup();
    }
  });
}

/** The row count the planner's statistics hold for a table (null: none gathered). */
async function plannerRows(store: Store, table: string): Promise<number | null> {
  if (store.handle.sqlite) {
    const row = store.handle.sqlite
      .prepare('SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1')
      .get(table) as { stat: string } | undefined;
    return row ? Number(row.stat.split(' ')[0]) : null;
  }
  const { sql } = await import('kysely');
  const r = await sql<{ n: number }>`
    SELECT c.reltuples AS n FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ${table}
      AND EXISTS (SELECT 1 FROM pg_statistic st WHERE st.starelid = c.oid)`.execute(store.db);
  return r.rows[0] ? Number(r.rows[0].n) : null;
}

/** When the planner statistics of a table were last gathered (SQLite: whether they exist at all). */
async function lastAnalyze(store: Store, table: string): Promise<string | null> {
  if (store.handle.sqlite) {
    const row = store.handle.sqlite
      .prepare('SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1')
      .get(table) as { stat: string } | undefined;
    return row ? `stat:${row.stat}` : null;
  }
  const { sql } = await import('kysely');
  const r = await sql<{ t: Date | null }>`
    SELECT last_analyze AS t FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ${table}`.execute(
    store.db,
  );
  return r.rows[0]?.t ? new Date(r.rows[0].t).toISOString() : null;
}
