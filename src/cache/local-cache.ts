// Files Zhipei keeps for itself between runs (worker bundles, parsed and compiled rulebooks): under node_modules/.cache,
// beside the packages the code imports, written so that a concurrent process never reads half a file, and
// pruned of entries unused for a day whenever a new one is written beside them.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** node_modules/.cache/<name> (not created); throws where the packages cannot be found. */
export function localCacheDir(name: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('esbuild/package.json')), '..', '.cache', name);
}

/** Written under a temporary name, then renamed (the directory is created if need be). */
export function writeAtomically(target: string, data: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, target);
}

/** Marks an entry as used now (best effort), so that pruneStale keeps what is read, not only what is new. */
export function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // a read-only install: nothing is pruned there either
  }
}

/** How long an unused cache entry is kept once a newer one has been written beside it. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the entries of a cache directory that `matches` accepts, other than `keep`, whose files were last
 * written or used (touch) more than `maxAgeMs` ago. A cache that gains an entry per change of its inputs (a bundle per
 * source edit, a parsed rulebook per rulebook edit) otherwise grows for ever in a working copy. Readers
 * cope with a vanished entry by making it again, so a concurrent process loses nothing but time. Best
 * effort: a file that cannot be read or deleted is left. Returns the number deleted.
 */
export function pruneStale(
  dir: string,
  matches: (name: string) => boolean,
  keep: string,
  maxAgeMs = STALE_AFTER_MS,
  now = Date.now(),
): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let deleted = 0;
  for (const name of names) {
    const path = join(dir, name);
    if (path === keep || !matches(name)) continue;
    try {
      if (now - statSync(path).mtimeMs <= maxAgeMs) continue;
      unlinkSync(path);
      deleted++;
    } catch {
      // gone already, or not ours to delete
    }
  }
  return deleted;
}

/**
 * An entry made once and read back after: `read(file)` when the file is there and readable (then marked as used),
 * else `make()`, written with `write` and the directory's stale entries with the same suffix pruned. With no file
 * (the cache cannot be placed) or an unwritable directory, it makes the value every time.
 */
export function readThrough<T>(
  file: string | null,
  suffix: string,
  codec: { read(bytes: Buffer): T; write(value: T): string | Uint8Array },
  make: () => T,
): T {
  if (file) {
    try {
      const value = codec.read(readFileSync(file));
      touch(file);
      return value;
    } catch {
      // not cached yet (or unreadable): made below
    }
  }
  const value = make();
  if (file) {
    try {
      writeAtomically(file, codec.write(value));
      // Every edit of an input (and every input a test writes) adds an entry: old ones go.
      pruneStale(dirname(file), (name) => name.endsWith(suffix), file);
    } catch {
      // a read-only install: made every time
    }
  }
  return value;
}
