// A KPI by day: the team's line, and optionally one agent's line against it.
import { Select } from 'antd';
import { useMemo } from 'react';
import { KPI_METRIC_BY_KEY, KPI_METRICS } from '../../../src/domain/kpi/metrics.js';
import type { KpiMetricKey, KpiReport } from '../api/types';
import { formatMetric, shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Chart, type ChartOption } from './chart';

export function MetricSelect({
  value,
  onChange,
}: {
  value: KpiMetricKey;
  onChange: (k: KpiMetricKey) => void;
}) {
  const { metricLabel } = useI18n();
  return (
    <Select
      style={{ width: 200 }}
      value={value}
      onChange={onChange}
      options={KPI_METRICS.map((m) => ({ value: m.key, label: metricLabel(m.key) }))}
      data-testid="metric-select"
    />
  );
}

export function KpiTrendChart({
  report,
  metric,
  agent,
  onDayClick,
}: {
  report: KpiReport;
  metric: KpiMetricKey;
  agent?: string;
  onDayClick?: (day: string) => void;
}) {
  const { t, lang, metricLabel } = useI18n();
  const kind = KPI_METRIC_BY_KEY.get(metric)!.kind;
  const option = useMemo<ChartOption>(() => {
    const days = report.days ?? [];
    const scale = (v: number | null) => (v === null ? null : kind === 'rate' ? +(v * 100).toFixed(2) : v);
    const series = [
      {
        name: t('common.team'),
        type: 'line',
        smooth: true,
        data: days.map((d) => scale(d.total[metric])),
      },
    ];
    if (agent) {
      series.push({
        name: shortAgent(agent),
        type: 'line',
        smooth: true,
        data: days.map((d) => scale(d.agents.find((a) => a.agent === agent)?.[metric] ?? null)),
      });
    }
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) =>
          v === null || v === undefined ? '—' : formatMetric(kind === 'rate' ? v / 100 : v, kind, lang),
      },
      legend: { top: 0 },
      grid: { left: 50, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: {
        type: 'value',
        name: metricLabel(metric),
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: kind === 'rate' ? '{value}%' : '{value}' },
      },
      series,
    };
  }, [report, metric, agent, kind, lang, t, metricLabel]);
  return (
    <Chart
      option={option}
      testId="kpi-trend"
      onClick={(p) => {
        const day = report.days?.[p.dataIndex]?.day;
        if (day && onDayClick) onDayClick(day);
      }}
    />
  );
}
