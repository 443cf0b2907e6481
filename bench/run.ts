// `npm run bench`: the hot paths on the demo shop, on SQLite and (when a PostgreSQL URL is set) PostgreSQL.
// BENCH_SIZES=300000,2000000 (default) picks the workloads. Prints a Markdown table for BENCHMARKS.md
// and writes bench/out/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchApi } from './api.bench.js';
import { benchImport, benchKpi } from './import.bench.js';
import { benchInspect } from './inspect.bench.js';
import { prepareWorkerBundle } from '../src/worker/start-ts-worker.js';
import { demoFiles, engines, machine, OUT, type Row } from './lib.js';

type Extra = (ctx: {
  bs: import('./lib.js').BenchStore;
  dir: string;
  size: string;
  rows: Row[];
  bareMs: number;
  importMs: number;
}) => Promise<void>;

/** Further benches (inspection, API) register here, run on the store the import bench loaded. */
export const EXTRA_BENCHES: Extra[] = [benchInspect, benchApi];

async function main() {
  mkdirSync(OUT, { recursive: true });
  // The worker threads' bundles are built once per change of the sources (~0.25 s each): done here, before
  // anything is timed, as a compiler's work would be.
  for (const worker of [
    '../src/services/inspect.worker.ts',
    '../src/ingest/read-ahead/read-ahead.worker.ts',
    '../src/store/sqlite/checkpoint.worker.ts',
  ])
    prepareWorkerBundle(new URL(worker, import.meta.url));
  const sizes = (process.env.BENCH_SIZES ?? '300000,2000000').split(',').map((s) => Number(s.trim()));
  const rows: Row[] = [];
  const started = new Date().toISOString();
  for (const n of sizes) {
    const size = n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`;
    const dir = await demoFiles(n);
    for (const engine of engines()) {
      console.error(`[bench] ${size} on ${engine}…`);
      const before = rows.length;
      const { bs, importMs, bareMs } = await benchImport(engine, dir, size, rows);
      try {
        await benchKpi(bs, size, rows);
        for (const extra of EXTRA_BENCHES) await extra({ bs, dir, size, rows, bareMs, importMs });
      } finally {
        await bs.dispose();
        // Print as we go: a later failure must not lose what was measured.
        for (const r of rows.slice(before))
          console.error(`[bench] ${r.bench} | ${r.engine} | ${r.size} | ${r.value} | ${r.note ?? ''}`);
      }
    }
  }
  const table = [
    `Machine: ${machine()}; started ${started}.`,
    '',
    '| bench | engine | workload | result | note |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.bench} | ${r.engine} | ${r.size} | ${r.value} | ${r.note ?? ''} |`),
  ].join('\n');
  console.log(table);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ machine: machine(), started, rows }, null, 2));
}

await main();
