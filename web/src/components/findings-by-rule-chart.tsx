// Findings per rule as horizontal bars; a click opens that rule's findings.
import { useMemo } from 'react';
import type { FindingsSummary } from '../api/types';
import { Chart, type ChartOption } from './chart';
import { EmptyView } from './state-views';

export function FindingsByRuleChart({
  byRule,
  onRuleClick,
  height = 260,
}: {
  byRule: FindingsSummary['byRule'];
  onRuleClick: (rule: string) => void;
  height?: number;
}) {
  const sorted = useMemo(() => [...byRule].sort((a, b) => a.count - b.count).slice(-12), [byRule]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: sorted.map((r) => r.name || r.rule),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: sorted.map((r) => r.count),
          label: { show: true, position: 'right' },
          itemStyle: { color: '#fa8c16' },
          cursor: 'pointer',
        },
      ],
    }),
    [sorted],
  );
  if (byRule.length === 0) return <EmptyView />;
  return (
    <Chart
      option={option}
      height={height}
      testId="findings-by-rule"
      onClick={(p) => {
        const r = sorted[p.dataIndex];
        if (r) onRuleClick(r.rule);
      }}
    />
  );
}
