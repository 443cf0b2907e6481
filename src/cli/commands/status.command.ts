import { StatusService } from '../../services/status.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, parseFlags } from '../parse.js';

export async function statusCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...DB_OPTION, json: { type: 'boolean' }, shop: { type: 'string' } });
  const store = await connectStore(values.db);
  try {
    const status = await new StatusService(store).status(values.shop);
    if (values.json) {
      console.log(JSON.stringify(status.counts));
    } else {
      console.log(`store: ${status.store} (${status.engine})`);
      for (const [k, v] of Object.entries(status.counts))
        console.log(`  ${k.padEnd(10)} ${v.toLocaleString('en-US')}`);
    }
  } finally {
    await store.close();
  }
  return 0;
}
