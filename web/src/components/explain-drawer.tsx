// "What is behind this number": GET /kpi/explain for one agent and metric, every counted session, run or
// order (and the near misses), each linking to its session.
import { Drawer, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Period } from '../api/endpoints';
import * as endpoints from '../api/endpoints';
import type { ExplainItem, KpiMetricKey } from '../api/types';
import { useApi } from '../api/use-api';
import { useShop } from '../auth/shop-context';
import { formatDateTime, shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { EmptyView, ErrorView } from './state-views';

export interface ExplainTarget {
  metric: KpiMetricKey;
  /** The agent whose figure to explain; for a team figure, the agent to start with. */
  agent?: string;
}

export function ExplainDrawer({
  target,
  agents,
  period,
  onClose,
}: {
  target: ExplainTarget | null;
  agents: string[];
  period: Period;
  onClose: () => void;
}) {
  const { t, lang, metricLabel } = useI18n();
  const { timeZone } = useShop();
  const [picked, setPicked] = useState<string>();
  const [onlyIncluded, setOnlyIncluded] = useState(true);
  const agent = picked ?? target?.agent ?? agents[0];
  const metric = target?.metric;
  const { data, error, loading, reload } = useApi(
    metric && agent ? () => endpoints.kpiExplain({ ...period, agent, metric }) : null,
    [metric, agent, period.from, period.to],
  );
  const rows = useMemo(() => (data ?? []).filter((x) => !onlyIncluded || x.included), [data, onlyIncluded]);

  return (
    <Drawer
      open={!!target}
      onClose={() => {
        setPicked(undefined);
        onClose();
      }}
      width={760}
      title={metric ? t('explain.title', { metric: metricLabel(metric) }) : ''}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('explain.agent')}</span>
        <Select
          style={{ minWidth: 200 }}
          value={agent}
          onChange={setPicked}
          options={agents.map((a) => ({ value: a, label: shortAgent(a) }))}
          showSearch
          data-testid="explain-agent"
        />
        <Switch checked={onlyIncluded} onChange={setOnlyIncluded} /> <span>{t('explain.onlyIncluded')}</span>
        {data && (
          <Typography.Text type="secondary">
            {t('explain.total', { n: data.length, m: data.filter((x) => x.included).length })}
          </Typography.Text>
        )}
      </Space>
      {!target?.agent && agents.length > 1 && (
        <Typography.Paragraph type="secondary">{t('explain.pickAgent')}</Typography.Paragraph>
      )}
      {error ? (
        <ErrorView error={error} onRetry={reload} />
      ) : (
        <Table<ExplainItem>
          size="small"
          loading={loading}
          rowKey={(r, i) => `${r.sessionId}-${r.at}-${i}`}
          dataSource={rows}
          pagination={{ pageSize: 12, showSizeChanger: false }}
          locale={{ emptyText: <EmptyView /> }}
          data-testid="explain-table"
          columns={[
            {
              title: t('explain.included'),
              dataIndex: 'included',
              width: 80,
              render: (v: boolean) =>
                v ? <Tag color="green">{t('explain.included')}</Tag> : <Tag>{t('explain.excluded')}</Tag>,
            },
            { title: t('explain.buyer'), dataIndex: 'buyer', width: 130, ellipsis: true },
            {
              title: t('explain.why'),
              key: 'why',
              render: (_, r) => (
                <span>
                  <span className="mono">{formatDateTime(r.at, lang, timeZone).slice(5, 16)}</span>{' '}
                  {lang === 'zh' ? r.why : r.whyEn}
                </span>
              ),
            },
            {
              title: t('explain.session'),
              key: 'session',
              width: 90,
              render: (_, r) =>
                r.sessionId ? (
                  <Link to={`/sessions/${r.sessionId}`} data-testid="explain-session-link">
                    {t('explain.openSession')}
                  </Link>
                ) : null,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
