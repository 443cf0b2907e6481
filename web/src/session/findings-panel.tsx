// The side panel of the session viewer: each finding with its rule, severity, deduction, detail and
// the evidence words; choosing one scrolls the chat to it.
import { Typography } from 'antd';
import type { Finding } from '../api/types';
import { SeverityTag } from '../components/severity-tag';
import { EmptyView } from '../components/state-views';
import { useI18n } from '../i18n/i18n';

export function FindingsPanel({
  findings,
  ruleNames,
  active,
  onSelect,
}: {
  findings: Finding[];
  ruleNames: Map<string, string>;
  active: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useI18n();
  if (findings.length === 0) return <EmptyView text={t('session.noFindings')} />;
  return (
    <div data-testid="findings-panel">
      {findings.map((f) => (
        <button
          type="button"
          key={f.id}
          className={`finding-item${f.id === active ? ' active' : ''}`}
          onClick={() => onSelect(f.id)}
          data-testid="finding-item"
          data-finding={f.id}
        >
          <span className="finding-item-head">
            <strong>{f.ruleName ?? ruleNames.get(f.rule) ?? f.rule}</strong>
            <SeverityTag severity={f.severity} />
          </span>
          <span className="mono finding-item-line" style={{ color: '#999' }}>
            {f.rule}
          </span>
          <span className="finding-item-line">
            {t('session.deduction')}: <Typography.Text type="danger">{f.scoreDelta}</Typography.Text>
          </span>
          {f.detail && (
            <span className="finding-item-line">
              {t('session.detail')}: {f.detail}
            </span>
          )}
          {f.evidence.map((e) => (
            <span
              key={`${e.messageId}-${e.start}`}
              className="finding-item-line"
              style={{ color: '#595959' }}
            >
              {t('session.evidence')}: “<mark className={`finding-mark ${f.severity}`}>{e.text}</mark>”
            </span>
          ))}
        </button>
      ))}
    </div>
  );
}
