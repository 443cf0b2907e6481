// The agent ranking table: one row per agent, sortable by any column; each number opens its explanation.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { KPI_METRIC_BY_KEY } from '../../../src/domain/kpi/metrics.js';
import type { KpiMetricKey, KpiRow } from '../api/types';
import { formatMetric, shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';

export const RANKING_METRICS: KpiMetricKey[] = [
  'inquiry_buyers',
  'inquiry_paid_buyers',
  'inquiry_conversion_rate',
  'sales_amount',
  'received_buyers',
  'reply_rate',
  'avg_first_response_s',
  'avg_response_s',
  'slow_responses',
  'reminder_success_rate',
];

const byNullable = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

/** Inquiries that did not end in a payment: the number a manager asks about first ("who lost the most?"). */
function lostInquiries(row: KpiRow): number | null {
  return row.inquiry_buyers === null || row.inquiry_paid_buyers === null
    ? null
    : row.inquiry_buyers - row.inquiry_paid_buyers;
}

export function AgentRanking({
  rows,
  scores,
  period,
  onOpen,
}: {
  rows: KpiRow[];
  scores: Map<string, number | null>;
  period: { from: string; to: string };
  onOpen: (agent: string, metric: KpiMetricKey) => void;
}) {
  const { t, lang, metricShortLabel } = useI18n();
  const lostColumn = {
    title: t('overview.lostInquiries'),
    key: 'lost_inquiries',
    align: 'right' as const,
    width: 96,
    sorter: (a: KpiRow, b: KpiRow) => byNullable(lostInquiries(a), lostInquiries(b)),
    render: (_: unknown, row: KpiRow) => {
      const lost = lostInquiries(row);
      if (lost === null) return '—';
      const q = new URLSearchParams({
        agent: row.agent,
        inquiry_not_converted: 'true',
        from: period.from,
        to: period.to,
      });
      return (
        <Link to={`/sessions?${q}`} className="num-link" data-testid="rank-lost_inquiries">
          {lost.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}
        </Link>
      );
    },
  };
  const metricColumns = RANKING_METRICS.map((key) => {
    const m = KPI_METRIC_BY_KEY.get(key)!;
    return {
      title: metricShortLabel(key),
      dataIndex: key,
      key,
      align: 'right' as const,
      width: 104,
      sorter: (a: KpiRow, b: KpiRow) => byNullable(a[key], b[key]),
      defaultSortOrder: key === 'inquiry_conversion_rate' ? ('descend' as const) : undefined,
      render: (v: number | null, row: KpiRow) => (
        <button
          type="button"
          className="num-link"
          onClick={() => onOpen(row.agent, key)}
          data-testid={`rank-${key}`}
        >
          {formatMetric(v, m.kind, lang)}
        </button>
      ),
    };
  });
  // Lost inquiries sit right after the conversion rate they explain.
  const at = RANKING_METRICS.indexOf('inquiry_conversion_rate') + 1;
  const columns: ColumnsType<KpiRow> = [
    {
      title: t('common.agent'),
      dataIndex: 'agent',
      fixed: 'left',
      width: 110,
      sorter: (a, b) => a.agent.localeCompare(b.agent, 'zh-CN'),
      render: (a: string) => (
        <Link to={`/agents/${encodeURIComponent(a)}`} data-testid="ranking-agent">
          {shortAgent(a)}
        </Link>
      ),
    },
    ...metricColumns.slice(0, at),
    lostColumn,
    ...metricColumns.slice(at),
    {
      title: t('common.score'),
      key: 'qa_score',
      align: 'right',
      width: 90,
      sorter: (a, b) => byNullable(scores.get(a.agent) ?? null, scores.get(b.agent) ?? null),
      render: (_, row) => {
        const s = scores.get(row.agent);
        return s === null || s === undefined ? '—' : s.toFixed(1);
      },
    },
  ];
  return (
    <Table<KpiRow>
      size="small"
      rowKey="agent"
      dataSource={rows}
      columns={columns}
      pagination={rows.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      data-testid="agent-ranking"
    />
  );
}
