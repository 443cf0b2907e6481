import { writeDemoFiles } from '../../demo/write-demo-files.js';
import { DemoService } from '../../services/demo.service.js';
import { DerivedDataService } from '../../services/derived-data.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, intFlag, parseFlags, UsageError } from '../parse.js';
import { progressPrinter } from '../progress.js';

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    out: { type: 'string' },
    messages: { type: 'string' },
    days: { type: 'string' },
    agents: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.messages !== undefined && values.days !== undefined) {
    throw new UsageError('give either --messages or --days, not both');
  }
  const options = {
    messages: intFlag(values.messages, 'messages'),
    days: intFlag(values.days, 'days'),
    agents: intFlag(values.agents, 'agents'),
    seed: intFlag(values.seed, 'seed'),
  };
  const started = Date.now();
  if (values.out) {
    const summary = await writeDemoFiles(values.out, options);
    console.log(`wrote the demo shop to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify(summary));
    return 0;
  }
  const store = await connectStore(values.db);
  try {
    const progress = progressPrinter();
    const r = await new DemoService(store).load(options, progress.update);
    progress.done();
    console.log(
      `demo shop ${r.shop}: ${r.records.toLocaleString('en-US')} records, ${r.sessionsTouched.toLocaleString('en-US')} sessions ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    const derived = await new DerivedDataService(store).refreshAfterImport(r);
    console.log(derived.summary);
  } finally {
    await store.close();
  }
  return 0;
}
