// API 令牌 (admin): tokens that let an ERP or a script import into one shop. A new token is shown once, with
// a copy button; revoking asks first and takes effect at once.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { ApiToken } from '../api/types';
import { useApi } from '../api/use-api';
import { useAuth } from '../auth/auth-context';
import { DEFAULT_TIME_ZONE } from '../auth/shop-context';
import { EmptyView, ErrorView, errorText } from '../components/state-views';
import { formatDateTime } from '../format/format';
import { useI18n } from '../i18n/i18n';

export function TokensPage() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const isAdmin = user?.role === 'admin';
  const list = useApi(isAdmin ? endpoints.tokens : null, [isAdmin]);
  const shops = useApi(isAdmin ? endpoints.shops : null, [isAdmin]);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ token: string; item: ApiToken } | null>(null);
  const shopName = useMemo(() => new Map((shops.data ?? []).map((s) => [s.id, s.name])), [shops.data]);

  if (!isAdmin)
    return <Alert type="error" showIcon message={t('users.adminOnly')} data-testid="admin-only" />;

  const revoke = async (tk: ApiToken) => {
    try {
      await endpoints.revokeToken(tk.id);
      message.success(t('tokens.revoked', { name: tk.name }));
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? errorText(t, e) : String(e));
    }
  };

  return (
    <div data-testid="tokens-page">
      <div className="page-head">
        <h2>{t('tokens.title')}</h2>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="token-create"
        >
          {t('tokens.create')}
        </Button>
      </div>
      <Alert type="info" showIcon message={t('tokens.hint')} className="section" />
      {list.error && <ErrorView error={list.error} onRetry={list.reload} />}
      <Card size="small" className="section">
        <Table<ApiToken>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyView text={t('tokens.empty')} /> }}
          data-testid="tokens-table"
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            { title: t('tokens.shop'), dataIndex: 'shop', render: (s: string) => shopName.get(s) ?? s },
            {
              title: 'ID',
              dataIndex: 'id',
              render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
            },
            {
              title: t('tokens.createdAt'),
              dataIndex: 'created_at',
              render: (ms: number) => formatDateTime(ms, lang, DEFAULT_TIME_ZONE),
            },
            {
              title: t('users.actions'),
              key: 'actions',
              render: (_: unknown, tk) => (
                <Popconfirm
                  title={t('tokens.revokeConfirm', { name: tk.name })}
                  okText={t('tokens.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'token-revoke-confirm' }}
                  onConfirm={() => revoke(tk)}
                >
                  <Button type="link" size="small" danger data-testid="token-revoke">
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      {creating && (
        <CreateTokenModal
          shops={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setShown(r);
            list.reload();
          }}
        />
      )}
      <Modal
        open={shown !== null}
        title={t('tokens.createdTitle')}
        onCancel={() => setShown(null)}
        footer={
          <Button type="primary" onClick={() => setShown(null)} data-testid="token-shown-close">
            {t('common.close')}
          </Button>
        }
        maskClosable={false}
      >
        <Alert type="warning" showIcon message={t('tokens.onceWarning')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          copyable={{ text: shown?.token, tooltips: [t('tokens.copy'), t('tokens.copied')] }}
          style={{ wordBreak: 'break-all' }}
          data-testid="token-value"
        >
          {shown?.token}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
      </Modal>
    </div>
  );
}

function CreateTokenModal({
  shops,
  onClose,
  onCreated,
}: {
  shops: { value: string; label: string }[];
  onClose: () => void;
  onCreated: (r: { token: string; item: ApiToken }) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; shop: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { name: string; shop: string }) => {
    setBusy(true);
    try {
      onCreated(await endpoints.createToken(v.shop, v.name));
    } catch (e) {
      message.error(e instanceof ApiError ? errorText(t, e) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('tokens.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'token-form-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ shop: shops.length === 1 ? shops[0].value : undefined }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, max: 100, message: t('login.required', { field: t('tokens.name') }) }]}
        >
          <Input placeholder={t('tokens.namePlaceholder')} data-testid="token-form-name" />
        </Form.Item>
        <Form.Item
          name="shop"
          label={t('tokens.shop')}
          rules={[{ required: true, message: t('users.pickShops') }]}
        >
          <Select options={shops} data-testid="token-form-shop" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
