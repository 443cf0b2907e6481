import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionIdOf } from '../../src/domain/session-id.js';
import type { MessageRow } from '../../src/store/import-writer.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

function msg(over: Partial<MessageRow> & { id: string; at: number }): MessageRow {
  const base = {
    shop: 's1',
    buyer: 'b1',
    agent: 's1:小禾',
    from: 'buyer' as const,
    text: '在吗',
    kind: 'text',
  };
  const m = { ...base, ...over };
  const day = over.day ?? '2026-11-11';
  return { ...m, day, sessionId: sessionIdOf({ shop: m.shop, agent: m.agent, buyer: m.buyer, day }) };
}

const T0 = Date.parse('2026-11-11T10:00:00+08:00');

for (const engine of enginesUnderTest()) {
  describe(`import writer on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
    });
    afterEach(async () => cleanup());

    async function load(rows: MessageRow[]) {
      const w = await store.beginImport();
      await w.ensureShop({ id: 's1', name: 's1', timeZone: 'Asia/Shanghai' });
      await w.writeMessages(rows);
      const totals = await w.finish({
        shop: 's1',
        file: 'x',
        format: 'chats-jsonl',
        records: rows.length,
        startedAt: 0,
      });
      return { n: totals.inserted, totals };
    }

    it('materializes sessions with counts and re-import changes nothing', async () => {
      const rows = [
        msg({ id: 'a', at: T0 }),
        msg({ id: 'b', at: T0 + 5_000, from: 'bot', text: '您好，机器人为您服务' }),
        msg({ id: 'c', at: T0 + 20_000, from: 'agent', text: '亲，在的' }),
        msg({ id: 'd', at: T0 + 30_000, buyer: 'b2' }),
      ];
      const first = await load(rows);
      expect(first.n).toBe(4);
      expect(first.totals.sessionsTouched).toBe(2);
      const sessions = await store.db.selectFrom('sessions').selectAll().orderBy('buyer').execute();
      expect(
        sessions.map((s) => [s.buyer, s.message_count, s.buyer_messages, s.agent_messages, s.bot_messages]),
      ).toEqual([
        ['b1', 3, 1, 1, 1],
        ['b2', 1, 1, 0, 0],
      ]);
      expect(sessions[0].first_at).toBe(T0);
      expect(sessions[0].last_at).toBe(T0 + 20_000);

      const again = await load(rows);
      expect(again.n).toBe(0);
      expect(again.totals.sessionsTouched).toBe(0);
      const after = await store.db.selectFrom('sessions').select(['id', 'revision']).orderBy('id').execute();
      expect(after.every((s) => s.revision === 1)).toBe(true);
      expect(await store.status.counts()).toMatchObject({
        messages: 4,
        sessions: 2,
        buyers: 2,
        agents: 1,
        shops: 1,
      });
    });

    it('in a batch of hundreds, counts exactly the messages not stored yet, a repeated id once', async () => {
      // Some rows stored already, one id given twice in the batch, and one id that exists in another shop too.
      const first = Array.from({ length: 150 }, (_, i) =>
        msg({ id: `m${i}`, at: T0 + i * 1000, from: i % 3 === 0 ? 'agent' : 'buyer' }),
      );
      expect((await load(first.filter((_, i) => i % 7 === 0))).n).toBe(22);
      const again = [...first];
      again.splice(100, 0, msg({ id: 'm99', at: T0 + 99_500 }));
      const w = await store.beginImport();
      await w.ensureShop({ id: 's1', name: 's1', timeZone: 'Asia/Shanghai' });
      await w.ensureShop({ id: 's2', name: 's2', timeZone: 'Asia/Shanghai' });
      again.splice(40, 0, msg({ shop: 's2', agent: 's2:小禾', id: 'm7', at: T0 + 7_000 }));
      await w.writeMessages(again);
      const totals = await w.finish({
        shop: 's1',
        file: 'x',
        format: 'chats-jsonl',
        records: 0,
        startedAt: 0,
      });
      expect(totals.inserted).toBe(150 - 22 + 1);
      const sessions = await store.db
        .selectFrom('sessions')
        .select(['shop', 'message_count', 'agent_messages', 'buyer_messages', 'revision'])
        .orderBy('shop')
        .execute();
      expect(sessions).toEqual([
        { shop: 's1', message_count: 150, agent_messages: 50, buyer_messages: 100, revision: 2 },
        { shop: 's2', message_count: 1, agent_messages: 0, buyer_messages: 1, revision: 1 },
      ]);
      expect(await store.status.counts()).toMatchObject({ messages: 151 });
    });

    it('a new message in an existing session bumps its revision', async () => {
      await load([msg({ id: 'a', at: T0 })]);
      await load([msg({ id: 'b', at: T0 + 1000, from: 'agent', text: '您好' })]);
      const s = await store.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
      expect([s.message_count, s.revision, s.agent_messages]).toEqual([2, 2, 1]);
    });

    it('abort leaves the store exactly as it was', async () => {
      await load([msg({ id: 'a', at: T0 })]);
      const w = await store.beginImport();
      await w.writeMessages([msg({ id: 'z', at: T0 + 1 })]);
      await w.writeOrders([
        {
          shop: 's1',
          orderId: 'o1',
          buyer: 'b1',
          createdAt: T0,
          paidAt: null,
          amountFen: 100,
          status: 'x',
          items: null,
        },
      ]);
      await w.abort();
      expect(await store.status.counts()).toMatchObject({ messages: 1, orders: 0, sessions: 1 });
    });

    it('orders upsert: the later status wins, identical re-import changes nothing', async () => {
      const order = {
        shop: 's1',
        orderId: 'o1',
        buyer: 'b1',
        createdAt: T0,
        paidAt: null,
        amountFen: 9990,
        status: '等待买家付款',
        items: '和田大枣',
      };
      let w = await store.beginImport();
      await w.ensureShop({ id: 's1', name: 's1', timeZone: 'Asia/Shanghai' });
      expect(
        await w.writeOrders([order, { ...order, paidAt: T0 + 60_000, status: '买家已付款' }]),
      ).toBeGreaterThan(0);
      await w.finish({ shop: 's1', file: 'o', format: 'orders-csv', records: 2, startedAt: 0 });
      w = await store.beginImport();
      expect(await w.writeOrders([{ ...order, paidAt: T0 + 60_000, status: '买家已付款' }])).toBe(0);
      await w.finish({ shop: 's1', file: 'o', format: 'orders-csv', records: 1, startedAt: 0 });
      const rows = await store.db.selectFrom('orders').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: '买家已付款', paid_at: T0 + 60_000, amount_fen: 9990 });
    });

    it('keeps tabs, newlines and backslashes in text intact', async () => {
      const text = 'a\tb\nc\\d\r\ne 😀';
      await load([msg({ id: 'a', at: T0, text })]);
      const row = await store.db.selectFrom('messages').select('text').executeTakeFirstOrThrow();
      expect(row.text).toBe(text);
    });
  });
}
