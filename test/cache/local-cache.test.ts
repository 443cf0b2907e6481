// The local cache keeps what is new or in use and lets old entries of the same cache go.
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneStale, STALE_AFTER_MS } from '../../src/cache/local-cache.js';

describe('pruneStale', () => {
  it('deletes matching entries untouched for longer than the limit, never the one just written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhipei-cache-'));
    const now = Date.now();
    const old = new Date(now - STALE_AFTER_MS - 60_000);
    const entry = (name: string, stale: boolean) => {
      const path = join(dir, name);
      writeFileSync(path, name);
      if (stale) utimesSync(path, old, old);
      return path;
    };
    const staleBundle = entry('inspect.worker-aaaa.mjs', true);
    const freshBundle = entry('inspect.worker-bbbb.mjs', false);
    const current = entry('inspect.worker-cccc.mjs', true); // old file, but the one in use
    const otherEntry = entry('read-ahead.worker-dddd.mjs', true); // another entry's bundle
    const deleted = pruneStale(
      dir,
      (name) => name.startsWith('inspect.worker-') && name.endsWith('.mjs'),
      current,
      STALE_AFTER_MS,
      now,
    );
    expect(deleted).toBe(1);
    expect(existsSync(staleBundle)).toBe(false);
    expect(existsSync(freshBundle)).toBe(true);
    expect(existsSync(current)).toBe(true);
    expect(existsSync(otherEntry)).toBe(true);
  });

  it('does nothing for a directory that does not exist', () => {
    expect(pruneStale(join(tmpdir(), `zhipei-none-${process.pid}-${Date.now()}`), () => true, '')).toBe(0);
  });
});
