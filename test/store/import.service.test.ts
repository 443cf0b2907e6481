// The import use case end to end, on every engine: real-looking files in, sessions out, bad files out
// whole with the store unchanged, re-import a no-op.
import { readdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/ingest/import-error.js';
import { ImportService } from '../../src/services/import.service.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'import');
const GOOD = [
  'agents.csv',
  'chats.jsonl',
  'orders.csv',
  'refunds.csv',
  'ExportOrderList202611120930.csv',
  'qianniu-transcript.txt',
  'chats-bom-crlf.csv',
  'chats-utf16le.jsonl',
];

async function snapshot(store: Store) {
  const counts = await store.status.counts();
  const sessions = await store.db.selectFrom('sessions').selectAll().orderBy('shop').orderBy('id').execute();
  const orders = await store.db
    .selectFrom('orders')
    .selectAll()
    .orderBy('shop')
    .orderBy('order_id')
    .execute();
  return { counts, sessions, orders };
}

function tmpFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhipei-imp-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

for (const engine of enginesUnderTest()) {
  describe(`import service on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let service: ImportService;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
      service = new ImportService(store);
    });
    afterEach(async () => cleanup());

    it('imports every good fixture, and importing them again changes nothing', async () => {
      for (const f of GOOD) {
        await service.importFile(join(FIX, f), { shop: '红枣小铺' });
        const r = await service.importFile(join(FIX, f), { shop: '红枣小铺' });
        expect(r.inserted, f).toBe(0);
        expect(r.sessionsTouched, f).toBe(0);
      }
      const first = await snapshot(store);
      expect(first.counts.messages).toBeGreaterThan(15);
      expect(first.counts.orders).toBeGreaterThanOrEqual(5);
      expect(first.counts.refunds).toBe(2);
      // Sessions are maintained additively; they must equal a recomputation from the stored messages.
      const recomputed = await store.db
        .selectFrom('messages')
        .select((eb) => [
          'shop',
          'session_id',
          eb.fn.min('at').as('first_at'),
          eb.fn.max('at').as('last_at'),
          eb.fn.countAll<number>().as('n'),
        ])
        .groupBy(['shop', 'session_id'])
        .orderBy('shop')
        .orderBy('session_id')
        .execute();
      expect(first.sessions.map((x) => [x.shop, x.id, x.first_at, x.last_at, x.message_count])).toEqual(
        recomputed.map((r) => [r.shop, r.session_id, Number(r.first_at), Number(r.last_at), Number(r.n)]),
      );
      // The whole set again, in the same order, ends in the same state.
      for (const f of GOOD) await service.importFile(join(FIX, f), { shop: '红枣小铺' });
      expect(await snapshot(store)).toEqual(first);
    });

    it('GBK Taobao export: Chinese buyers, amounts in fen, local times', async () => {
      const r = await service.importFile(join(FIX, 'ExportOrderList202611120930.csv'), { shop: '红枣小铺' });
      expect(r.format).toBe('taobao-orders');
      const orders = await store.db.selectFrom('orders').selectAll().orderBy('order_id').execute();
      expect(orders.length).toBe(r.records);
      expect(orders.every((o) => Number.isInteger(o.amount_fen) && o.amount_fen >= 0)).toBe(true);
      expect(orders.some((o) => /[\u4e00-\u9fff]/.test(o.status))).toBe(true);
    });

    it('every bad file is rejected whole, names file, line and field, and leaves the store as it was', async () => {
      await service.importFile(join(FIX, 'chats.jsonl'));
      await service.importFile(join(FIX, 'orders.csv'));
      const before = await snapshot(store);
      const bad = readdirSync(join(FIX, 'bad'));
      expect(bad.length).toBeGreaterThanOrEqual(10);
      for (const f of bad) {
        const err = await service.importFile(join(FIX, 'bad', f)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, f).toBeInstanceOf(ImportError);
        const e = err as ImportError;
        expect(e.message.startsWith(`${join(FIX, 'bad', f)}:`), e.message).toBe(true);
        expect(e.line === null || e.line >= 1).toBe(true);
        expect(await snapshot(store), f).toEqual(before);
      }
    });

    it('a bad line late in a big file rolls back everything before it', async () => {
      const lines: string[] = [];
      for (let i = 0; i < 12_000; i++) {
        lines.push(
          JSON.stringify({
            shop: 's',
            id: `m${i}`,
            buyer: `b${i % 700}`,
            agent: 's:a',
            from: 'buyer',
            at: '2026-11-11T10:00:00+08:00',
            text: `问题${i}`,
          }),
        );
      }
      lines.push(
        '{"shop":"s","id":"x","buyer":"b","agent":"s:a","from":"customer","at":"2026-11-11T10:00:00+08:00","text":"?"}',
      );
      const p = tmpFile('big.jsonl', lines.join('\n'));
      await expect(service.importFile(p)).rejects.toThrow(/big\.jsonl:12001: field "from"/);
      expect((await store.status.counts()).messages).toBe(0);
      expect((await store.status.counts()).shops).toBe(0);
    });

    it('sessions are thread-days in the shop time zone: midnight splits, other zones split elsewhere', async () => {
      await store.shops.upsert({ id: 'la', name: 'LA shop', timeZone: 'America/Los_Angeles' });
      const rows = [
        // Shanghai shop: 23:59:50 and 00:00:10 local are two sessions.
        {
          shop: 'sh',
          id: '1',
          buyer: 'b',
          agent: 'sh:a',
          from: 'buyer',
          at: '2026-11-11T23:59:50+08:00',
          text: '在吗',
        },
        {
          shop: 'sh',
          id: '2',
          buyer: 'b',
          agent: 'sh:a',
          from: 'agent',
          at: '2026-11-12T00:00:10+08:00',
          text: '在的亲',
        },
        // The same instants in a Los Angeles shop are 07:59:50 and 08:00:10 on 11-11: one session.
        {
          shop: 'la',
          id: '3',
          buyer: 'b',
          agent: 'la:a',
          from: 'buyer',
          at: '2026-11-11T15:59:50Z',
          text: 'hi',
        },
        {
          shop: 'la',
          id: '4',
          buyer: 'b',
          agent: 'la:a',
          from: 'agent',
          at: '2026-11-11T16:00:10Z',
          text: 'hello',
        },
        // Offsets in the file do not matter, only the instant: 2026-11-12T01:00+09:00 is 00:00 in Shanghai.
        {
          shop: 'sh',
          id: '5',
          buyer: 'c',
          agent: 'sh:a',
          from: 'buyer',
          at: '2026-11-12T01:00:00+09:00',
          text: '你好',
        },
      ];
      await service.importFile(tmpFile('tz.jsonl', rows.map((r) => JSON.stringify(r)).join('\r\n')));
      const sessions = await store.db
        .selectFrom('sessions')
        .select(['shop', 'buyer', 'day', 'message_count'])
        .orderBy('shop')
        .orderBy('buyer')
        .orderBy('day')
        .execute();
      expect(sessions).toEqual([
        { shop: 'la', buyer: 'b', day: '2026-11-11', message_count: 2 },
        { shop: 'sh', buyer: 'b', day: '2026-11-11', message_count: 1 },
        { shop: 'sh', buyer: 'b', day: '2026-11-12', message_count: 1 },
        { shop: 'sh', buyer: 'c', day: '2026-11-12', message_count: 1 },
      ]);
    });

    it('orders: a later status in a later file wins', async () => {
      const head = 'shop,order_id,buyer,created_at,paid_at,amount,status\n';
      await service.importFile(
        tmpFile('o1.csv', `${head}s,o1,b,2026-11-11T10:00:00+08:00,,99.90,等待买家付款\n`),
      );
      await service.importFile(
        tmpFile(
          'o2.csv',
          `${head}s,o1,b,2026-11-11T10:00:00+08:00,2026-11-11T12:00:00+08:00,99.90,交易成功\n`,
        ),
      );
      const o = await store.db.selectFrom('orders').selectAll().executeTakeFirstOrThrow();
      expect(o).toMatchObject({
        status: '交易成功',
        amount_fen: 9990,
        paid_at: Date.parse('2026-11-11T12:00:00+08:00'),
      });
    });
  });
}
