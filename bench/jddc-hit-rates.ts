// Per-rule hit rates of the default rulebook on the real JD customer-service sessions (JDDC sample),
// imported with synthetic timestamps (see jddc-sample.ts). Timing rules measure the synthetic 20–60 s
// gaps, not the real agents. Usage: node --import tsx bench/jddc-hit-rates.ts [--json] [--rulebook FILE]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportService } from '../src/services/import.service.js';
import { InspectionService } from '../src/services/inspection.service.js';
import { connectStore } from '../src/store/store.js';
import { jddcMessages, jddcSource, readJddcSessions } from './jddc-sample.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, rulebook: { type: 'string' } } });
const dir = mkdtempSync(join(tmpdir(), 'zhipei-jddc-'));
const store = await connectStore(join(dir, 'jddc.db'));
try {
  const sessions = readJddcSessions();
  const messages = jddcMessages(sessions);
  await new ImportService(store).importSource(jddcSource(messages), 'jddc-sample');
  const summary = await new InspectionService(store).inspect({
    shop: 'jd-sample',
    rulebookPath: values.rulebook,
    workers: 0,
  });
  const rows = summary.byRule.map((r) => ({
    rule: r.rule,
    name: r.name,
    sessions: r.findings,
    rate: summary.sessions ? r.findings / summary.sessions : 0,
  }));
  if (values.json) {
    console.log(
      JSON.stringify(
        { sessions: summary.sessions, messages: summary.messages, ms: summary.ms, rules: rows },
        null,
        2,
      ),
    );
  } else {
    console.log(
      `JDDC sample: ${summary.sessions} sessions, ${summary.messages} messages, inspected in ${summary.ms} ms`,
    );
    console.log('| rule | 名称 | sessions hit | hit rate |');
    console.log('| --- | --- | ---: | ---: |');
    for (const r of rows)
      console.log(`| ${r.rule} | ${r.name} | ${r.sessions} | ${(r.rate * 100).toFixed(1)}% |`);
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
