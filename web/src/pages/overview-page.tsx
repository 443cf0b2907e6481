// 总览: the team's KPI cards, daily trend, agent ranking and findings by rule for a period.
// Every number opens what is behind it (explain drawer, sessions list or findings).
import { Card, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import * as endpoints from '../api/endpoints';
import type { KpiMetricKey } from '../api/types';
import { useApi } from '../api/use-api';
import { useAuth } from '../auth/auth-context';
import { AgentRanking } from '../components/agent-ranking';
import { ExplainDrawer, type ExplainTarget } from '../components/explain-drawer';
import { FindingsByRuleChart } from '../components/findings-by-rule-chart';
import { KpiCards } from '../components/kpi-cards';
import { KpiTrendChart, MetricSelect } from '../components/kpi-trend-chart';
import { usePeriod } from '../components/period';
import { PeriodPicker } from '../components/period-picker';
import { EmptyView, ErrorView, Loading } from '../components/state-views';
import { useI18n } from '../i18n/i18n';

export function OverviewPage() {
  const { t } = useI18n();
  // An agent's overview holds only their own numbers: say so in the title.
  const ownOnly = useAuth().user?.role === 'agent';
  const navigate = useNavigate();
  const [period, setPeriod] = usePeriod();
  const [trendMetric, setTrendMetric] = useState<KpiMetricKey>('inquiry_conversion_rate');
  const [explain, setExplain] = useState<ExplainTarget | null>(null);

  const report = useApi(period ? () => endpoints.kpi({ ...period, by: 'day' }) : null, [
    period?.from,
    period?.to,
  ]);
  const summary = useApi(period ? () => endpoints.findingsSummary({ ...period }) : null, [
    period?.from,
    period?.to,
  ]);

  const agents = useMemo(() => (report.data?.agents ?? []).map((a) => a.agent), [report.data]);
  const scores = useMemo(
    () => new Map((summary.data?.scores.byAgent ?? []).map((s) => [s.agent, s.score] as const)),
    [summary.data],
  );

  if (!period) return <Loading />;
  const q = `from=${period.from}&to=${period.to}`;
  const hasData = (report.data?.agents.length ?? 0) > 0;

  return (
    <div data-testid="overview-page">
      <div className="page-head">
        <h2>{t(ownOnly ? 'overview.titleOwn' : 'overview.title')}</h2>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {report.error && <ErrorView error={report.error} onRetry={report.reload} />}
      {report.loading && !report.data && <Loading />}
      {report.data && !hasData && <EmptyView text={t('common.emptyPeriod')} />}
      {report.data && hasData && (
        <>
          <KpiCards
            total={report.data.total}
            qaScore={summary.data?.scores.team ?? null}
            onOpen={(metric) => setExplain({ metric })}
            onOpenScore={() => navigate(`/findings?${q}`)}
          />
          <div className="grid-2">
            <Card
              size="small"
              title={t('overview.trend')}
              extra={<MetricSelect value={trendMetric} onChange={setTrendMetric} />}
            >
              <KpiTrendChart
                report={report.data}
                metric={trendMetric}
                onDayClick={(day) => navigate(`/sessions?from=${day}&to=${day}`)}
              />
            </Card>
            <Card size="small" title={t('overview.findingsByRule')}>
              {summary.error && <ErrorView error={summary.error} />}
              {summary.loading && <Loading />}
              {summary.data && (
                <FindingsByRuleChart
                  byRule={summary.data.byRule}
                  onRuleClick={(rule) => navigate(`/sessions?${q}&rule=${encodeURIComponent(rule)}`)}
                />
              )}
            </Card>
          </div>
          <Card
            size="small"
            title={
              <Space>
                {t('overview.ranking')}
                <span style={{ fontWeight: 'normal', color: '#999', fontSize: 12 }}>
                  {t('overview.clickHint')}
                </span>
              </Space>
            }
          >
            <AgentRanking
              rows={report.data.agents}
              scores={scores}
              period={period}
              onOpen={(agent, metric) => setExplain({ agent, metric })}
            />
          </Card>
        </>
      )}
      <ExplainDrawer target={explain} agents={agents} period={period} onClose={() => setExplain(null)} />
    </div>
  );
}
