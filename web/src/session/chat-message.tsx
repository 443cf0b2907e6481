// One chat bubble. The text is rendered as React text nodes (pieces), with <mark> around the words a
// finding points at — never as HTML, so a message containing "<script>" shows exactly that.
import { Tag } from 'antd';
import type { Message } from '../api/types';
import { useShop } from '../auth/shop-context';
import { formatSeconds, formatTime, shortAgent } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { type Span, splitBySpans } from './highlight';
import { isSlow } from './response-runs';

export function ChatMessage({
  message,
  spans,
  responseMs,
  unanswered,
  activeFinding,
  focused,
}: {
  message: Message;
  spans: Span[];
  responseMs?: number;
  unanswered: boolean;
  activeFinding: string | null;
  focused: boolean;
}) {
  const { t, lang } = useI18n();
  const { timeZone, slowThresholdS } = useShop();
  const who =
    message.from === 'bot'
      ? t('session.bot')
      : message.from === 'system'
        ? t('session.system')
        : message.from === 'agent' && message.agent
          ? shortAgent(message.agent)
          : '';
  const pieces = splitBySpans(message.text, spans);
  return (
    <div
      className={`chat-row ${message.from}${focused ? ' focused' : ''}`}
      id={`msg-${message.id}`}
      data-testid="chat-message"
      data-from={message.from}
    >
      <div className="chat-meta">
        {message.from === 'bot' && <Tag color="purple">{t('session.bot')}</Tag>}
        {who && message.from !== 'bot' && <span>{who}</span>}
        <span className="mono">{formatTime(message.at, lang, timeZone)}</span>
        {responseMs !== undefined &&
          (isSlow(responseMs, slowThresholdS) ? (
            <Tag color="red" data-testid="slow-badge">
              {t('session.slowReply', { t: formatSeconds(responseMs / 1000, lang) })}
            </Tag>
          ) : (
            <span style={{ color: '#bbb' }}>
              {t('session.responseTime', { t: formatSeconds(responseMs / 1000, lang) })}
            </span>
          ))}
        {unanswered && <Tag color="orange">{t('session.unanswered')}</Tag>}
      </div>
      <div className="bubble">
        {pieces.map((p) =>
          p.findings.length === 0 ? (
            p.text
          ) : (
            <mark
              key={p.start}
              title={p.findings.map((f) => f.label).join('、')}
              className={`finding-mark ${p.findings[0].severity}${p.findings.some((f) => f.findingId === activeFinding) ? ' active' : ''}`}
              data-testid="finding-mark"
              data-finding={p.findings.map((f) => f.findingId).join(' ')}
            >
              {p.text}
            </mark>
          ),
        )}
        {message.kind && message.kind !== 'text' && message.text === '' && <i>[{message.kind}]</i>}
      </div>
    </div>
  );
}
