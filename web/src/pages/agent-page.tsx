// 客服详情: one agent's KPIs over time against the team, their findings by rule, and their sessions.
import { Card, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { KPI_METRIC_BY_KEY } from '../../../src/domain/kpi/metrics.js';
import * as endpoints from '../api/endpoints';
import type { KpiMetricKey, SessionSummary } from '../api/types';
import { useApi } from '../api/use-api';
import { useAuth } from '../auth/auth-context';
import { useShop } from '../auth/shop-context';
import { ExplainDrawer, type ExplainTarget } from '../components/explain-drawer';
import { FindingsByRuleChart } from '../components/findings-by-rule-chart';
import { HEADLINE_METRICS, KpiCard } from '../components/kpi-cards';
import { KpiTrendChart, MetricSelect } from '../components/kpi-trend-chart';
import { usePeriod } from '../components/period';
import { PeriodPicker } from '../components/period-picker';
import { EmptyView, ErrorView, ForbiddenView, Loading } from '../components/state-views';
import { formatDateTime, formatMetric, shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';

export function AgentPage() {
  const { agent = '' } = useParams();
  const { t, lang, metricShortLabel } = useI18n();
  const { timeZone } = useShop();
  const navigate = useNavigate();
  const [period, setPeriod] = usePeriod();
  const [metric, setMetric] = useState<KpiMetricKey>('inquiry_conversion_rate');
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const { user } = useAuth();
  // An agent sees their own page only (the API refuses the rest): say so, rather than "no data".
  const refused = user?.role === 'agent' && user.agent !== agent;
  const deps = [agent, period?.from, period?.to];
  const asked = period && !refused ? period : null;

  const report = useApi(asked ? () => endpoints.kpi({ ...asked, by: 'day' }) : null, deps);
  const summary = useApi(asked ? () => endpoints.findingsSummary({ ...asked, agent }) : null, deps);
  const sessions = useApi(asked ? () => endpoints.sessions({ ...asked, agent, limit: 20 }) : null, deps);
  const mine = useMemo(() => report.data?.agents.find((a) => a.agent === agent), [report.data, agent]);

  const head = (
    <div className="page-head">
      <h2>
        {t('agent.title')} · {shortAgent(agent)}
      </h2>
      {!refused && period && <PeriodPicker value={period} onChange={setPeriod} />}
    </div>
  );
  if (refused) {
    return (
      <div data-testid="agent-page">
        {head}
        <ForbiddenView />
      </div>
    );
  }
  if (!period) return <Loading />;
  const q = `from=${period.from}&to=${period.to}`;
  return (
    <div data-testid="agent-page">
      {head}
      {report.error && <ErrorView error={report.error} onRetry={report.reload} />}
      {report.loading && !report.data && <Loading />}
      {report.data && !mine && <EmptyView text={t('common.emptyPeriod')} />}
      {report.data && mine && (
        <>
          <div className="kpi-cards">
            {HEADLINE_METRICS.map((key) => (
              <KpiCard
                key={key}
                label={metricShortLabel(key)}
                value={formatMetric(mine[key], KPI_METRIC_BY_KEY.get(key)!.kind, lang)}
                sub={`${t('common.team')} ${formatMetric(report.data!.total[key], KPI_METRIC_BY_KEY.get(key)!.kind, lang)}`}
                onClick={() => setExplain({ agent, metric: key })}
              />
            ))}
          </div>
          <div className="grid-2">
            <Card
              size="small"
              title={t('agent.kpiOverTime')}
              extra={<MetricSelect value={metric} onChange={setMetric} />}
            >
              <KpiTrendChart
                report={report.data}
                metric={metric}
                agent={agent}
                onDayClick={(day) =>
                  navigate(`/sessions?from=${day}&to=${day}&agent=${encodeURIComponent(agent)}`)
                }
              />
            </Card>
            <Card size="small" title={t('agent.findings')}>
              {summary.error && <ErrorView error={summary.error} />}
              {summary.loading && <Loading />}
              {summary.data && (
                <FindingsByRuleChart
                  byRule={summary.data.byRule}
                  onRuleClick={(rule) =>
                    navigate(
                      `/sessions?${q}&agent=${encodeURIComponent(agent)}&rule=${encodeURIComponent(rule)}`,
                    )
                  }
                />
              )}
            </Card>
          </div>
        </>
      )}
      <Card
        size="small"
        title={t('agent.sessions')}
        extra={<Link to={`/sessions?${q}&agent=${encodeURIComponent(agent)}`}>{t('agent.allSessions')}</Link>}
      >
        {sessions.error && <ErrorView error={sessions.error} onRetry={sessions.reload} />}
        <Table<SessionSummary>
          size="small"
          rowKey="id"
          loading={sessions.loading}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyView text={t('sessions.empty')} /> }}
          columns={[
            {
              title: t('sessions.firstAt'),
              dataIndex: 'firstAt',
              width: 180,
              render: (v: number, r) => (
                <Link to={`/sessions/${r.id}`} className="mono">
                  {formatDateTime(v, lang, timeZone)}
                </Link>
              ),
            },
            { title: t('sessions.buyer'), dataIndex: 'buyer', ellipsis: true },
            { title: t('sessions.messages'), dataIndex: 'messageCount', width: 90, align: 'right' },
            {
              title: t('common.score'),
              dataIndex: 'score',
              width: 90,
              align: 'right',
              render: (v) => v ?? '—',
            },
          ]}
        />
      </Card>
      <ExplainDrawer target={explain} agents={[agent]} period={period} onClose={() => setExplain(null)} />
    </div>
  );
}
