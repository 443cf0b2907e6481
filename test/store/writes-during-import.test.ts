// An import holds its transaction for the whole file, across awaits; the server goes on answering
// meanwhile. Whatever else is written in that time (a setting, a login, another job's results) must be its
// own write: not rolled back with a bad file, not failing because a transaction is open, and readers must
// not see the import's rows before it commits. On SQLite this is the write gate's job (one writer
// connection); on PostgreSQL each import has its own connection. Same contract on both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionIdOf } from '../../src/domain/session-id.js';
import type { ImportWriter, MessageRow } from '../../src/store/import-writer.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const SHOP = { id: 's1', name: '一号店', timeZone: 'Asia/Shanghai' };
const T0 = Date.parse('2026-11-11T10:00:00+08:00');

function messages(n: number): MessageRow[] {
  const day = '2026-11-11';
  return Array.from({ length: n }, (_, i) => {
    const buyer = `b${i % 7}`;
    const agent = 's1:小禾';
    return {
      shop: 's1',
      id: `m${i}`,
      buyer,
      agent,
      from: i % 2 ? ('agent' as const) : ('buyer' as const),
      at: T0 + i * 1_000,
      text: i % 2 ? '亲，在的' : '在吗',
      kind: 'text',
      day,
      sessionId: sessionIdOf({ shop: 's1', agent, buyer, day }),
    };
  });
}

/** Lets pending work run: timers and I/O included, so a write that is not held back gets done. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 30));
}

async function messageCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const engine of enginesUnderTest()) {
  describe(`writes during an import on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
      await store.shops.upsert(SHOP);
    });
    afterEach(async () => cleanup());

    /**
     * Runs `during` (from outside the import, as another request would) while an import has written
     * messages and not yet committed, then rolls the import back.
     */
    async function duringFailedImport(during: () => Promise<void>): Promise<void> {
      let opened!: () => void;
      const open = new Promise<void>((resolve) => (opened = resolve));
      let finish!: () => void;
      const mayFinish = new Promise<void>((resolve) => (finish = resolve));
      const importing = store.importTurn(async () => {
        const writer: ImportWriter = await store.beginImport();
        await writer.writeMessages(messages(40));
        opened();
        await mayFinish;
        await writer.abort();
      });
      await open;
      try {
        await during();
      } finally {
        finish();
        await importing;
      }
    }

    it('keeps a setting saved while an import is open when that import is rolled back', async () => {
      let saved: Promise<void> | undefined;
      await duringFailedImport(async () => {
        saved = store.shops.upsert(SHOP, { kpi: { slowSeconds: 45 } });
        saved.catch(() => {});
        await settle();
      });
      await saved;
      expect((await store.shops.get('s1'))?.settings).toEqual({ kpi: { slowSeconds: 45 } });
      expect(await messageCount(store)).toBe(0);
    });

    it('runs a transaction begun while an import is open, after it, instead of failing', async () => {
      let done: Promise<void> | undefined;
      await duringFailedImport(async () => {
        done = store.db.transaction().execute(async (trx) => {
          await trx.updateTable('shops').set({ name: '改名的店' }).where('id', '=', 's1').execute();
        });
        done.catch(() => {});
        await settle();
      });
      await done;
      expect((await store.shops.get('s1'))?.name).toBe('改名的店');
    });

    it('shows readers only committed rows while an import is open, and does not make them wait', async () => {
      const seen: number[] = [];
      await duringFailedImport(async () => {
        seen.push(await messageCount(store));
      });
      expect(seen).toEqual([0]);
    });

    it("lets the import's own reads and writes through the query builder run inside its turn", async () => {
      await store.importTurn(async () => {
        const writer = await store.beginImport();
        await writer.ensureShop(SHOP);
        await writer.writeMessages(messages(10));
        // The import's own context: no waiting for itself, and its own rows are visible to it on SQLite.
        await store.shops.upsert(SHOP, { note: 'inside' });
        await writer.finish({ shop: 's1', file: 'x', format: 'chats-jsonl', records: 10, startedAt: 0 });
      });
      expect(await messageCount(store)).toBe(10);
      expect((await store.shops.get('s1'))?.settings).toEqual({ note: 'inside' });
    });

    it('takes writes in the order they came while a transaction holds the store', async () => {
      const order: string[] = [];
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (release = resolve));
      const tx = store.db.transaction().execute(async (trx) => {
        await trx.updateTable('shops').set({ name: 'tx' }).where('id', '=', 's1').execute();
        await holding;
        order.push('tx');
      });
      await settle();
      const plain = store.shops.upsert({ ...SHOP, name: 'plain' }).then(() => order.push('plain'));
      await settle();
      release();
      await Promise.all([tx, plain]);
      // Without turns, the plain write would have joined the open transaction.
      expect(order).toEqual(['tx', 'plain']);
      expect((await store.shops.get('s1'))?.name).toBe('plain');
    });
  });
}
