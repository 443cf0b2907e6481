// 会话详情: the chat as the agent saw it in 千牛, with orders and refunds inline, response-time badges,
// and every finding highlighted on its evidence words, explained in the side panel.
import { Button, Card, Descriptions, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import * as endpoints from '../api/endpoints';
import { useApi } from '../api/use-api';
import { useShop } from '../auth/shop-context';
import { EmptyView, ErrorView, Loading } from '../components/state-views';
import { formatDateTime, shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ChatMessage } from '../session/chat-message';
import { FindingsPanel } from '../session/findings-panel';
import type { Span } from '../session/highlight';
import { responseRuns } from '../session/response-runs';
import { buildTimeline } from '../session/timeline';
import { TimelineEvent } from '../session/timeline-event';

export function SessionPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { timeZone } = useShop();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi(() => endpoints.session(id), [id]);
  const rulebook = useApi(() => endpoints.rules(), []);
  const [active, setActive] = useState<string | null>(null);

  const ruleNames = useMemo(
    () => new Map((rulebook.data?.rules ?? []).map((r) => [r.id, r.name] as const)),
    [rulebook.data],
  );
  const view = useMemo(() => {
    if (!data) return null;
    const spans = new Map<string, Span[]>();
    const focusOf = new Map<string, string>();
    for (const f of data.findings) {
      const label = f.ruleName ?? ruleNames.get(f.rule) ?? f.rule;
      for (const e of f.evidence) {
        const list = spans.get(e.messageId) ?? [];
        list.push({ start: e.start, end: e.end, findingId: f.id, severity: f.severity, label });
        spans.set(e.messageId, list);
      }
      const first = f.evidence[0]?.messageId ?? f.messageIds[0];
      if (first) focusOf.set(f.id, first);
    }
    return {
      spans,
      focusOf,
      runs: responseRuns(data.messages),
      timeline: buildTimeline(data.messages, data.orders, data.refunds),
    };
  }, [data, ruleNames]);

  const select = (findingId: string) => {
    setActive(findingId);
    const msg = view?.focusOf.get(findingId);
    if (msg) document.getElementById(`msg-${msg}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  if (error) return <ErrorView error={error} onRetry={reload} />;
  if (loading || !data || !view) return <Loading />;
  const s = data.session;
  const activeFinding = data.findings.find((f) => f.id === active);
  const focusedMessages = new Set(activeFinding ? activeFinding.messageIds : []);

  return (
    <div data-testid="session-page">
      <div className="page-head">
        <Space>
          <Button onClick={() => navigate(-1)}>{t('common.back')}</Button>
          <h2>{t('session.title')}</h2>
        </Space>
      </div>
      <Descriptions size="small" column={5} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('session.buyer')}>{s.buyer}</Descriptions.Item>
        <Descriptions.Item label={t('session.agent')}>
          <Link to={`/agents/${encodeURIComponent(s.agent)}`}>{shortAgent(s.agent)}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('session.day')}>{s.day}</Descriptions.Item>
        <Descriptions.Item label={t('sessions.firstAt')}>
          {formatDateTime(s.firstAt, lang, timeZone).slice(11)}
        </Descriptions.Item>
        <Descriptions.Item label={t('session.score')}>
          <strong data-testid="session-score">{data.score ?? '—'}</strong>
        </Descriptions.Item>
      </Descriptions>
      <div className="session-layout">
        <div className="chat" data-testid="chat">
          {data.messages.length === 0 && <EmptyView text={t('session.noMessages')} />}
          {view.timeline.map((item) =>
            item.type === 'message' ? (
              <ChatMessage
                key={item.message.id}
                message={item.message}
                spans={view.spans.get(item.message.id) ?? []}
                responseMs={view.runs.replies.get(item.message.id)}
                unanswered={view.runs.unansweredFrom === item.message.id}
                activeFinding={active}
                focused={focusedMessages.has(item.message.id)}
              />
            ) : (
              <TimelineEvent
                key={`${item.type}-${item.at}-${item.type === 'refund' ? item.refund.refundId : item.order.orderId}`}
                item={item}
              />
            ),
          )}
        </div>
        <Card
          size="small"
          title={`${t('session.findings')} (${data.findings.length})`}
          className="side-panel"
        >
          <FindingsPanel findings={data.findings} ruleNames={ruleNames} active={active} onSelect={select} />
        </Card>
      </div>
    </div>
  );
}
