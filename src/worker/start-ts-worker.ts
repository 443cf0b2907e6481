// Starts a worker thread on a module of ours. Under tsx (the CLI, the tests) the module is TypeScript and
// Node 20 neither carries the main thread's loader hooks into a worker nor applies `--import tsx` before a
// worker's entry, so the worker starts from a tiny bootstrap that registers tsx and then imports the entry.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `entry` is the worker module's URL as the caller sees it (a .ts URL under tsx, .js when compiled). */
export function startTsWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const require = createRequire(import.meta.url);
  const tsxDir = dirname(require.resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** The URL of a sibling module with the caller's own extension (.ts under tsx, .js when compiled). */
export function siblingModule(callerUrl: string, baseName: string): URL {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${baseName}${ext}`, callerUrl);
}
