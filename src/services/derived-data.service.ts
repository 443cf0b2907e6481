// What must follow an import: the KPI rollups of the touched days, and inspection of the sessions that
// are new or changed. One place, so the CLI, the server and the demo loader all keep derived data fresh.
import { addDays } from '../domain/time.js';
import { SessionRepository } from '../store/repositories/session.repository.js';
import type { Store } from '../store/store.js';
import { InspectionService } from './inspection.service.js';
import { KpiService } from './kpi.service.js';

export interface ImportedDays {
  days: Record<string, string[]>;
  /** Days that orders or refunds fall on (joins of the inspection rules reach a day either side). */
  commerceDays?: Record<string, string[]>;
}

export interface DerivedRefresh {
  kpiDays: number;
  inspectedSessions: number;
  findings: number;
  summary: string;
}

export class DerivedDataService {
  constructor(
    private readonly store: Store,
    private readonly kpi = new KpiService(store),
    private readonly inspection = new InspectionService(store),
  ) {}

  async refreshAfterImport(imported: ImportedDays | Record<string, string[]>): Promise<DerivedRefresh> {
    const { days, commerceDays } = normalize(imported);
    const started = Date.now();
    await this.store.optimize(); // fresh planner statistics for the reads below and for the dashboards
    const kpiDays = await this.kpi.refreshAfterImport(days);
    const kpiSecs = ((Date.now() - started) / 1000).toFixed(1);
    // New orders or refunds change the verdict on sessions that have no new message (a missed payment
    // reminder, a refund after a claim): mark the sessions around those days as changed.
    const sessions = new SessionRepository(this.store.db);
    for (const [shop, list] of Object.entries(commerceDays ?? {})) {
      const around = new Set<string>();
      for (const d of list) for (const k of [-1, 0, 1]) around.add(addDays(d, k));
      await sessions.markChanged(shop, [...around]);
    }
    const inspectStarted = Date.now();
    const inspected = await this.inspection.inspectAfterImport();
    const inspectSecs = ((Date.now() - inspectStarted) / 1000).toFixed(1);
    return {
      kpiDays,
      inspectedSessions: inspected.sessions,
      findings: inspected.findings,
      summary:
        `KPI rollups: ${kpiDays} days recomputed (${kpiSecs} s); ` +
        `inspection: ${inspected.sessions.toLocaleString('en-US')} sessions, ${inspected.findings.toLocaleString('en-US')} findings (${inspectSecs} s)`,
    };
  }
}

function normalize(imported: ImportedDays | Record<string, string[]>): ImportedDays {
  if ('days' in imported && !Array.isArray(imported.days)) return imported as ImportedDays;
  return { days: imported as Record<string, string[]> };
}
