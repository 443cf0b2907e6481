// Rule examples: each rule carries messages or small sessions it must hit and must not hit.
// runRuleExamples runs them all through the compiled rulebook (pure) for `zhipei rules test`.

import type { ChatMessage, Order, Refund, Sender } from '../types.js';
import type { CompiledRulebook } from './compile.js';
import { inspectSession } from './inspect.js';
import type { Example, ExampleMessage, InspectionSession, Rule } from './types.js';

export interface ExampleResult {
  rule: string;
  /** A short, readable rendering of the example (its messages). */
  example: string;
  expected: 'hit' | 'miss';
  got: 'hit' | 'miss';
}

const EXAMPLE_START = Date.UTC(2026, 2, 10, 2, 0, 0); // 2026-03-10 10:00 +08:00
export const EXAMPLE_SHOP = 'example-shop';
export const EXAMPLE_AGENT = 'example-shop:客服A';
export const EXAMPLE_BUYER = 'example-buyer';

function toMessage(m: ExampleMessage, i: number): ChatMessage & { seq: number } {
  const o = Array.isArray(m) ? { from: m[0], at: m[1], text: m[2] } : m;
  const extra: { id?: string; agent?: string; kind?: string } = Array.isArray(m) ? {} : m;
  return {
    shop: EXAMPLE_SHOP,
    id: extra.id ?? `m${i}`,
    buyer: EXAMPLE_BUYER,
    agent: extra.agent ?? EXAMPLE_AGENT,
    from: o.from,
    at: EXAMPLE_START + o.at * 1000,
    text: o.text,
    kind: extra.kind ?? 'text',
    seq: i,
  };
}

/** Turns an example into a session: a plain string is one message from the rule's first scope sender. */
export function exampleToSession(rule: Rule, example: Example, id: string): InspectionSession {
  const ex =
    typeof example === 'string'
      ? { messages: [[rule.scope[0], 0, example] as [Sender, number, string]] }
      : example;
  const messages = ex.messages.map(toMessage);
  const at = (s: number) => EXAMPLE_START + s * 1000;
  const orders: Order[] = (ex.orders ?? []).map((o) => ({
    shop: EXAMPLE_SHOP,
    orderId: o.id,
    buyer: EXAMPLE_BUYER,
    createdAt: at(o.created),
    paidAt: o.paid === null ? null : at(o.paid),
    amountFen: o.amount ?? 9900,
    status: o.paid === null ? 'WAIT_BUYER_PAY' : 'TRADE_SUCCESS',
    items: null,
  }));
  const refunds: Refund[] = (ex.refunds ?? []).map((r) => ({
    shop: EXAMPLE_SHOP,
    refundId: r.id,
    orderId: r.order,
    buyer: EXAMPLE_BUYER,
    agent: EXAMPLE_AGENT,
    createdAt: at(r.created),
    amountFen: 100,
    reason: r.reason ?? '',
    status: 'SUCCESS',
  }));
  const creditedOrders = (ex.credited ?? []).map((c) => {
    const order = orders.find((o) => o.orderId === c.order);
    if (!order) throw new Error(`example ${id}: credited order ${c.order} is not among its orders`);
    const msg = messages[c.message];
    if (!msg) throw new Error(`example ${id}: credited message #${c.message} does not exist`);
    return { order, messageId: msg.id };
  });
  const buyerAgentMessages = messages
    .filter((m) => m.from === 'agent')
    .map((m) => ({ id: m.id, agent: m.agent, at: m.at }))
    .concat(
      (ex.other_agent_messages ?? []).map((m, i) => ({ id: `other${i}`, agent: m.agent, at: at(m.at) })),
    );
  return {
    id,
    shop: EXAMPLE_SHOP,
    agent: EXAMPLE_AGENT,
    buyer: EXAMPLE_BUYER,
    day: '2026-03-10',
    messages,
    orders,
    refunds,
    creditedOrders,
    buyerAgentMessages,
  };
}

export function describeExample(rule: Rule, example: Example): string {
  if (typeof example === 'string') return `${rule.scope[0]}: ${example}`;
  return example.messages
    .map((m) => (Array.isArray(m) ? `[${m[1]}s ${m[0]}] ${m[2]}` : `[${m.at}s ${m.from}] ${m.text}`))
    .join(' / ');
}

export function runRuleExamples(compiled: CompiledRulebook): ExampleResult[] {
  const results: ExampleResult[] = [];
  for (const { rule } of compiled.rules) {
    const cases: Array<[Example, 'hit' | 'miss']> = [
      ...(rule.examples?.hit ?? []).map((e): [Example, 'hit'] => [e, 'hit']),
      ...(rule.examples?.miss ?? []).map((e): [Example, 'miss'] => [e, 'miss']),
    ];
    cases.forEach(([example, expected], i) => {
      const session = exampleToSession(rule, example, `example:${rule.id}:${expected}:${i}`);
      const got = inspectSession(compiled, session).some((f) => f.rule === rule.id) ? 'hit' : 'miss';
      results.push({ rule: rule.id, example: describeExample(rule, example), expected, got });
    });
  }
  return results;
}
