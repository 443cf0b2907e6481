// Loading, empty and error states in plain language.
import { Alert, Button, Empty, Spin } from 'antd';
import type { ApiError } from '../api/client';
import { isMissingEndpoint } from '../api/use-api';
import { type Translate, useI18n } from '../i18n/i18n';

export function errorText(t: Translate, e: ApiError): string {
  if (isMissingEndpoint(e)) return t('common.notYet');
  if (e.status === 0) return t('common.networkError');
  if (e.status === 403) return t('common.forbidden');
  if (e.status === 404) return t('common.notFound');
  if (e.status === 400) {
    const fields = Object.entries(e.fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    return t('common.badRequest', { message: fields || e.message });
  }
  if (e.status >= 500) return t('common.serverError');
  return t('common.error', { message: e.message });
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="state-view" data-testid="loading">
      <Spin /> <span>{t('common.loading')}</span>
    </div>
  );
}

export function ErrorView({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const missing = isMissingEndpoint(error);
  return (
    <Alert
      className="error-view"
      data-testid={missing ? 'endpoint-missing' : 'error'}
      type={missing ? 'info' : 'error'}
      showIcon
      message={errorText(t, error)}
      action={
        onRetry && !missing ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Data this account may not see (the API would answer 403). */
export function ForbiddenView() {
  const { t } = useI18n();
  return (
    <Alert className="error-view" data-testid="error" type="error" showIcon message={t('common.forbidden')} />
  );
}

export function EmptyView({ text }: { text?: string }) {
  const { t } = useI18n();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ?? t('common.empty')} />;
}
