// Import throughput against a bare read-and-JSON.parse pass over the same file, measured in the same run.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ImportService } from '../src/services/import.service.js';
import { KpiService } from '../src/services/kpi.service.js';
import { type BenchStore, freshStore, type Row, time } from './lib.js';

export async function bareParse(file: string): Promise<{ ms: number; lines: number }> {
  const { ms, result } = await time(async () => {
    let n = 0;
    for await (const line of createInterface({
      input: createReadStream(file),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (line) {
        JSON.parse(line);
        n++;
      }
    }
    return n;
  });
  return { ms, lines: result };
}

/** Imports the demo files into a fresh store; returns the store (loaded) for the benches that follow. */
export async function benchImport(
  engine: 'sqlite' | 'postgres',
  dir: string,
  size: string,
  rows: Row[],
): Promise<{ bs: BenchStore; importMs: number; bareMs: number }> {
  const chats = join(dir, 'chats.jsonl');
  // The baseline is the median of three bare passes, two before the import and one after: on these
  // shared machines one pass alone moved by a third between runs.
  const passes = [(await bareParse(chats)).ms, (await bareParse(chats)).ms];
  const bs = await freshStore(engine, `import_${size}_${engine}`);
  const service = new ImportService(bs.store);
  const {
    chatsMs: ms,
    chats: result,
    ordersMs,
    orders,
    optimizeMs,
  } = await importDemo(service, bs, dir, () =>
    bareParse(chats).then((p) => {
      passes.push(p.ms);
    }),
  );
  passes.sort((a, b) => a - b);
  const bare = { ms: passes[1] };
  const perSec = Math.round(result.records / (ms / 1000));
  rows.push({
    bench: 'bare read + JSON.parse (chats.jsonl)',
    engine: '-',
    size,
    value: `${(bare.ms / 1000).toFixed(2)} s`,
    note: `median of 3 passes (${passes.map((p) => (p / 1000).toFixed(2)).join(', ')} s)`,
  });
  rows.push({
    bench: 'import chats (parse, sessions, store)',
    engine,
    size,
    value: `${(ms / 1000).toFixed(2)} s, ${perSec.toLocaleString('en-US')} msg/s`,
    note: `${(ms / bare.ms).toFixed(2)}× bare pass`,
  });
  rows.push({
    bench: 'planner statistics after import',
    engine,
    size,
    value: `${optimizeMs.toFixed(0)} ms`,
  });
  rows.push({
    bench: 'import orders.csv',
    engine,
    size,
    value: `${(ordersMs / 1000).toFixed(2)} s, ${orders.records.toLocaleString('en-US')} orders`,
  });
  return { bs, importMs: ms, bareMs: bare.ms };
}

/**
 * The demo files into a store, as the product imports them: agents, chats (timed), orders (timed), refunds,
 * then fresh planner statistics as after every import (DerivedDataService). `afterChats` runs untimed
 * between the chats and the orders (the import bench's third bare pass).
 */
export async function importDemo(
  service: ImportService,
  bs: BenchStore,
  dir: string,
  afterChats?: () => Promise<void>,
) {
  await service.importFile(join(dir, 'agents.csv'));
  const chats = await time(() => service.importFile(join(dir, 'chats.jsonl')));
  await afterChats?.();
  const orders = await time(() => service.importFile(join(dir, 'orders.csv')));
  await service.importFile(join(dir, 'refunds.csv'));
  const optimized = await time(() => bs.store.optimize());
  return {
    chatsMs: chats.ms,
    chats: chats.result,
    ordersMs: orders.ms,
    orders: orders.result,
    optimizeMs: optimized.ms,
  };
}

/** The KPI rollup refresh over the whole shop, then a 30-day report read from the rollups. */
export async function benchKpi(bs: BenchStore, size: string, rows: Row[]): Promise<void> {
  const kpi = new KpiService(bs.store);
  const shop = await kpi.resolveShop();
  const refresh = await time(() => kpi.refreshAll(shop));
  rows.push({
    bench: 'KPI rollup refresh, whole shop',
    engine: bs.engine,
    size,
    value: `${(refresh.ms / 1000).toFixed(2)} s`,
    note: `${refresh.result} days`,
  });
  const span = await bs.store.db
    .selectFrom('kpi_agent_days')
    .select((eb) => [eb.fn.max('day').as('last')])
    .executeTakeFirstOrThrow();
  const to = String(span.last);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const times: number[] = [];
  for (let i = 0; i < 15; i++)
    times.push((await time(() => kpi.report({ shop, from, to }, { cache: false }))).ms);
  times.sort((a, b) => a - b);
  rows.push({
    bench: '30-day KPI report (all agents + team)',
    engine: bs.engine,
    size,
    value: `${times[Math.floor(times.length / 2)].toFixed(1)} ms median`,
    note: `max ${times[times.length - 1].toFixed(1)} ms, target < 200 ms`,
  });
}
