// A chat file parsed on a worker thread must import exactly as one parsed in-thread: the same messages,
// sessions and counts, the same first error with file:line:field, and the store untouched after it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/ingest/import-error.js';
import { idleReadAheadWorkers, stopIdleReadAheadWorkers } from '../../src/ingest/read-ahead/read-ahead.js';
import { ImportService } from '../../src/services/import.service.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const SHOP = '果园';

/** Two days of interleaved chats across three buyers, a blank line, CRLF and one text holding U+0001. */
function chatFile(
  lines: number,
  opts: { badAt?: number; repeatFrom?: number; otherShopFrom?: number } = {},
): string {
  const out: string[] = [];
  for (let n = 0; n < lines; n++) {
    // From `repeatFrom` on, the file repeats its own first messages (same ids): they must import once.
    const i = opts.repeatFrom !== undefined && n >= opts.repeatFrom ? n - opts.repeatFrom : n;
    const at = new Date(Date.UTC(2026, 10, 10, 15, 50) + i * 7_000).toISOString();
    const from = i % 3 === 0 ? 'buyer' : i % 3 === 1 ? 'agent' : 'bot';
    const text = i === 4 ? 'odd\u0001separator' : `消息 ${i} 你好`;
    const shop = opts.otherShopFrom !== undefined && n >= opts.otherShopFrom ? '邻家' : SHOP;
    const row: Record<string, unknown> = {
      shop,
      id: `m${i}`,
      buyer: `buyer${i % 3}`,
      agent: `${shop}:小${i % 2}`,
      from,
      at,
      text,
      kind: i % 10 === 0 ? 'item' : 'text',
    };
    if (opts.badAt !== undefined && n + 1 === opts.badAt) row.at = '2026-13-40T25:00:00+08:00';
    out.push(JSON.stringify(row));
    if (n === 10) out.push('');
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhipei-ra-'));
  const path = join(dir, 'chats.jsonl');
  writeFileSync(path, `${out.join('\r\n')}\r\n`);
  return path;
}

async function contents(store: Store) {
  const messages = await store.db
    .selectFrom('messages')
    .select(['shop', 'id', 'session_id', 'sender', 'at', 'text', 'kind'])
    .orderBy('id')
    .execute();
  const sessions = await store.db.selectFrom('sessions').selectAll().orderBy('id').execute();
  return { messages, sessions, counts: await store.status.counts() };
}

for (const engine of enginesUnderTest()) {
  describe(`read-ahead import on ${engine.name}`, () => {
    let a: { store: Store; cleanup: () => Promise<void> };
    let b: { store: Store; cleanup: () => Promise<void> };
    beforeEach(async () => {
      a = await engine.fresh();
      b = await engine.fresh();
    });
    afterEach(async () => {
      await a.cleanup();
      await b.cleanup();
    });

    it('stores what the in-thread import stores', async () => {
      const file = chatFile(12_345);
      const inThread = await new ImportService(a.store).importFile(file, { readAhead: false });
      const ahead = await new ImportService(b.store).importFile(file, { readAhead: true });
      expect(ahead).toEqual(inThread);
      expect(ahead.records).toBe(12_345);
      const [x, y] = [await contents(a.store), await contents(b.store)];
      expect(y.counts).toEqual(x.counts);
      expect(y.sessions).toEqual(x.sessions);
      expect(y.messages).toEqual(x.messages);
      expect(y.messages.find((m) => m.id === 'm4')?.text).toBe('odd\u0001separator');
      // Midnight in Shanghai falls inside the file: one buyer-agent pair has a session on each day.
      expect(new Set(y.sessions.map((s) => s.day))).toEqual(new Set(['2026-11-10', '2026-11-11']));
      const again = await new ImportService(b.store).importFile(file, { readAhead: true });
      expect(again.inserted).toBe(0);
    });

    it('stores a message repeated in a later batch once, and its session counts it once', async () => {
      // Two batches of new messages, then a batch repeating the first 3,000: on PostgreSQL the first two
      // are copied straight in and the third collides and goes through the stage.
      const file = chatFile(13_000, { repeatFrom: 10_000 });
      const r = await new ImportService(b.store).importFile(file, { readAhead: true });
      expect(r.records).toBe(13_000);
      expect(r.inserted).toBe(10_000);
      const y = await contents(b.store);
      expect(y.counts.messages).toBe(10_000);
      const bySession = new Map<string, number>();
      for (const m of y.messages) bySession.set(m.session_id, (bySession.get(m.session_id) ?? 0) + 1);
      for (const s of y.sessions) expect(s.message_count).toBe(bySession.get(s.id));
      expect(y.sessions.reduce((n, s) => n + s.message_count, 0)).toBe(10_000);
    });

    it('refuses a shop the importer may not write to, naming the line, and stores nothing', async () => {
      // Second shop from line 6,001: on PostgreSQL the batch crosses encoded and is checked per session.
      const file = chatFile(8_000, { otherShopFrom: 6_000 });
      const before = await contents(b.store);
      const err = await new ImportService(b.store)
        .importFile(file, { readAhead: true, allowedShops: [SHOP] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).field).toBe('shop');
      // One blank line after record 11 puts record 6,001 on file line 6,002.
      expect((err as ImportError).line).toBe(6_002);
      expect((err as ImportError).reason).toContain('邻家');
      expect(await contents(b.store)).toEqual(before);
    });

    it('keeps its worker for the next import, unless that stopped reading midway', async () => {
      await stopIdleReadAheadWorkers();
      await new ImportService(a.store).importFile(chatFile(3_000), { readAhead: true });
      expect(idleReadAheadWorkers()).toBe(1);
      const second = await new ImportService(b.store).importFile(chatFile(5_000), { readAhead: true });
      expect(second.records).toBe(5_000);
      expect((await contents(b.store)).counts.messages).toBe(5_000);
      expect(idleReadAheadWorkers()).toBe(1); // the same thread again, not a second one
      // A shop refused by the importer while the worker reads on: that worker is stopped, not kept.
      const refused = await new ImportService(b.store)
        .importFile(chatFile(8_000, { otherShopFrom: 6_000 }), { readAhead: true, allowedShops: [SHOP] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ImportError);
      expect(idleReadAheadWorkers()).toBe(0);
      // A bad line ends the worker's reading: it is kept, and names the line again next time.
      for (let i = 0; i < 2; i++) {
        const bad = await new ImportService(a.store)
          .importFile(chatFile(2_000, { badAt: 1_500 }), { readAhead: true })
          .catch((e: unknown) => e);
        expect((bad as ImportError).line).toBe(1_501);
        expect(idleReadAheadWorkers()).toBe(1);
      }
      await stopIdleReadAheadWorkers();
      expect(idleReadAheadWorkers()).toBe(0);
    });

    it('fails on the bad line with its field, and leaves the store as it was', async () => {
      const good = chatFile(300);
      await new ImportService(b.store).importFile(good, { readAhead: true });
      const before = await contents(b.store);
      // Line 9,001 of the records is bad: one blank line after record 11 puts it on file line 9,002.
      const bad = chatFile(12_000, { badAt: 9_001 });
      const err = await new ImportService(b.store)
        .importFile(bad, { readAhead: true, displayName: 'upload.jsonl' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).file).toBe('upload.jsonl');
      expect((err as ImportError).line).toBe(9_002);
      expect((err as ImportError).field).toBe('at');
      const inThread = await new ImportService(a.store).importFile(bad, { readAhead: false }).catch((e) => e);
      expect((inThread as ImportError).line).toBe(9_002);
      expect(await contents(b.store)).toEqual(before);
    });
  });
}
