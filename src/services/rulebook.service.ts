// Use cases for the rulebook in the server: the rules with their examples, and "would this text hit this
// rule" (the engine on a one-message session). A rulebook is compiled once and kept by fingerprint
// (compiled-rulebook-cache.ts, shared with the inspection), so every request after the first reuses it.
import { type CompiledRulebook, exampleToSession, inspectSession } from '../domain/inspection/index.js';
import type { Example, ExampleMessage, Finding, Rule, Rulebook } from '../domain/inspection/types.js';
import type { Sender } from '../domain/types.js';
import { compiledRulebook } from '../rulebook/compiled-rulebook-cache.js';
import { loadRulebook } from '../rulebook/load-rulebook.js';
import { ServiceError } from './service-error.js';

export interface RuleExampleView {
  expect: 'hit' | 'miss';
  messages: Array<{ from: string; at: number; text: string; kind?: string; agent?: string }>;
  orders?: unknown[];
  refunds?: unknown[];
}

export interface RuleView {
  id: string;
  name: string;
  category: string;
  severity: string;
  scope: string[];
  description: string | null;
  examples: RuleExampleView[];
}

export interface RuleTestResult {
  hit: boolean;
  findings: Array<{
    rule: string;
    evidence: Array<{ start: number; end: number; text: string; message_id?: string }>;
    detail: string | null;
  }>;
}

export class RulebookService {
  private readonly rulebook: Rulebook;
  private readonly byId: Map<string, Rule>;

  /** The given rulebook, or the default one (rulebooks/default.zh-CN.yaml) read once here. */
  constructor(rulebook?: Rulebook) {
    this.rulebook = rulebook ?? loadRulebook();
    this.byId = new Map(this.rulebook.rules.map((r) => [r.id, r]));
  }

  get fingerprint(): string {
    return this.rulebook.fingerprint ?? `${this.rulebook.id}@${this.rulebook.version}`;
  }

  compiled(): CompiledRulebook {
    return compiledRulebook(this.rulebook, this.fingerprint);
  }

  rule(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** The rule's display name, or its id for a rule the current rulebook no longer has. */
  ruleName(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }

  describe(): { id: string; version: string; fingerprint: string; rules: RuleView[] } {
    return {
      id: this.rulebook.id,
      version: this.rulebook.version,
      fingerprint: this.fingerprint,
      rules: this.rulebook.rules.map((r) => ({
        id: r.id,
        name: r.name,
        category: r.category,
        severity: r.severity,
        scope: [...r.scope],
        description: r.description ?? null,
        examples: [
          ...(r.examples?.hit ?? []).map((e) => exampleView(r, e, 'hit')),
          ...(r.examples?.miss ?? []).map((e) => exampleView(r, e, 'miss')),
        ],
      })),
    };
  }

  /** Runs the engine on a one-message session and reports this rule's findings. */
  test(ruleId: string, text: string, from?: Sender): RuleTestResult {
    const rule = this.requireRule(ruleId);
    const session = exampleToSession(
      rule,
      { messages: [[from ?? rule.scope[0], 0, text]] },
      `test:${ruleId}`,
    );
    return this.resultFor(ruleId, inspectSession(this.compiled(), session));
  }

  /** This rule's verdict on a stored session, given the findings of a run over it (nothing is saved). */
  testSession(
    ruleId: string,
    inspect: (compiled: CompiledRulebook) => Promise<Finding[]>,
  ): Promise<RuleTestResult> {
    this.requireRule(ruleId);
    return inspect(this.compiled()).then((findings) => this.resultFor(ruleId, findings));
  }

  private requireRule(ruleId: string): Rule {
    const rule = this.byId.get(ruleId);
    if (!rule) throw new ServiceError('not_found', `no rule ${ruleId}`);
    return rule;
  }

  private resultFor(ruleId: string, all: Finding[]): RuleTestResult {
    const findings = all.filter((f) => f.rule === ruleId);
    return {
      hit: findings.length > 0,
      findings: findings.map((f) => ({
        rule: f.rule,
        evidence: f.evidence.map((e) => ({
          start: e.start,
          end: e.end,
          text: e.text,
          message_id: e.messageId,
        })),
        detail: f.detail ?? null,
      })),
    };
  }
}

function exampleView(rule: Rule, e: Example, expect: 'hit' | 'miss'): RuleExampleView {
  if (typeof e === 'string') return { expect, messages: [{ from: rule.scope[0], at: 0, text: e }] };
  const view: RuleExampleView = { expect, messages: e.messages.map(messageView) };
  if (e.orders) view.orders = e.orders;
  if (e.refunds) view.refunds = e.refunds;
  return view;
}

function messageView(m: ExampleMessage): RuleExampleView['messages'][number] {
  if (Array.isArray(m)) return { from: m[0], at: m[1], text: m[2] };
  return {
    from: m.from,
    at: m.at,
    text: m.text,
    ...(m.kind ? { kind: m.kind } : {}),
    ...(m.agent ? { agent: m.agent } : {}),
  };
}
