// A big SQLite import commits without copying its write-ahead log back into the database file; a worker thread
// does that afterwards on its own connection. The data is the same either way, the connection's own
// auto-checkpoint is back on after every import (also a failed one), and the file does fill up.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportService } from '../../src/services/import.service.js';
import { openStore } from '../../src/store/open-store.js';
import { Store } from '../../src/store/store.js';
import { BACKGROUND_CHECKPOINT_ROWS } from '../../src/store/sqlite/background-checkpoint.js';
import { enginesUnderTest } from '../helpers/engines.js';

const sqlite = enginesUnderTest().find((e) => e.name === 'sqlite')!;

function chatFile(lines: number, badAt?: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const at = new Date(Date.UTC(2026, 10, 10, 2) + i * 3_000).toISOString();
    const row = {
      shop: '果园',
      id: `m${i}`,
      buyer: `b${i % 500}`,
      agent: '果园:小一',
      from: i % 2 ? 'agent' : 'buyer',
      at,
      text: `第${i}条 你好`,
      kind: 'text',
    };
    out.push(JSON.stringify(i + 1 === badAt ? { ...row, at: 'not a time' } : row));
  }
  const path = join(mkdtempSync(join(tmpdir(), 'zhipei-ckpt-')), 'chats.jsonl');
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

async function eventually(check: () => boolean, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (check()) return true;
  return check();
}

describe('the checkpoint after a big SQLite import', () => {
  it('runs on a worker thread: the import commits with its pages in the log, and they reach the file later', async () => {
    const { store, url, cleanup } = await sqlite.fresh();
    try {
      const before = statSync(url).size;
      // Past the worker's threshold, and a log past SQLite's auto-checkpoint threshold (1,000 pages of 16 KB).
      const lines = Math.max(BACKGROUND_CHECKPOINT_ROWS, 150_000);
      const r = await new ImportService(store).importFile(chatFile(lines), { readAhead: false });
      expect(r.inserted).toBeGreaterThanOrEqual(lines);
      // At the commit the pages were still only in the log (a worker starts in tens of milliseconds, this line
      // runs at once): with the auto-checkpoint in the commit the file would hold them already.
      expect(statSync(url).size).toBeLessThan(before + 1024 * 1024);
      const connection = store.handle.sqlite!;
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // The log held every page at the commit; the worker copies them into the file.
      expect(await eventually(() => statSync(url).size > before + 2 * 1024 * 1024)).toBe(true);
      expect((await store.status.counts()).messages).toBe(lines);
    } finally {
      await cleanup();
    }
  });

  it('is over when the store is closed: a new store made at once in its place is not touched by it', async () => {
    // Closing waits for the checkpoint. A checkpoint still running on the old file when a new database was
    // made at the same path (the benchmark's fresh stores, a test's clean-up) left the new one malformed.
    const { store, url, cleanup } = await sqlite.fresh();
    try {
      const file = chatFile(Math.max(BACKGROUND_CHECKPOINT_ROWS, 150_000));
      await new ImportService(store).importFile(file, { readAhead: false });
      await store.close();
      for (const f of [url, `${url}-wal`, `${url}-shm`]) rmSync(f, { force: true });
      const next = new Store(await openStore(url));
      await new ImportService(next).importFile(chatFile(3_000), { readAhead: false });
      await next.close();
      const reopened = new Store(await openStore(url));
      try {
        expect(reopened.handle.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((await reopened.status.counts()).messages).toBe(3_000);
      } finally {
        await reopened.close();
      }
    } finally {
      await cleanup();
    }
  });

  it('leaves auto-checkpoints on after a failed import, and the store as it was', async () => {
    const { store, cleanup } = await sqlite.fresh();
    try {
      const err = await new ImportService(store)
        .importFile(chatFile(2_000, 1_500), { readAhead: false })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(store.handle.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect((await store.status.counts()).messages).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
