import { ImportService } from '../../services/import.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, parseFlags, UsageError } from '../parse.js';
import { progressPrinter } from '../progress.js';

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...DB_OPTION, shop: { type: 'string' } }, true);
  if (positionals.length === 0) throw new UsageError('usage: zhipei import [--db …] [--shop S] FILE…');
  const store = await connectStore(values.db);
  const service = new ImportService(store);
  try {
    for (const path of positionals) {
      const progress = progressPrinter();
      try {
        const r = await service.importFile(path, { shop: values.shop, onProgress: progress.update });
        progress.done();
        console.log(
          `${r.file}: ${r.format}, ${r.records} records, ${r.inserted} new or changed, ${r.sessionsTouched} sessions updated`,
        );
      } catch (err) {
        progress.done();
        throw err;
      }
    }
  } finally {
    await store.close();
  }
  return 0;
}
