import { writeFileSync } from 'node:fs';
import { KPI_METRICS } from '../../domain/kpi/metrics.js';
import { formatKpiValue, textTable } from '../../export/kpi-format.js';
import { kpiReportToXlsx } from '../../export/kpi-xlsx.js';
import { KpiService } from '../../services/kpi.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, dayFlag, parseFlags, UsageError } from '../parse.js';

const REPORT_FLAGS = {
  ...DB_OPTION,
  from: { type: 'string' },
  to: { type: 'string' },
  shop: { type: 'string' },
  agent: { type: 'string' },
  group: { type: 'string' },
  by: { type: 'string' },
  json: { type: 'boolean' },
  xlsx: { type: 'string' },
} as const;

export async function kpiCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'explain') return explain(argv.slice(1));
  if (argv[0] === 'refresh') return refresh(argv.slice(1));
  const { values } = parseFlags(argv, REPORT_FLAGS);
  const from = dayFlag(values.from, 'from');
  const to = dayFlag(values.to, 'to');
  if (!from || !to)
    throw new UsageError(
      'usage: zhipei kpi --from YYYY-MM-DD --to YYYY-MM-DD [--agent A] [--group G] [--by day] [--json] [--xlsx FILE]',
    );
  if (values.by !== undefined && values.by !== 'day') throw new UsageError('--by takes only "day"');
  const store = await connectStore(values.db);
  try {
    const report = await new KpiService(store).report({
      from,
      to,
      shop: values.shop,
      agent: values.agent,
      group: values.group,
      byDay: values.by === 'day',
    });
    if (values.xlsx) {
      writeFileSync(values.xlsx, await kpiReportToXlsx(report));
      console.error(`wrote ${values.xlsx}`);
    }
    if (values.json) {
      const out: Record<string, unknown> = { agents: report.agents, total: report.total };
      if (report.days) out.days = report.days;
      console.log(JSON.stringify(out, null, 2));
    } else if (!values.xlsx) {
      const header = ['客服', ...KPI_METRICS.map((m) => m.zh)];
      const rows = report.agents.map((a) => [
        a.agent,
        ...KPI_METRICS.map((m) => formatKpiValue(m, a[m.key])),
      ]);
      rows.push(['合计', ...KPI_METRICS.map((m) => formatKpiValue(m, report.total[m.key]))]);
      console.log(`${report.shop}  ${report.from} ~ ${report.to}`);
      console.log(textTable(header, rows));
      for (const d of report.days ?? []) {
        console.log(`\n${d.day}`);
        const dayRows = d.agents.map((a) => [
          a.agent,
          ...KPI_METRICS.map((m) => formatKpiValue(m, a[m.key])),
        ]);
        dayRows.push(['合计', ...KPI_METRICS.map((m) => formatKpiValue(m, d.total[m.key]))]);
        console.log(textTable(header, dayRows));
      }
    }
  } finally {
    await store.close();
  }
  return 0;
}

async function explain(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    shop: { type: 'string' },
    agent: { type: 'string' },
    metric: { type: 'string' },
    json: { type: 'boolean' },
  });
  const from = dayFlag(values.from, 'from');
  const to = dayFlag(values.to, 'to');
  if (!from || !to || !values.agent || !values.metric) {
    throw new UsageError(
      'usage: zhipei kpi explain --agent A --metric M --from YYYY-MM-DD --to YYYY-MM-DD [--json]',
    );
  }
  const store = await connectStore(values.db);
  try {
    const { items } = await new KpiService(store).explain({
      shop: values.shop,
      agent: values.agent,
      metric: values.metric,
      from,
      to,
    });
    if (values.json) {
      console.log(JSON.stringify(items, null, 2));
    } else {
      const counted = items.filter((i) => i.included).length;
      console.log(
        `${values.agent} ${values.metric} ${from} ~ ${to}: ${counted} counted, ${items.length - counted} shown for context`,
      );
      for (const it of items) {
        const ref = it.sessionId ? `session ${it.sessionId}` : `order ${it.order?.orderId ?? ''}`;
        console.log(`${it.included ? '✔' : '·'} ${it.day} ${ref} buyer ${it.buyer}: ${it.why}`);
      }
    }
  } finally {
    await store.close();
  }
  return 0;
}

async function refresh(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...DB_OPTION, shop: { type: 'string' } });
  const store = await connectStore(values.db);
  try {
    const service = new KpiService(store);
    const shops = values.shop ? [values.shop] : (await store.shops.list()).map((s) => s.id);
    for (const shop of shops) console.log(`${shop}: ${await service.refreshAll(shop)} days recomputed`);
  } finally {
    await store.close();
  }
  return 0;
}
