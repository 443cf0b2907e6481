// Files Zhipei keeps for itself between runs (worker bundles, parsed rulebooks): under node_modules/.cache,
// beside the packages the code imports, written so that a concurrent process never reads half a file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
