// Use case: load the demo shop straight into the store, through the same import path as files
// (one transaction, same sessions), then refresh the derived data.
import { type DemoOptions, generateDemoShop } from '../demo/generate.js';
import type { ImportRecord } from '../domain/types.js';
import type { Store } from '../store/store.js';
import {
  type ImportProgress,
  type ImportResult,
  ImportService,
  type RecordSource,
} from './import.service.js';

export interface DemoLoadResult extends ImportResult {
  shop: string;
  days: Record<string, string[]>;
  plantedDefects: number;
}

export class DemoService {
  constructor(
    private readonly store: Store,
    private readonly imports = new ImportService(store),
  ) {}

  async load(options: DemoOptions, onProgress?: (p: ImportProgress) => void): Promise<DemoLoadResult> {
    const demo = generateDemoShop(options);
    await this.store.shops.upsert(demo.shop);
    let planted = 0;
    let produced = 0;
    const expected = demo.options.targets.reduce((a, b) => a + b, 0);
    const source: RecordSource = {
      format: 'demo',
      bytesTotal: expected,
      bytesRead: () => produced,
      *records(): Iterable<ImportRecord> {
        for (const agent of demo.agents) yield { type: 'agent', line: 0, value: agent };
        for (const day of demo.days) {
          planted += day.planted.length;
          for (const m of day.messages) {
            produced++;
            yield { type: 'message', line: 0, value: m };
          }
          for (const o of day.orders) yield { type: 'order', line: 0, value: o };
          for (const r of day.refunds) yield { type: 'refund', line: 0, value: r };
        }
      },
    };
    const result = await this.imports.importSource(source, `demo(seed=${demo.options.seed})`, { onProgress });
    return { ...result, shop: demo.shop.id, plantedDefects: planted };
  }
}
