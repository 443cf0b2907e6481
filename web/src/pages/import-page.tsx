// 数据导入: upload chat, order, refund and agent files; show upload progress, the per-file results, and
// every error with its file, line and field.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Table, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { ApiError } from '../api/client';
import type { ImportError, ImportFileResult } from '../api/types';
import { type UploadOutcome, uploadImport } from '../api/upload';
import { ErrorView } from '../components/state-views';
import { useI18n } from '../i18n/i18n';

type Phase = 'idle' | 'uploading' | 'processing' | 'done';

export function ImportPage() {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [outcome, setOutcome] = useState<UploadOutcome>();
  const [error, setError] = useState<ApiError>();

  const start = async () => {
    const raw = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
    if (raw.length === 0) return;
    setPhase('uploading');
    setProgress(0);
    setOutcome(undefined);
    setError(undefined);
    try {
      const r = await uploadImport(raw, (p) => {
        setProgress(Math.round(p * 100));
        if (p >= 1) setPhase('processing');
      });
      setOutcome(r);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
    } finally {
      setPhase('done');
    }
  };

  const busy = phase === 'uploading' || phase === 'processing';
  const errors = outcome?.body.errors ?? [];
  const results = outcome?.body.results ?? [];
  return (
    <div data-testid="import-page">
      <div className="page-head">
        <h2>{t('import.title')}</h2>
      </div>
      <Card size="small" className="section">
        <p style={{ marginTop: 0 }}>{t('import.hint')}</p>
        <Upload.Dragger
          multiple
          fileList={files}
          beforeUpload={() => false}
          onChange={(info) => setFiles(info.fileList)}
          disabled={busy}
          data-testid="import-files"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.drop')}</p>
        </Upload.Dragger>
        <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center' }}>
          <Button
            type="primary"
            onClick={() => void start()}
            disabled={files.length === 0 || busy}
            loading={busy}
            data-testid="import-start"
          >
            {t('import.upload')}
          </Button>
          {phase === 'uploading' && <span>{t('import.uploading', { p: progress })}</span>}
          {phase === 'processing' && <span>{t('import.processing')}</span>}
          {phase !== 'idle' && (
            <Progress
              percent={progress}
              size="small"
              style={{ maxWidth: 300 }}
              status={busy ? 'active' : undefined}
            />
          )}
        </div>
      </Card>
      {error &&
        (error.status === 403 ? (
          <Alert type="error" showIcon message={t('import.forbidden')} />
        ) : (
          <ErrorView error={error} />
        ))}
      {outcome && (
        <Alert
          className="section"
          data-testid="import-status"
          type={outcome.status === 422 ? 'error' : errors.length ? 'warning' : 'success'}
          showIcon
          message={
            outcome.status === 422
              ? t('import.failed')
              : errors.length
                ? t('import.partial')
                : t('import.done')
          }
        />
      )}
      {results.length > 0 && (
        <Card size="small" title={t('import.results')} className="section">
          <Table<ImportFileResult>
            size="small"
            rowKey="file"
            pagination={false}
            dataSource={results}
            columns={[
              { title: t('import.file'), dataIndex: 'file' },
              { title: t('import.format'), dataIndex: 'format' },
              { title: t('import.records'), dataIndex: 'records', align: 'right' },
              { title: t('import.inserted'), dataIndex: 'inserted', align: 'right' },
              { title: t('import.sessionsTouched'), dataIndex: 'sessionsTouched', align: 'right' },
            ]}
          />
        </Card>
      )}
      {errors.length > 0 && (
        <Card size="small" title={t('import.errors')} className="section">
          <Table<ImportError>
            size="small"
            rowKey={(r, i) => `${r.file}-${r.line}-${i}`}
            pagination={errors.length > 20 ? { pageSize: 20 } : false}
            dataSource={errors}
            data-testid="import-errors"
            columns={[
              { title: t('import.file'), dataIndex: 'file' },
              {
                title: t('import.line'),
                dataIndex: 'line',
                width: 90,
                render: (n: number | null) =>
                  n ? <span data-testid="import-error-line">{t('import.lineN', { n })}</span> : '—',
              },
              {
                title: t('import.field'),
                dataIndex: 'field',
                width: 120,
                render: (f: string | null) => f ?? '—',
              },
              { title: t('import.message'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
