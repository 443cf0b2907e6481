// 会话: the sessions list with filters kept in the URL (so every "open the sessions behind this number"
// link lands here), paged by cursor.
import { Button, Card, Checkbox, InputNumber, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { SessionSummary } from '../api/types';
import { useShop } from '../auth/shop-context';
import { useAgents, useGroups, useRules } from '../components/lookups';
import { usePeriod } from '../components/period';
import { PeriodPicker } from '../components/period-picker';
import { EmptyView, ErrorView, Loading } from '../components/state-views';
import { formatDateTime, shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';

const FILTER_KEYS = [
  'agent',
  'group',
  'rule',
  'severity',
  'score_min',
  'score_max',
  'has_order',
  'inquiry_not_converted',
];
const PAGE = 50;

export function SessionsPage() {
  const { t, lang } = useI18n();
  const { timeZone } = useShop();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriod();
  const agents = useAgents();
  const groups = useGroups(agents);
  const rules = useRules();
  const [items, setItems] = useState<SessionSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();
  const filterKey = params.toString();

  const setFilter = (key: string, value: string | number | null | undefined) =>
    setParams(
      (prev) => {
        const n = new URLSearchParams(prev);
        if (value === undefined || value === null || value === '') n.delete(key);
        else n.set(key, String(value));
        return n;
      },
      { replace: true },
    );

  const query = (cursor?: string) => {
    const q: Record<string, string | number | undefined> = {
      from: period?.from,
      to: period?.to,
      limit: PAGE,
      cursor,
    };
    for (const k of FILTER_KEYS) q[k] = params.get(k) ?? undefined;
    return q;
  };

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await endpoints.sessions(query(cursor));
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
    } finally {
      setLoading(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the filters (the URL) change
  useEffect(() => {
    if (period) void load();
  }, [filterKey, period?.from, period?.to]);

  if (!period) return <Loading />;
  const severities = ['critical', 'major', 'minor', 'info'] as const;

  return (
    <div data-testid="sessions-page">
      <div className="page-head">
        <h2>{t('sessions.title')}</h2>
      </div>
      <Card size="small" className="section">
        <div className="filters">
          <PeriodPicker value={period} onChange={setPeriod} />
          <Select
            allowClear
            showSearch
            placeholder={t('common.agent')}
            style={{ width: 150 }}
            value={params.get('agent') ?? undefined}
            onChange={(v) => setFilter('agent', v)}
            options={agents.map((a) => ({ value: a.nick, label: shortAgent(a.nick) }))}
            data-testid="filter-agent"
          />
          {groups.length > 0 && (
            <Select
              allowClear
              placeholder={t('common.group')}
              style={{ width: 130 }}
              value={params.get('group') ?? undefined}
              onChange={(v) => setFilter('group', v)}
              options={groups.map((g) => ({ value: g, label: g }))}
            />
          )}
          <Select
            allowClear
            showSearch
            placeholder={t('common.rule')}
            style={{ width: 170 }}
            value={params.get('rule') ?? undefined}
            onChange={(v) => setFilter('rule', v)}
            options={
              rules.length
                ? rules.map((r) => ({ value: r.id, label: r.name }))
                : params.get('rule')
                  ? [{ value: params.get('rule')!, label: params.get('rule')! }]
                  : []
            }
            optionFilterProp="label"
          />
          <Select
            allowClear
            placeholder={t('common.severity')}
            style={{ width: 110 }}
            value={params.get('severity') ?? undefined}
            onChange={(v) => setFilter('severity', v)}
            options={severities.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          />
          <InputNumber
            placeholder={t('sessions.scoreMin')}
            min={0}
            max={100}
            style={{ width: 90 }}
            value={params.get('score_min') ? Number(params.get('score_min')) : null}
            onChange={(v) => setFilter('score_min', v)}
          />
          <span>–</span>
          <InputNumber
            placeholder={t('sessions.scoreMax')}
            min={0}
            max={100}
            style={{ width: 90 }}
            value={params.get('score_max') ? Number(params.get('score_max')) : null}
            onChange={(v) => setFilter('score_max', v)}
          />
          <Select
            allowClear
            placeholder={t('sessions.hasOrder')}
            style={{ width: 110 }}
            value={params.get('has_order') ?? undefined}
            onChange={(v) => setFilter('has_order', v)}
            options={[
              { value: 'true', label: `${t('sessions.hasOrder')}: ${t('common.yes')}` },
              { value: 'false', label: `${t('sessions.hasOrder')}: ${t('common.no')}` },
            ]}
          />
          <Checkbox
            checked={params.get('inquiry_not_converted') === 'true'}
            onChange={(e) => setFilter('inquiry_not_converted', e.target.checked ? 'true' : undefined)}
          >
            {t('sessions.notConverted')}
          </Checkbox>
          <Button onClick={() => setParams(new URLSearchParams({ from: period.from, to: period.to }))}>
            {t('common.reset')}
          </Button>
        </div>
      </Card>
      {error && <ErrorView error={error} onRetry={() => void load()} />}
      <Table<SessionSummary>
        size="small"
        rowKey="id"
        loading={loading && items.length === 0}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <EmptyView text={t('sessions.empty')} /> }}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/sessions/${r.id}`) })}
        data-testid="sessions-table"
        columns={[
          {
            title: t('sessions.firstAt'),
            dataIndex: 'firstAt',
            width: 170,
            render: (v: number, r) => (
              <Link to={`/sessions/${r.id}`} className="mono" data-testid="session-link">
                {formatDateTime(v, lang, timeZone)}
              </Link>
            ),
          },
          {
            title: t('common.agent'),
            dataIndex: 'agent',
            width: 120,
            render: (a: string) => <Link to={`/agents/${encodeURIComponent(a)}`}>{shortAgent(a)}</Link>,
          },
          { title: t('sessions.buyer'), dataIndex: 'buyer', ellipsis: true },
          { title: t('sessions.messages'), dataIndex: 'messageCount', width: 90, align: 'right' },
          {
            title: t('common.score'),
            dataIndex: 'score',
            width: 90,
            align: 'right',
            render: (v: number | null) =>
              v === null ? '—' : <span style={{ color: v < 90 ? '#cf1322' : undefined }}>{v}</span>,
          },
        ]}
      />
      <div style={{ textAlign: 'center', margin: 12 }}>
        {next ? (
          <Button onClick={() => void load(next)} loading={loading} data-testid="load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          items.length > 0 && <span style={{ color: '#999' }}>{t('common.noMore')}</span>
        )}
      </div>
    </div>
  );
}
