// Starts a worker thread on a module of ours. Compiled (.js), the worker runs the module itself. Under tsx
// (the CLI, the tests) the module is TypeScript, and Node 20 neither carries the main thread's loader hooks
// into a worker nor applies `--import tsx` before a worker's entry. Registering tsx inside each worker
// works but costs ~250 ms per worker before its first line runs, so instead the entry and our modules are
// bundled once per process with esbuild (packages stay imports) into a file under node_modules/.cache,
// named by its content hash, and the worker starts from that. If bundling is impossible (a read-only
// install), the worker registers tsx itself.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const bundled = new Map<string, string | null>();

/** `entry` is the worker module's URL as the caller sees it (a .ts URL under tsx, .js when compiled). */
export function startTsWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const file = bundleOf(entry);
  // The bundle is plain JavaScript: without the parent's tsx flags the worker starts in ~40 ms, not ~110.
  if (file) return new Worker(file, { workerData, execArgv: [] });
  const require = createRequire(import.meta.url);
  const tsxDir = dirname(require.resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** The entry bundled into one ES module (cached per process), or null when that cannot be done. */
function bundleOf(entry: URL): string | null {
  const cached = bundled.get(entry.href);
  if (cached !== undefined) return cached;
  let file: string | null = null;
  try {
    const require = createRequire(import.meta.url);
    const esbuild = require('esbuild') as typeof import('esbuild');
    const out = esbuild.buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].contents;
    const hash = createHash('sha1').update(code).digest('hex').slice(0, 12);
    // Beside our node_modules, so the bundle's package imports resolve exactly as the source's do.
    const dir = join(dirname(require.resolve('esbuild/package.json')), '..', '.cache', 'zhipei-workers');
    const name = `${entry.pathname.split('/').pop()!.replace(/\.ts$/, '')}-${hash}.mjs`;
    mkdirSync(dir, { recursive: true });
    const target = join(dir, name);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, target); // atomic: a concurrent process never starts a half-written file
    file = target;
  } catch {
    file = null;
  }
  bundled.set(entry.href, file);
  return file;
}

/** The URL of a sibling module with the caller's own extension (.ts under tsx, .js when compiled). */
export function siblingModule(callerUrl: string, baseName: string): URL {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${baseName}${ext}`, callerUrl);
}
