// Starts a worker thread on a module of ours. Compiled (.js), the worker runs the module itself. Under tsx
// (the CLI, the tests) the module is TypeScript, and Node 20 neither carries the main thread's loader hooks
// into a worker nor applies `--import tsx` before a worker's entry. Registering tsx inside each worker
// works but costs ~250 ms per worker before its first line runs, so instead the entry and our modules are
// bundled with esbuild (native addons stay imports) into a file under node_modules/.cache, named by its
// content hash, and the worker starts from that. A manifest beside it (one per entry path) lists the
// bundle's inputs with their sizes and times, so a later process whose inputs are unchanged reuses the
// bundle without building.
// If bundling is impossible (a read-only install), the worker registers tsx itself.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { localCacheDir, pruneStale, touch, writeAtomically } from '../cache/local-cache.js';

const bundled = new Map<string, string | null>();

/** Forgets the bundles this process made or found (as a new process would start), for tests. */
export function forgetBundles(): void {
  bundled.clear();
}

/** `entry` is the worker module's URL as the caller sees it (a .ts URL under tsx, .js when compiled). */
export function startTsWorker(entry: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData, resourceLimits });
  const file = bundleOf(entry);
  // The bundle is plain JavaScript: without the parent's tsx flags the worker starts in ~40 ms, not ~110.
  if (file) return new Worker(file, { workerData, resourceLimits, execArgv: [] });
  const require = createRequire(import.meta.url);
  const tsxDir = dirname(require.resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

/**
 * Builds (or finds) the entry's bundle now, so that a later start does not pay for it: the benchmarks call
 * it before they measure, since a build (~0.25 s, once per change of the sources) is not throughput.
 */
export function prepareWorkerBundle(entry: URL): void {
  if (entry.pathname.endsWith('.ts')) bundleOf(entry);
}

/** The entry bundled into one ES module (cached per process and on disk), or null when that cannot be done. */
function bundleOf(entry: URL): string | null {
  const cached = bundled.get(entry.href);
  // A bundle found earlier may have been pruned since by a later build (another process, newer sources).
  if (cached !== undefined && (cached === null || existsSync(cached))) return cached;
  let file: string | null = null;
  try {
    const require = createRequire(import.meta.url);
    // Beside our node_modules, so the bundle's package imports resolve exactly as the source's do.
    const dir = localCacheDir('zhipei-workers');
    const base = entry.pathname.split('/').pop()!.replace(/\.ts$/, '');
    // One manifest per entry path: another checkout sharing this node_modules has its own sources (and,
    // named by the file alone, the two would take each other's bundle or rebuild on every alternation).
    const place = createHash('sha1').update(fileURLToPath(entry)).digest('hex').slice(0, 8);
    const manifestPath = join(dir, `${base}.${place}.manifest.json`);
    file = reusable(manifestPath) ?? build(require, entry, dir, base, manifestPath);
  } catch {
    file = null;
  }
  bundled.set(entry.href, file);
  return file;
}

interface Manifest {
  output: string;
  /** Absolute input path → [size, mtimeMs]. */
  inputs: Record<string, [number, number]>;
}

/** The bundle a manifest names, if it exists and none of its inputs changed since. */
function reusable(manifestPath: string): string | null {
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (!existsSync(manifest.output)) return null;
  for (const [path, [size, mtime]] of Object.entries(manifest.inputs)) {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st || st.size !== size || st.mtimeMs !== mtime) return null;
  }
  touch(manifest.output);
  return manifest.output;
}

function build(require: NodeJS.Require, entry: URL, dir: string, base: string, manifestPath: string): string {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Pure-JavaScript packages go into the bundle: resolving and evaluating kysely's hundred-odd modules
    // one by one cost a worker ~150 ms of its start. Native addons stay outside, and bundled CommonJS
    // code gets a real `require` for Node's built-ins.
    external: ['better-sqlite3', 'pg-native'],
    banner: {
      js: "import { createRequire as __zhipeiRequire } from 'node:module'; const require = __zhipeiRequire(import.meta.url);",
    },
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].contents;
  const hash = createHash('sha1').update(code).digest('hex').slice(0, 12);
  const target = join(dir, `${base}-${hash}.mjs`);
  writeAtomically(target, code);
  // The bundles of this entry's earlier sources, unused for a day, go (see pruneStale).
  pruneStale(dir, (name) => name.startsWith(`${base}-`) && name.endsWith('.mjs'), target);
  const inputs: Manifest['inputs'] = {};
  for (const input of Object.keys(out.metafile.inputs)) {
    const path = resolve(input);
    const st = statSync(path);
    inputs[path] = [st.size, st.mtimeMs];
  }
  writeAtomically(manifestPath, JSON.stringify({ output: target, inputs } satisfies Manifest));
  return target;
}

/** The URL of a sibling module with the caller's own extension (.ts under tsx, .js when compiled). */
export function siblingModule(callerUrl: string, baseName: string): URL {
  const ext = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${baseName}${ext}`, callerUrl);
}
