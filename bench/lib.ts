// Shared benchmark plumbing: machine description, timing, the demo workload on disk, fresh stores.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeDemoFiles } from '../src/demo/write-demo-files.js';
import { openStore } from '../src/store/open-store.js';
import { Store } from '../src/store/store.js';

export const OUT = join(import.meta.dirname, 'out');

export interface Row {
  bench: string;
  engine: string;
  size: string;
  value: string;
  note?: string;
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await fn();
  return { ms: performance.now() - t, result };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The demo shop of about `messages` messages as files, generated once and reused by later runs. */
export async function demoFiles(messages: number): Promise<string> {
  const dir = join(OUT, `demo-${messages}`);
  if (!existsSync(join(dir, 'truth', 'planted.jsonl'))) {
    mkdirSync(dir, { recursive: true });
    await writeDemoFiles(dir, { messages, seed: 1 });
  }
  return dir;
}

export interface BenchStore {
  engine: 'sqlite' | 'postgres';
  store: Store;
  dispose(): Promise<void>;
}

/** A fresh SQLite file, or a fresh schema on the PostgreSQL server in ZHIPEI_BENCH_PG / ZHIPEI_TEST_PG. */
export async function freshStore(engine: 'sqlite' | 'postgres', tag: string): Promise<BenchStore> {
  if (engine === 'sqlite') {
    const path = join(OUT, `${tag}.db`);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    const store = new Store(await openStore(path));
    return { engine, store, dispose: () => store.close() };
  }
  const url = pgUrl();
  if (!url) throw new Error('no PostgreSQL URL');
  const schema = `bench_${tag.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
  const store = new Store(await openStore(url, { pgSchema: schema }));
  return { engine, store, dispose: () => store.close() };
}

export function pgUrl(): string | undefined {
  return process.env.ZHIPEI_BENCH_PG || process.env.ZHIPEI_TEST_PG;
}

export function engines(): Array<'sqlite' | 'postgres'> {
  return pgUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}
