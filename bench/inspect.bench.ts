// Inspection throughput over the stored demo shop, and import + inspection together against the bare
// read-and-JSON.parse pass over the same chat file, measured in the same run (issue 4's targets: 6×, 3×).
import { InspectionService } from '../src/services/inspection.service.js';
import type { BenchStore, Row } from './lib.js';
import { time } from './lib.js';

export async function benchInspect(ctx: {
  bs: BenchStore;
  size: string;
  rows: Row[];
  bareMs: number;
  importMs: number;
}): Promise<void> {
  const { ms, result } = await time(() => new InspectionService(ctx.bs.store).inspect({ all: true }));
  ctx.rows.push({
    bench: 'inspect every session (14 rules)',
    engine: ctx.bs.engine,
    size: ctx.size,
    value: `${(ms / 1000).toFixed(2)} s, ${Math.round(result.sessions / (ms / 1000)).toLocaleString('en-US')} sessions/s, ${Math.round(result.messages / (ms / 1000)).toLocaleString('en-US')} msg/s`,
    note: `${result.findings.toLocaleString('en-US')} findings, ${result.workers} worker threads`,
  });
  ctx.rows.push({
    bench: 'import + inspection vs bare pass',
    engine: ctx.bs.engine,
    size: ctx.size,
    value: `${((ctx.importMs + ms) / ctx.bareMs).toFixed(2)}×`,
    note: 'target ≤ 6× (goal 3×)',
  });
}
