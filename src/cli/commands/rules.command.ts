// `zhipei rules test`: run every rule's examples and report misses (exit 1 on any);
// `zhipei rules list`: the rules of a rulebook.
import { compileRulebook, runRuleExamples } from '../../domain/inspection/index.js';
import { textTable } from '../../export/kpi-format.js';
import { loadRulebook } from '../../rulebook/load-rulebook.js';
import { parseFlags, UsageError } from '../parse.js';

const USAGE = 'usage: zhipei rules test [--rulebook FILE] | zhipei rules list [--rulebook FILE]';

export async function rulesCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'test' && sub !== 'list') throw new UsageError(USAGE);
  const { values } = parseFlags(rest, { rulebook: { type: 'string' } });
  const rulebook = loadRulebook(values.rulebook);
  if (sub === 'list') {
    const rows = rulebook.rules.map((r) => [r.id, r.name, r.category, r.severity, r.scope.join('/')]);
    console.log(`${rulebook.id} ${rulebook.version} (${rulebook.fingerprint})`);
    console.log(textTable(['规则', '名称', '类别', '严重度', '范围'], rows));
    return 0;
  }
  const results = runRuleExamples(compileRulebook(rulebook));
  const misses = results.filter((r) => r.expected !== r.got);
  for (const m of misses) {
    console.log(`✗ ${m.rule}: expected ${m.expected}, got ${m.got}: ${m.example}`);
  }
  const rules = new Set(results.map((r) => r.rule)).size;
  console.log(
    `${rulebook.id} ${rulebook.version}: ${results.length} examples of ${rules} rules, ` +
      (misses.length ? `${misses.length} failed` : 'all pass'),
  );
  return misses.length ? 1 : 0;
}
