// `zhipei inspect`: inspect new or changed sessions (or all with --all) and print a summary.
import { textTable } from '../../export/kpi-format.js';
import { InspectionService, type InspectSummary } from '../../services/inspection.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, intFlag, parseFlags } from '../parse.js';

export async function inspectCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    rulebook: { type: 'string' },
    all: { type: 'boolean' },
    shop: { type: 'string' },
    workers: { type: 'string' },
    json: { type: 'boolean' },
  });
  const store = await connectStore(values.db);
  try {
    const tty = process.stderr.isTTY;
    const summary = await new InspectionService(store).inspect({
      shop: values.shop,
      rulebookPath: values.rulebook,
      all: values.all,
      workers: intFlag(values.workers, 'workers'),
      onProgress: tty
        ? (p) => process.stderr.write(`\r${p.shop}: ${p.done}/${p.total} sessions   `)
        : undefined,
    });
    if (tty && summary.sessions > 0) process.stderr.write('\n');
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
  } finally {
    await store.close();
  }
  return 0;
}

export function formatSummary(s: InspectSummary): string {
  const secs = s.ms / 1000;
  const rate = (n: number) => (secs > 0 ? Math.round(n / secs).toLocaleString('en-US') : '-');
  const lines = [
    `rulebook ${s.rulebook.id} ${s.rulebook.version} (${s.rulebook.fingerprint})`,
    `inspected ${s.sessions.toLocaleString('en-US')} sessions, ${s.messages.toLocaleString('en-US')} messages` +
      ` in ${secs.toFixed(2)} s (${rate(s.sessions)} sessions/s, ${rate(s.messages)} messages/s` +
      `${s.workers ? `, ${s.workers} worker threads` : ''})`,
  ];
  if (s.sessions === 0) {
    lines.push('nothing new to inspect (use --all to re-inspect every session)');
    return lines.join('\n');
  }
  const rows = s.byRule.map((r) => [r.rule, r.name, r.severity, r.findings.toLocaleString('en-US')]);
  rows.push(['合计', '', '', s.findings.toLocaleString('en-US')]);
  lines.push('', textTable(['规则', '名称', '严重度', '发现'], rows));
  return lines.join('\n');
}
