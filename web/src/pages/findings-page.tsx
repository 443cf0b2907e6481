// 质检结果: findings by rule, by agent and over time for a period, and the findings list
// (GET /findings/summary, GET /findings). A click on a rule or an agent filters the list.
import { Button, Card, Select, Table, Tabs } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import * as endpoints from '../api/endpoints';
import type { Finding, FindingsSummary, Severity } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart, type ChartOption } from '../components/chart';
import { FindingsByRuleChart } from '../components/findings-by-rule-chart';
import { useRules } from '../components/lookups';
import { usePeriod } from '../components/period';
import { PeriodPicker } from '../components/period-picker';
import { SeverityTag } from '../components/severity-tag';
import { EmptyView, ErrorView, Loading } from '../components/state-views';
import { shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';

function OverTimeChart({
  byDay,
  scores,
}: {
  byDay: FindingsSummary['byDay'];
  scores: FindingsSummary['scores'];
}) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const scoreOf = new Map(scores.byDay.map((d) => [d.day, d.score] as const));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 44, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: byDay.map((d) => d.day.slice(5)) },
      yAxis: [
        { type: 'value', name: t('findings.total'), minInterval: 1 },
        { type: 'value', name: t('common.score'), min: 0, max: 100 },
      ],
      series: [
        {
          name: t('findings.total'),
          type: 'bar',
          data: byDay.map((d) => d.count),
          itemStyle: { color: '#fa8c16' },
        },
        {
          name: t('common.score'),
          type: 'line',
          yAxisIndex: 1,
          data: byDay.map((d) => scoreOf.get(d.day) ?? null),
        },
      ],
    };
  }, [byDay, scores, t]);
  if (byDay.length === 0) return <EmptyView />;
  return <Chart option={option} height={280} />;
}

export function FindingsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriod();
  const rules = useRules();
  const rule = params.get('rule') ?? undefined;
  const agent = params.get('agent') ?? undefined;
  const severity = params.get('severity') ?? undefined;
  const set = (k: string, v?: string) =>
    setParams((prev) => {
      const n = new URLSearchParams(prev);
      if (v) n.set(k, v);
      else n.delete(k);
      return n;
    });

  const summary = useApi(period ? () => endpoints.findingsSummary({ ...period }) : null, [
    period?.from,
    period?.to,
  ]);
  const list = useApi(
    period ? () => endpoints.findings({ ...period, rule, agent, severity, limit: 100 }) : null,
    [period?.from, period?.to, rule, agent, severity],
  );
  const ruleName = useMemo(() => new Map(rules.map((r) => [r.id, r.name] as const)), [rules]);

  if (!period) return <Loading />;
  const s = summary.data;
  return (
    <div data-testid="findings-page">
      <div className="page-head">
        <h2>{t('findings.title')}</h2>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {summary.error && <ErrorView error={summary.error} onRetry={summary.reload} />}
      {summary.loading && <Loading />}
      {s && (
        <Card size="small" className="section">
          <Tabs
            items={[
              {
                key: 'rule',
                label: t('findings.byRule'),
                children: (
                  <FindingsByRuleChart byRule={s.byRule} onRuleClick={(r) => set('rule', r)} height={300} />
                ),
              },
              {
                key: 'agent',
                label: t('findings.byAgent'),
                children: (
                  <Table
                    size="small"
                    rowKey="agent"
                    dataSource={s.byAgent}
                    pagination={false}
                    scroll={{ y: 300 }}
                    columns={[
                      {
                        title: t('common.agent'),
                        dataIndex: 'agent',
                        render: (a: string) => (
                          <Button type="link" size="small" onClick={() => set('agent', a)}>
                            {shortAgent(a)}
                          </Button>
                        ),
                      },
                      {
                        title: t('findings.total'),
                        dataIndex: 'count',
                        align: 'right',
                        sorter: (a, b) => a.count - b.count,
                      },
                      ...(['critical', 'major', 'minor', 'info'] as Severity[]).map((sev) => ({
                        title: t(`severity.${sev}`),
                        key: sev,
                        align: 'right' as const,
                        render: (_: unknown, r: FindingsSummary['byAgent'][number]) => r.bySeverity[sev] ?? 0,
                      })),
                      {
                        title: t('common.score'),
                        key: 'score',
                        align: 'right',
                        render: (_, r) =>
                          s.scores.byAgent.find((x) => x.agent === r.agent)?.score?.toFixed(1) ?? '—',
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'time',
                label: t('findings.overTime'),
                children: <OverTimeChart byDay={s.byDay} scores={s.scores} />,
              },
            ]}
          />
        </Card>
      )}
      <Card
        size="small"
        title={t('findings.list')}
        extra={
          <div className="filters" style={{ margin: 0 }}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('common.rule')}
              style={{ width: 170 }}
              value={rule}
              onChange={(v) => set('rule', v)}
              options={rules.map((r) => ({ value: r.id, label: r.name }))}
            />
            <Select
              allowClear
              placeholder={t('common.severity')}
              style={{ width: 110 }}
              value={severity}
              onChange={(v) => set('severity', v)}
              options={(['critical', 'major', 'minor', 'info'] as const).map((x) => ({
                value: x,
                label: t(`severity.${x}`),
              }))}
            />
            {agent && (
              <Button size="small" onClick={() => set('agent')}>
                {shortAgent(agent)} ✕
              </Button>
            )}
          </div>
        }
      >
        {list.error && <ErrorView error={list.error} onRetry={list.reload} />}
        {!list.error && (
          <Table<Finding>
            size="small"
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            locale={{ emptyText: <EmptyView /> }}
            columns={[
              { title: t('common.day'), dataIndex: 'date', width: 100 },
              {
                title: t('common.rule'),
                dataIndex: 'rule',
                render: (r: string, f) => f.ruleName ?? ruleName.get(r) ?? r,
              },
              {
                title: t('common.severity'),
                dataIndex: 'severity',
                width: 80,
                render: (v: Severity) => <SeverityTag severity={v} />,
              },
              {
                title: t('common.agent'),
                dataIndex: 'agent',
                width: 100,
                render: (a?: string) => (a ? shortAgent(a) : ''),
              },
              {
                title: t('session.evidence'),
                key: 'ev',
                ellipsis: true,
                render: (_, f) => f.evidence.map((e) => e.text).join(' … '),
              },
              { title: t('session.deduction'), dataIndex: 'scoreDelta', width: 70, align: 'right' },
              {
                title: '',
                key: 'open',
                width: 70,
                render: (_, f) =>
                  f.sessionId ? <Link to={`/sessions/${f.sessionId}`}>{t('common.open')}</Link> : null,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
