// The team's headline KPI cards. Each card opens the explanation of its number.
import { Card, Tooltip } from 'antd';
import { KPI_METRIC_BY_KEY } from '../../../src/domain/kpi/metrics.js';
import type { AgentKpi, KpiMetricKey } from '../api/types';
import { formatMetric } from '../format/format';
import { useI18n } from '../i18n/i18n';

export const HEADLINE_METRICS: KpiMetricKey[] = [
  'inquiry_conversion_rate',
  'sales_amount',
  'avg_first_response_s',
  'avg_response_s',
  'reply_rate',
  'reminder_success_rate',
];

/** The parts a rate is made of, shown under the value (e.g. 61 / 69). */
const PARTS: Partial<Record<KpiMetricKey, [KpiMetricKey, KpiMetricKey]>> = {
  inquiry_conversion_rate: ['inquiry_paid_buyers', 'inquiry_buyers'],
  reply_rate: ['received_buyers', 'consulted_buyers'],
  reminder_success_rate: ['reminder_paid_orders', 'reminded_orders'],
};

export function KpiCard({
  label,
  value,
  sub,
  onClick,
  testId,
}: {
  label: string;
  value: string;
  sub?: string;
  onClick?: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Tooltip title={onClick ? t('overview.clickHint') : undefined}>
      <Card className="kpi-card" hoverable={!!onClick} onClick={onClick} data-testid={testId}>
        <div className="kpi-card-label">{label}</div>
        <div className="kpi-card-value">{value}</div>
        <div className="kpi-card-sub">{sub ?? '\u00a0'}</div>
      </Card>
    </Tooltip>
  );
}

export function KpiCards({
  total,
  qaScore,
  onOpen,
  onOpenScore,
}: {
  total: AgentKpi;
  qaScore: { score: number | null; sessions: number } | null;
  onOpen: (metric: KpiMetricKey) => void;
  onOpenScore: () => void;
}) {
  const { t, lang, metricShortLabel } = useI18n();
  return (
    <div className="kpi-cards" data-testid="kpi-cards">
      {HEADLINE_METRICS.map((key) => {
        const m = KPI_METRIC_BY_KEY.get(key)!;
        const parts = PARTS[key];
        return (
          <KpiCard
            key={key}
            testId={`kpi-card-${key}`}
            label={metricShortLabel(key)}
            value={formatMetric(total[key], m.kind, lang)}
            sub={parts ? `${total[parts[0]] ?? 0} / ${total[parts[1]] ?? 0}` : undefined}
            onClick={() => onOpen(key)}
          />
        );
      })}
      <KpiCard
        testId="kpi-card-qa_score"
        label={t('overview.qaScore')}
        value={qaScore?.score === null || qaScore?.score === undefined ? '—' : qaScore.score.toFixed(1)}
        sub={qaScore ? t('overview.qaSessions', { n: qaScore.sessions }) : undefined}
        onClick={onOpenScore}
      />
    </div>
  );
}
