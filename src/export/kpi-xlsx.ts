// The KPI table as an Excel workbook, the format CS managers pass around: one sheet for the period,
// one per-day sheet when the report has a daily breakdown. Values stay numbers (with number formats),
// so the sheet can be re-sorted and summed in Excel.
import ExcelJS from 'exceljs';
import { type KpiMetric, KPI_METRICS } from '../domain/kpi/metrics.js';
import type { AgentKpi } from '../domain/kpi/metrics.js';
import type { KpiReport } from '../services/kpi.service.js';

function numberFormat(m: KpiMetric): string {
  if (m.kind === 'rate') return m.key === 'answer_question_ratio' ? '0.00' : '0.0%';
  if (m.kind === 'money') return '"¥"#,##0.00';
  if (m.kind === 'seconds') return '0.0';
  return '#,##0';
}

function addSheet(wb: ExcelJS.Workbook, name: string, firstHeader: string, rows: Array<[string, AgentKpi]>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = [
    { header: firstHeader, key: 'label', width: 24 },
    ...KPI_METRICS.map((m) => ({ header: m.zh, key: m.key, width: Math.max(10, m.zh.length * 2 + 2) })),
  ];
  for (const [label, kpi] of rows) ws.addRow({ label, ...kpi });
  KPI_METRICS.forEach((m, i) => {
    ws.getColumn(i + 2).numFmt = numberFormat(m);
  });
  ws.getRow(1).font = { bold: true };
}

export async function kpiReportToXlsx(report: KpiReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhipei 质培';
  const rows: Array<[string, AgentKpi]> = report.agents.map((a) => [a.agent, a]);
  rows.push(['合计 Total', report.total]);
  addSheet(wb, `${report.from}~${report.to}`.slice(0, 31), '客服 Agent', rows);
  if (report.days) {
    const daily: Array<[string, AgentKpi]> = [];
    for (const d of report.days) {
      for (const a of d.agents) daily.push([`${d.day} ${a.agent}`, a]);
      daily.push([`${d.day} 合计`, d.total]);
    }
    addSheet(wb, '按日 By day', '日期 客服', daily);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
