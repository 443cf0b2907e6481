// How KPI values are shown to people: percentages, seconds, yuan. Shared by the CLI table and exports.
import type { KpiMetric } from '../domain/kpi/metrics.js';

export function formatKpiValue(metric: KpiMetric, value: number | null): string {
  if (value === null) return '—';
  switch (metric.kind) {
    case 'rate':
      return metric.key === 'answer_question_ratio' ? value.toFixed(2) : `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return value.toFixed(1);
    case 'money':
      return `¥${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    default:
      return value.toLocaleString('en-US');
  }
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      c >= 0x1100 &&
      (c <= 0x115f ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) ||
        (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6))
        ? 2
        : 1;
  }
  return w;
}

export function padDisplay(s: string, width: number, alignRight: boolean): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return alignRight ? pad + s : s + pad;
}

/** A plain text table; the first column is left-aligned, the rest right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) => cells.map((c, i) => padDisplay(c, widths[i], i > 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
