// 规则库: the rules with their examples, and a box to try a sentence against a rule (POST /rules/:id/test).
import { Alert, Button, Collapse, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { Rule, RuleTestResult, Sender } from '../api/types';
import { useApi } from '../api/use-api';
import { SeverityTag } from '../components/severity-tag';
import { EmptyView, ErrorView, errorText, Loading } from '../components/state-views';
import { useI18n } from '../i18n/i18n';
import { splitBySpans } from '../session/highlight';

function TryRule({ rule }: { rule: Rule }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [from, setFrom] = useState<'agent' | 'buyer' | 'bot'>('agent');
  const [result, setResult] = useState<{ text: string; r: RuleTestResult }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult({ text, r: await endpoints.testRule(rule.id, text, from) });
    } catch (e) {
      setError(e instanceof ApiError ? errorText(t, e) : String(e));
    } finally {
      setBusy(false);
    }
  };
  const spans = (result?.r.findings ?? []).flatMap((f, i) =>
    f.evidence.map((e) => ({
      start: e.start,
      end: e.end,
      findingId: String(i),
      severity: rule.severity,
      label: rule.name,
    })),
  );
  return (
    <div data-testid="rule-try">
      <Typography.Text strong>{t('rules.tryTitle')}</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 6 }}>
        <Select
          value={from}
          onChange={setFrom}
          style={{ width: 110 }}
          options={(['agent', 'buyer', 'bot'] as Sender[]).map((s) => ({
            value: s,
            label: s === 'agent' ? t('common.agent') : s === 'buyer' ? t('session.buyer') : t('session.bot'),
          }))}
        />
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('rules.tryPlaceholder')}
          data-testid="rule-try-input"
          onPressEnter={() => text && void run()}
        />
        <Button type="primary" loading={busy} disabled={!text} onClick={() => void run()}>
          {t('rules.tryRun')}
        </Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      {result && (
        <div style={{ marginTop: 8 }} data-testid="rule-try-result">
          {result.r.hit ? (
            <Tag color="red">{t('rules.hit')}</Tag>
          ) : (
            <Tag color="green">{t('rules.miss')}</Tag>
          )}
          <span>
            {splitBySpans(result.text, spans).map((p) =>
              p.findings.length ? (
                <mark key={p.start} className={`finding-mark ${rule.severity}`}>
                  {p.text}
                </mark>
              ) : (
                p.text
              ),
            )}
          </span>
          {[...new Set(result.r.findings.map((f) => f.detail).filter(Boolean))].map((d) => (
            <div key={d}>{d}</div>
          ))}
        </div>
      )}
    </div>
  );
}

function RuleBody({ rule }: { rule: Rule }) {
  const { t } = useI18n();
  const who = (from: string) =>
    from === 'agent'
      ? t('common.agent')
      : from === 'buyer'
        ? t('session.buyer')
        : from === 'bot'
          ? t('session.bot')
          : from;
  return (
    <div>
      <Typography.Paragraph>{rule.description}</Typography.Paragraph>
      <TryRule rule={rule} />
      {rule.examples.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('rules.examples')}</Typography.Text>
          {rule.examples.map((ex, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rulebook's examples: a fixed list, never reordered
            <div key={i} className="example-row">
              {ex.expect === 'hit' ? (
                <Tag color="red">{t('rules.expectHit')}</Tag>
              ) : (
                <Tag color="green">{t('rules.expectMiss')}</Tag>
              )}
              {ex.messages.map((m, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: an example's messages: a fixed list, never reordered
                <span key={j} className="example-msg">
                  <Typography.Text type="secondary">{who(m.from)}：</Typography.Text>
                  {m.text}
                </span>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export function RulebookPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(() => endpoints.rules(), []);
  return (
    <div data-testid="rulebook-page">
      <div className="page-head">
        <h2>{t('rules.title')}</h2>
        {data && (
          <Typography.Text type="secondary" className="mono">
            {data.id} · v{data.version}
          </Typography.Text>
        )}
      </div>
      {error && <ErrorView error={error} onRetry={reload} />}
      {loading && <Loading />}
      {data && data.rules.length === 0 && <EmptyView />}
      {data && data.rules.length > 0 && (
        <Collapse
          items={data.rules.map((r) => ({
            key: r.id,
            label: (
              <Space wrap>
                <strong>{r.name}</strong>
                <span className="mono" style={{ color: '#999' }}>
                  {r.id}
                </span>
                <Tag>{r.category}</Tag>
                <SeverityTag severity={r.severity} />
              </Space>
            ),
            children: <RuleBody rule={r} />,
          }))}
        />
      )}
    </div>
  );
}
