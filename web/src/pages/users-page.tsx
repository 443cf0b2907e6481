// 账号管理 (admin): the team's accounts; create one, change role, shops and agent nick, disable or enable,
// reset a password. An admin cannot disable or demote themself (the server refuses it too).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { ManagedUser, Role } from '../api/types';
import { useApi } from '../api/use-api';
import { useAuth } from '../auth/auth-context';
import { DEFAULT_TIME_ZONE } from '../auth/shop-context';
import { ErrorView, errorText } from '../components/state-views';
import { formatDateTime } from '../format/format';
import { type Translate, useI18n } from '../i18n/i18n';

const ROLES: Role[] = ['admin', 'supervisor', 'inspector', 'agent', 'viewer'];
const ROLE_COLOR: Record<Role, string> = {
  admin: 'red',
  supervisor: 'blue',
  inspector: 'purple',
  agent: 'green',
  viewer: 'default',
};

interface FormValues {
  username: string;
  password: string;
  role: Role;
  shops: string[];
  agent?: string;
}

type Editing = { mode: 'create' } | { mode: 'edit'; user: ManagedUser } | null;

export function UsersPage() {
  const { t, lang } = useI18n();
  const { user: me } = useAuth();
  const { message } = App.useApp();
  const isAdmin = me?.role === 'admin';
  const list = useApi(isAdmin ? endpoints.users : null, [isAdmin]);
  const shops = useApi(isAdmin ? endpoints.shops : null, [isAdmin]);
  const [editing, setEditing] = useState<Editing>(null);
  const [resetting, setResetting] = useState<ManagedUser | null>(null);
  const shopName = useMemo(() => new Map((shops.data ?? []).map((s) => [s.id, s.name])), [shops.data]);

  if (!isAdmin)
    return <Alert type="error" showIcon message={t('users.adminOnly')} data-testid="admin-only" />;

  const setDisabled = async (u: ManagedUser, disabled: boolean) => {
    try {
      await endpoints.updateUser(u.id, { disabled });
      message.success(t(disabled ? 'users.disabledDone' : 'users.enabledDone', { name: u.username }));
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? errorText(t, e) : String(e));
    }
  };

  return (
    <div data-testid="users-page">
      <div className="page-head">
        <h2>{t('users.title')}</h2>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ mode: 'create' })}
          data-testid="user-create"
        >
          {t('users.create')}
        </Button>
      </div>
      {list.error && <ErrorView error={list.error} onRetry={list.reload} />}
      <Card size="small" className="section">
        <Table<ManagedUser>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={(list.data?.length ?? 0) > 50 ? { pageSize: 50 } : false}
          data-testid="users-table"
          columns={[
            {
              title: t('users.username'),
              dataIndex: 'username',
              render: (name: string, u) => (
                <span data-testid="user-name">
                  {name}
                  {u.id === me?.id ? t('users.me') : ''}
                </span>
              ),
            },
            {
              title: t('users.role'),
              dataIndex: 'role',
              render: (r: Role) => <Tag color={ROLE_COLOR[r]}>{t(`role.${r}`)}</Tag>,
            },
            {
              title: t('users.shops'),
              dataIndex: 'shops',
              render: (s: string[], u) =>
                u.role === 'admin' ? (
                  <Tag>{t('users.allShops')}</Tag>
                ) : (
                  s.map((id) => <Tag key={id}>{shopName.get(id) ?? id}</Tag>)
                ),
            },
            { title: t('users.agent'), dataIndex: 'agent', render: (a: string | null) => a ?? '—' },
            {
              title: t('users.status'),
              dataIndex: 'disabled',
              render: (d: boolean) =>
                d ? (
                  <Tag color="error" data-testid="user-status">
                    {t('users.disabled')}
                  </Tag>
                ) : (
                  <Tag color="success" data-testid="user-status">
                    {t('users.active')}
                  </Tag>
                ),
            },
            {
              title: t('users.createdAt'),
              dataIndex: 'created_at',
              render: (ms: number) => formatDateTime(ms, lang, DEFAULT_TIME_ZONE),
            },
            {
              title: t('users.actions'),
              key: 'actions',
              render: (_: unknown, u) => {
                const self = u.id === me?.id;
                return (
                  <Space size={0} wrap>
                    <Button
                      type="link"
                      size="small"
                      onClick={() => setEditing({ mode: 'edit', user: u })}
                      data-testid="user-edit"
                    >
                      {t('users.edit')}
                    </Button>
                    <Button type="link" size="small" onClick={() => setResetting(u)} data-testid="user-reset">
                      {t('users.resetPassword')}
                    </Button>
                    {u.disabled ? (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => void setDisabled(u, false)}
                        data-testid="user-enable"
                      >
                        {t('users.enable')}
                      </Button>
                    ) : (
                      <Popconfirm
                        title={t('users.disableConfirm', { name: u.username })}
                        okText={t('users.disable')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true, 'data-testid': 'user-disable-confirm' }}
                        onConfirm={() => setDisabled(u, true)}
                        disabled={self}
                      >
                        <Button type="link" size="small" danger disabled={self} data-testid="user-disable">
                          {t('users.disable')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      {editing && (
        <UserFormModal
          editing={editing}
          shops={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          self={editing.mode === 'edit' && editing.user.id === me?.id}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            message.success(editing.mode === 'create' ? t('users.created', { name }) : t('users.saved'));
            setEditing(null);
            list.reload();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            message.success(t('users.passwordReset', { name: resetting.username }));
            setResetting(null);
          }}
        />
      )}
    </div>
  );
}

/** Puts the server's field errors (400/409 `fields`) on the form's fields; true when it could. */
function showFieldErrors<T>(form: FormInstance<T>, e: unknown, known: string[], t: Translate): boolean {
  if (!(e instanceof ApiError)) return false;
  const entries = Object.entries(e.fields).filter(([k]) => known.includes(k));
  if (entries.length === 0) return false;
  form.setFields(
    entries.map(([name, msg]) => ({
      name: name as never,
      errors: [t('common.badRequest', { message: msg })],
    })),
  );
  return true;
}

function UserFormModal({
  editing,
  shops,
  self,
  onClose,
  onSaved,
}: {
  editing: Exclude<Editing, null>;
  shops: { value: string; label: string }[];
  self: boolean;
  onClose: () => void;
  onSaved: (username: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const creating = editing.mode === 'create';
  const initial: Partial<FormValues> = creating
    ? { role: 'agent', shops: shops.length === 1 ? [shops[0].value] : [] }
    : {
        username: editing.user.username,
        role: editing.user.role,
        shops: editing.user.shops,
        agent: editing.user.agent ?? undefined,
      };
  const role = Form.useWatch('role', form) ?? initial.role;
  const pickedShops = Form.useWatch('shops', form) ?? initial.shops ?? [];
  const shopsKey = [...pickedShops].sort().join('\n');
  const agents = useApi(
    role === 'agent' && pickedShops.length > 0
      ? async () => {
          const lists = await Promise.all(pickedShops.map((shop) => endpoints.agents({ shop })));
          return [...new Set(lists.flat().map((a) => a.nick))].sort();
        }
      : null,
    [role, shopsKey],
  );

  const submit = async (v: FormValues) => {
    setBusy(true);
    try {
      const shopsOut = v.shops ?? [];
      if (creating) {
        await endpoints.createUser({
          username: v.username,
          password: v.password,
          role: v.role,
          shops: shopsOut,
          ...(v.role === 'agent' && v.agent ? { agent: v.agent } : {}),
        });
      } else {
        await endpoints.updateUser(editing.user.id, {
          ...(self ? {} : { role: v.role }),
          shops: shopsOut,
          agent: v.role === 'agent' ? (v.agent ?? null) : null,
        });
      }
      onSaved(v.username);
    } catch (e) {
      if (!showFieldErrors(form, e, ['username', 'password', 'role', 'shops', 'agent'], t))
        message.error(e instanceof ApiError ? errorText(t, e) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={creating ? t('users.create') : t('users.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        requiredMark={false}
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[^\s]{2,64}$/u, message: t('users.usernameRule') }]}
        >
          <Input disabled={!creating} autoComplete="off" data-testid="user-form-username" />
        </Form.Item>
        {creating && (
          <Form.Item
            name="password"
            label={t('users.password')}
            rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}
            extra={t('users.passwordRule')}
          >
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select
            disabled={self}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            data-testid="user-form-role"
          />
        </Form.Item>
        <Form.Item
          name="shops"
          label={t('users.shops')}
          rules={[
            {
              required: role !== 'admin',
              type: 'array',
              min: role === 'admin' ? 0 : 1,
              message: t('users.pickShops'),
            },
          ]}
          extra={role === 'admin' ? t('users.allShops') : undefined}
        >
          <Select
            mode="multiple"
            allowClear
            options={shops}
            placeholder={t('users.pickShops')}
            data-testid="user-form-shops"
          />
        </Form.Item>
        {role === 'agent' && (
          <Form.Item
            name="agent"
            label={t('users.agent')}
            rules={[{ required: true, message: t('users.pickAgent') }]}
            extra={t('users.agentHint')}
          >
            <Select
              showSearch
              loading={agents.loading}
              disabled={pickedShops.length === 0}
              placeholder={pickedShops.length === 0 ? t('users.pickShopsFirst') : t('users.pickAgent')}
              options={(agents.data ?? []).map((nick) => ({ value: nick, label: nick }))}
              data-testid="user-form-agent"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: ManagedUser;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { password: string }) => {
    setBusy(true);
    try {
      await endpoints.updateUser(user.id, { password: v.password });
      onDone();
    } catch (e) {
      if (!showFieldErrors(form, e, ['password'], t))
        message.error(e instanceof ApiError ? errorText(t, e) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.username })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'reset-submit' }}
    >
      <p style={{ marginTop: 0 }}>{t('users.resetHint')}</p>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
