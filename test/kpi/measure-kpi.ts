// Quick performance measurement of the pure KPI computation (not part of the test run):
//   node --import tsx test/kpi/measure-kpi.ts [messages=2000000]
// A demo-shop-sized input: ~2M messages, ~200k sessions, 60 days, 67 agents.
import {
  computeAgentDays,
  DEFAULT_KPI_SETTINGS,
  explainMetric,
  poolParts,
  requiredWindow,
} from '../../src/domain/kpi/index.js';
import { dayNumberToString, dayStringToNumber } from '../../src/domain/time.js';
import { randomData } from './random-data.js';

const target = Number(process.argv[2] ?? 2_000_000);
const settings = { ...DEFAULT_KPI_SETTINGS, timeZone: 'Asia/Shanghai' };
const first = dayStringToNumber('2026-09-01');
const span = 60;
let t0 = performance.now();
const data = randomData({
  seed: 42,
  timeZone: settings.timeZone,
  firstDay: first,
  days: span,
  buyers: Math.round(target / 10),
  agents: 67,
  visitsPerBuyer: 1,
  messagesPerVisit: 10,
});
const days = Array.from({ length: span }, (_, i) => dayNumberToString(first + i));
console.log(
  `generated ${data.messages.length} messages, ${data.orders.length} orders in ${(performance.now() - t0).toFixed(0)} ms`,
);

const runs: string[] = [];
let parts = computeAgentDays({ settings, days, ...data });
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  parts = computeAgentDays({ settings, days, ...data });
  const cpu = process.cpuUsage(cpu0);
  runs.push(`${(performance.now() - t0).toFixed(0)} (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)})`);
}
const sessions = parts.reduce((n, p) => n + p.consulted_buyers, 0);
console.log(`computeAgentDays, 60 days, ms: ${runs.join(' / ')}`);
console.log(`  ${parts.length} agent-days, ${sessions} consulted sessions`);

const day = days[30];
const w = requiredWindow([day], settings);
const inW = (ranges: typeof w.messages, at: number) => ranges.some((r) => r.startMs <= at && at < r.endMs);
const win = {
  settings,
  days: [day],
  messages: data.messages.filter((m) => inW(w.messages, m.at)),
  orders: data.orders.filter((o) => inW(w.orders, o.createdAt)),
};
t0 = performance.now();
computeAgentDays(win);
console.log(
  `one-day refresh from its window (${win.messages.length} messages): ${(performance.now() - t0).toFixed(0)} ms`,
);

t0 = performance.now();
const items = explainMetric(
  { settings, days, ...data },
  'c0:kf0'.replace('c0', 's0'),
  'inquiry_conversion_rate',
);
console.log(
  `explainMetric, one agent, 60 days: ${(performance.now() - t0).toFixed(0)} ms, ${items.length} items`,
);

t0 = performance.now();
const team = poolParts(parts);
console.log(
  `poolParts over ${parts.length} rows: ${(performance.now() - t0).toFixed(1)} ms`,
  team.inquiry_conversion_rate,
);
