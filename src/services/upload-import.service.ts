// Use case: import uploaded files (the server's POST /import). Each file is imported on its own,
// all-or-nothing, exactly as `zhipei import` does; a failed file is reported with its line and field and
// leaves the store as it was. Then the derived data (KPI rollups, inspection) of what did import is refreshed.
import { ImportError } from '../ingest/import-error.js';
import type { Store } from '../store/store.js';
import { DerivedDataService } from './derived-data.service.js';
import { ImportService } from './import.service.js';

export interface UploadedFile {
  /** Where the upload was saved. */
  path: string;
  /** The name the user gave it (shown in results and errors). */
  name: string;
}

export interface UploadResult {
  results: Array<{
    file: string;
    format: string;
    records: number;
    inserted: number;
    sessionsTouched: number;
  }>;
  errors: Array<{ file: string; line: number | null; field: string | null; reason: string; message: string }>;
  derived: { kpiDays: number; inspectedSessions: number; findings: number } | null;
}

export class UploadImportService {
  constructor(private readonly store: Store) {}

  async importFiles(
    files: UploadedFile[],
    options: { shop?: string; allowedShops?: readonly string[] },
  ): Promise<UploadResult> {
    const imports = new ImportService(this.store);
    const out: UploadResult = { results: [], errors: [], derived: null };
    const days: Record<string, Set<string>> = {};
    const commerceDays: Record<string, Set<string>> = {};
    for (const f of files) {
      try {
        const r = await imports.importFile(f.path, {
          displayName: f.name,
          shop: options.shop,
          allowedShops: options.allowedShops,
        });
        out.results.push({
          file: r.file,
          format: r.format,
          records: r.records,
          inserted: r.inserted,
          sessionsTouched: r.sessionsTouched,
        });
        merge(days, r.days);
        merge(commerceDays, r.commerceDays);
      } catch (err) {
        if (!(err instanceof ImportError)) throw err;
        out.errors.push({
          file: f.name,
          line: err.line,
          field: err.field,
          reason: err.reason,
          message: err.message,
        });
      }
    }
    if (out.results.length > 0) {
      const d = await new DerivedDataService(this.store).refreshAfterImport({
        days: plain(days),
        commerceDays: plain(commerceDays),
      });
      out.derived = { kpiDays: d.kpiDays, inspectedSessions: d.inspectedSessions, findings: d.findings };
    }
    return out;
  }
}

function merge(into: Record<string, Set<string>>, from: Record<string, string[]>): void {
  for (const [shop, list] of Object.entries(from)) {
    into[shop] ??= new Set();
    for (const d of list) into[shop].add(d);
  }
}

function plain(m: Record<string, Set<string>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v].sort()]));
}
