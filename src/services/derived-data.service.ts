// What must follow an import: the KPI rollups of the touched days (and, once it exists here, inspection
// of new sessions). One place, so the CLI, the server and the demo loader all keep derived data fresh.
import type { Store } from '../store/store.js';
import { KpiService } from './kpi.service.js';

export interface DerivedRefresh {
  kpiDays: number;
  summary: string;
}

export class DerivedDataService {
  constructor(
    private readonly store: Store,
    private readonly kpi = new KpiService(store),
  ) {}

  async refreshAfterImport(daysByShop: Record<string, string[]>): Promise<DerivedRefresh> {
    const started = Date.now();
    const kpiDays = await this.kpi.refreshAfterImport(daysByShop);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return { kpiDays, summary: `KPI rollups: ${kpiDays} days recomputed (${secs} s)` };
  }
}
