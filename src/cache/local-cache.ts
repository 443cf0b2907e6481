// Files Zhipei keeps for itself between runs (worker bundles, parsed rulebooks): under node_modules/.cache,
// beside the packages the code imports, written so that a concurrent process never reads half a file, and
// pruned of entries unused for a day whenever a new one is written beside them.
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
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
