// Scores held-out session probes on a rulebook: each JSONL line is one session written by someone who had not
// seen the rulebook — {"id", "rule", "expect": "hit" | "miss", "messages": [[sender, seconds, text], …], "note"?}.
// Prints, per rule, the violations caught and the clean look-alikes left alone; --verbose lists every wrong line.
// Usage: node --import tsx bench/probe-score.ts bench/probes/session-33a.jsonl … [--rulebook FILE] [--verbose]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileRulebook, inspectSession } from '../src/domain/inspection/index.js';
import { exampleToSession } from '../src/domain/inspection/examples.js';
import type { Sender } from '../src/domain/types.js';
import { loadRulebook } from '../src/rulebook/load-rulebook.js';

interface ProbeLine {
  id: string;
  rule: string;
  expect: 'hit' | 'miss';
  note?: string;
  messages: Array<[Sender, number, string]>;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rulebook: { type: 'string' }, verbose: { type: 'boolean' } },
});
const compiled = compileRulebook(loadRulebook(values.rulebook));
const tally = new Map<string, { caught: number; violations: number; clean: number; lookAlikes: number }>();
const wrong: string[] = [];
for (const file of positionals) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const probe = JSON.parse(line) as ProbeLine;
      const rule = compiled.ruleById.get(probe.rule);
      if (!rule) throw new Error(`${file}:${i + 1}: unknown rule ${probe.rule}`);
      const session = exampleToSession(rule.rule, { messages: probe.messages }, probe.id);
      const findings = inspectSession(compiled, session).filter((f) => f.rule === probe.rule);
      const t = tally.get(probe.rule) ?? { caught: 0, violations: 0, clean: 0, lookAlikes: 0 };
      tally.set(probe.rule, t);
      if (probe.expect === 'hit') {
        t.violations++;
        if (findings.length) t.caught++;
      } else {
        t.lookAlikes++;
        if (!findings.length) t.clean++;
      }
      if ((probe.expect === 'hit') !== findings.length > 0)
        wrong.push(
          `${probe.id} ${probe.rule}: expected ${probe.expect} [${probe.note ?? ''}]\n  ${probe.messages
            .map(([from, , text]) => `${from}: ${text}`)
            .join(
              ' / ',
            )}${findings.length ? `\n  evidence: ${findings.flatMap((f) => f.evidence.map((e) => e.text)).join(' | ')}` : ''}`,
        );
    });
}
for (const [rule, t] of tally)
  console.log(`${rule.padEnd(28)} caught ${t.caught}/${t.violations}  clean ${t.clean}/${t.lookAlikes}`);
if (values.verbose) console.log(wrong.join('\n'));
