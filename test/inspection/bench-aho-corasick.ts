// Throughput of the Aho-Corasick automaton and of whole-session inspection on short chat messages.
// Run: npx tsx test/inspection/bench-aho-corasick.ts
// Uses the real JD messages in ../shared/data/jddc-sample when present (research data: benchmarks only),
// otherwise synthetic chat lines.

import { existsSync, readFileSync } from 'node:fs';
import { compileRulebook, inspectSession } from '../../src/domain/inspection/index.js';
import type { InspectionSession } from '../../src/domain/inspection/index.js';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';

const JDDC = new URL('../../../shared/data/jddc-sample/chat_sessions.jsonl', import.meta.url);

interface Turn {
  role: 'buyer' | 'agent';
  text: string;
}

function loadSessions(): Turn[][] {
  if (existsSync(JDDC)) {
    return readFileSync(JDDC, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { turns: Turn[] }).turns);
  }
  const lines = ['在吗', '您好，在的亲', '这个有货吗？', '有货的，今天下单明天发', '好的谢谢', '快递到哪了'];
  return Array.from({ length: 1000 }, (_, i) =>
    lines.map((text, j) => ({ role: j % 2 ? 'agent' : 'buyer', text: `${text}${i}` })),
  );
}

const compiled = compileRulebook(loadRulebook());
const sessions = loadSessions();
const texts = sessions.flat().map((t) => t.text);
const avgLen = texts.reduce((a, t) => a + t.length, 0) / texts.length;
const short = texts.filter((t) => t.length <= 30);

function bench(label: string, msgs: string[], rounds: number): void {
  let sink = 0;
  for (const t of msgs) sink += compiled.automaton.count(t); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of msgs) sink += compiled.automaton.count(t);
  const ms = performance.now() - t0;
  const n = msgs.length * rounds;
  console.log(
    `${label}: ${n} messages in ${ms.toFixed(0)} ms → ${(((n / ms) * 1000) / 1e6).toFixed(2)} M messages/s (hits ${sink})`,
  );
}

console.log(`automaton: ${compiled.patterns.length} phrases, ${compiled.automaton.stateCount} states`);
console.log(
  `messages: ${texts.length} (mean ${avgLen.toFixed(1)} UTF-16 units); short (≤30): ${short.length}`,
);
bench('automaton, short chat messages', short, 40);
bench('automaton, all JD messages', texts, 20);

const inspectable: InspectionSession[] = sessions.map((turns, i) => {
  const at = Date.UTC(2026, 0, 1, 2);
  return {
    id: `s${i}`,
    shop: 'bench',
    agent: 'bench:a',
    buyer: `b${i}`,
    day: '2026-01-01',
    messages: turns.map((t, j) => ({
      shop: 'bench',
      id: `s${i}m${j}`,
      buyer: `b${i}`,
      agent: 'bench:a',
      from: t.role,
      at: at + j * 20_000,
      text: t.text,
      kind: 'text',
    })),
    orders: [],
    refunds: [],
    creditedOrders: [],
    buyerAgentMessages: [],
  };
});
let findings = 0;
for (const s of inspectable) findings += inspectSession(compiled, s).length; // warm-up
const rounds = 10;
const t0 = performance.now();
for (let r = 0; r < rounds; r++) for (const s of inspectable) findings += inspectSession(compiled, s).length;
const ms = performance.now() - t0;
const msgs = texts.length * rounds;
console.log(
  `inspectSession (all 14 rules, ${findings} findings): ${msgs} messages in ${ms.toFixed(0)} ms → ${((msgs / ms) * 1000).toFixed(0)} messages/s, ${(((inspectable.length * rounds) / ms) * 1000).toFixed(0)} sessions/s`,
);
