// `zhipei eval --truth planted.jsonl`: precision and recall per rule of the stored findings against planted
// defects (session level). With --min, exit 1 when any rule falls below it.
import { textTable } from '../../export/kpi-format.js';
import { loadRulebook } from '../../rulebook/load-rulebook.js';
import {
  type EvalReport,
  InspectionEvalService,
  readPlanted,
  rulesBelow,
} from '../../services/inspection-eval.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, parseFlags, UsageError } from '../parse.js';

export async function evalCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    truth: { type: 'string' },
    min: { type: 'string' },
    rulebook: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.truth)
    throw new UsageError('usage: zhipei eval --truth DIR/truth/planted.jsonl [--min 0.9] [--json]');
  const min = values.min === undefined ? undefined : Number(values.min);
  if (min !== undefined && !(min >= 0 && min <= 1))
    throw new UsageError(`--min must be between 0 and 1, got "${values.min}"`);
  const planted = readPlanted(values.truth);
  const rulebook = loadRulebook(values.rulebook);
  const names = new Map(rulebook.rules.map((r) => [r.id, r.name]));
  const store = await connectStore(values.db);
  let report: EvalReport;
  try {
    report = await new InspectionEvalService(store).evaluate(
      planted,
      rulebook.rules.map((r) => r.id),
    );
  } finally {
    await store.close();
  }
  const failing = min === undefined ? [] : rulesBelow(report, min);
  if (values.json) {
    console.log(JSON.stringify({ ...report, min: min ?? null, pass: failing.length === 0 }, null, 2));
  } else {
    const pct = (x: number | null) => (x === null ? '-' : x.toFixed(3));
    const rows = report.rules.map((r) => [
      r.rule,
      names.get(r.rule) ?? '',
      String(r.tp),
      String(r.fp),
      String(r.fn),
      pct(r.precision),
      pct(r.recall),
    ]);
    const t = report.total;
    rows.push(['合计', '', String(t.tp), String(t.fp), String(t.fn), pct(t.precision), pct(t.recall)]);
    console.log(`shops: ${report.shops.join(', ')}; session-level match on (rule, shop, agent, buyer, date)`);
    console.log(textTable(['规则', '名称', 'TP', 'FP', 'FN', 'precision', 'recall'], rows));
    if (min !== undefined) {
      console.log(
        failing.length ? `below ${min}: ${failing.map((r) => r.rule).join(', ')}` : `every rule ≥ ${min}`,
      );
    }
  }
  return failing.length ? 1 : 0;
}
