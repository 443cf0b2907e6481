// Use case: precision and recall of the stored findings against planted (known) defects, per rule.
// Judged at session level: a finding and a planted defect match when they have the same rule and the same
// session key (shop, agent, buyer, date). Several planted lines of one rule in one session count once.
import { readFileSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { InspectionRepository } from '../store/repositories/inspection.repository.js';

export interface PlantedLine {
  rule: string;
  shop: string;
  agent: string;
  buyer: string;
  date: string;
}

export interface RuleEval {
  rule: string;
  tp: number;
  fp: number;
  fn: number;
  /** null when the rule has no findings. */
  precision: number | null;
  /** null when nothing of the rule was planted. */
  recall: number | null;
}

export interface EvalReport {
  shops: string[];
  rules: RuleEval[];
  total: RuleEval;
}

type Keyed = Pick<PlantedLine, 'rule' | 'shop' | 'agent' | 'buyer' | 'date'>;

function keyOf(x: Keyed): string {
  return `${x.shop}\u0000${x.agent}\u0000${x.buyer}\u0000${x.date}`;
}

/** Reads a planted.jsonl file (one JSON object per line; blank lines skipped). */
export function readPlanted(path: string): PlantedLine[] {
  const out: PlantedLine[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let v: Partial<PlantedLine>;
      try {
        v = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
      for (const k of ['rule', 'shop', 'agent', 'buyer', 'date'] as const) {
        if (typeof v[k] !== 'string') throw new Error(`${path}:${i + 1}: missing "${k}"`);
      }
      out.push(v as PlantedLine);
    });
  return out;
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

/** Pure: per-rule TP/FP/FN at session level; rules ordered as given, then any others alphabetically. */
export function evaluateFindings(
  planted: readonly Keyed[],
  found: readonly Keyed[],
  ruleOrder: readonly string[] = [],
): EvalReport {
  const truth = new Map<string, Set<string>>();
  const got = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, x: Keyed) => {
    const set = m.get(x.rule) ?? new Set<string>();
    m.set(x.rule, set);
    set.add(keyOf(x));
  };
  for (const p of planted) add(truth, p);
  for (const f of found) add(got, f);
  const rules = [...new Set([...truth.keys(), ...got.keys()])].sort((a, b) => {
    const ia = ruleOrder.indexOf(a);
    const ib = ruleOrder.indexOf(b);
    if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const total = { tp: 0, fp: 0, fn: 0 };
  const out = rules.map((rule): RuleEval => {
    const t = truth.get(rule) ?? new Set<string>();
    const g = got.get(rule) ?? new Set<string>();
    let tp = 0;
    for (const k of g) if (t.has(k)) tp++;
    const fp = g.size - tp;
    const fn = t.size - tp;
    total.tp += tp;
    total.fp += fp;
    total.fn += fn;
    return { rule, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
  });
  const shops = [...new Set(planted.map((p) => p.shop))].sort();
  return {
    shops,
    rules: out,
    total: {
      rule: '*',
      ...total,
      precision: ratio(total.tp, total.tp + total.fp),
      recall: ratio(total.tp, total.tp + total.fn),
    },
  };
}

/** Rules whose precision or recall is below `min` (a rule with no findings and nothing planted passes). */
export function rulesBelow(report: EvalReport, min: number): RuleEval[] {
  return report.rules.filter(
    (r) =>
      (r.precision !== null && r.precision < min) ||
      (r.recall !== null && r.recall < min) ||
      (r.precision === null && r.fn > 0),
  );
}

export class InspectionEvalService {
  private readonly repo: InspectionRepository;

  constructor(store: Store) {
    this.repo = new InspectionRepository(store.db);
  }

  /** Compares the stored findings of the planted file's shops with the planted defects. */
  async evaluate(planted: PlantedLine[], ruleOrder: readonly string[] = []): Promise<EvalReport> {
    const shops = [...new Set(planted.map((p) => p.shop))].sort();
    const found: Keyed[] = [];
    for (const shop of shops) {
      for (const f of await this.repo.findings({ shop })) {
        found.push({ rule: f.rule, shop: f.shop, agent: f.agent, buyer: f.buyer, date: f.day });
      }
    }
    return evaluateFindings(planted, found, ruleOrder);
  }
}
