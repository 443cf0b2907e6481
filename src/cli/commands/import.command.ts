import { DerivedDataService } from '../../services/derived-data.service.js';
import { ImportService } from '../../services/import.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, parseFlags, UsageError } from '../parse.js';
import { progressPrinter } from '../progress.js';

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...DB_OPTION, shop: { type: 'string' } }, true);
  if (positionals.length === 0) throw new UsageError('usage: zhipei import [--db …] [--shop S] FILE…');
  const store = await connectStore(values.db);
  const service = new ImportService(store);
  const touched: Record<string, Set<string>> = {};
  const commerce: Record<string, Set<string>> = {};
  let failed = 0;
  try {
    // Each file is its own transaction: a bad file is rejected whole and the others still import.
    for (const path of positionals) {
      const progress = progressPrinter();
      try {
        const r = await service.importFile(path, { shop: values.shop, onProgress: progress.update });
        progress.done();
        console.log(
          `${r.file}: ${r.format}, ${r.records} records, ${r.inserted} new or changed, ${r.sessionsTouched} sessions updated`,
        );
        collect(touched, r.days);
        collect(commerce, r.commerceDays);
      } catch (err) {
        progress.done();
        failed++;
        console.error(
          `zhipei import: ${err instanceof Error ? err.message : String(err)} (file not imported)`,
        );
      }
    }
    if (Object.keys(touched).length > 0) {
      const refresh = await new DerivedDataService(store).refreshAfterImport({
        days: lists(touched),
        commerceDays: lists(commerce),
      });
      console.log(refresh.summary);
    }
  } finally {
    await store.close();
  }
  return failed > 0 ? 2 : 0;
}

function collect(into: Record<string, Set<string>>, days: Record<string, string[]>): void {
  for (const [shop, list] of Object.entries(days)) {
    const set = into[shop] ?? new Set<string>();
    for (const d of list) set.add(d);
    into[shop] = set;
  }
}

function lists(sets: Record<string, Set<string>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(sets).map(([shop, set]) => [shop, [...set]]));
}
