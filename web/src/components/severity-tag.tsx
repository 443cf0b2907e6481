import { Tag } from 'antd';
import type { Severity } from '../api/types';
import { useI18n } from '../i18n/i18n';

const COLORS: Record<Severity, string> = { critical: 'red', major: 'volcano', minor: 'gold', info: 'blue' };

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[severity] ?? 'default'}>
      {t(`severity.${severity}` as 'severity.info') ?? severity}
    </Tag>
  );
}
