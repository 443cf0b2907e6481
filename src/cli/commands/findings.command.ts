// `zhipei findings`: the stored findings, filtered; --json prints the documented array.
import { findingJson, InspectionService } from '../../services/inspection.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, dayFlag, parseFlags } from '../parse.js';

export async function findingsCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    rule: { type: 'string' },
    agent: { type: 'string' },
    shop: { type: 'string' },
    json: { type: 'boolean' },
  });
  const store = await connectStore(values.db);
  try {
    const findings = await new InspectionService(store).findings({
      shop: values.shop,
      from: dayFlag(values.from, 'from'),
      to: dayFlag(values.to, 'to'),
      rule: values.rule,
      agent: values.agent,
    });
    if (values.json) {
      console.log(JSON.stringify(findings.map(findingJson), null, 2));
      return 0;
    }
    for (const f of findings) {
      console.log(`${f.day} ${f.agent} ← ${f.buyer}  ${f.rule} [${f.severity}] ${f.scoreDelta}  (${f.id})`);
      if (f.detail) console.log(`    ${f.detail}`);
      for (const e of f.evidence) console.log(`    ${e.message_id} [${e.start},${e.end}) 「${e.text}」`);
    }
    console.log(`${findings.length.toLocaleString('en-US')} findings`);
  } finally {
    await store.close();
  }
  return 0;
}
