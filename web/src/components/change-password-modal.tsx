// 修改密码: every signed-in user changes their own password (POST /auth/password); the server ends their
// other sessions and keeps this one.
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import * as endpoints from '../api/endpoints';
import { useI18n } from '../i18n/i18n';
import { errorText } from './state-views';

interface Values {
  current: string;
  password: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await endpoints.changePassword(v.current, v.password);
      message.success(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.current)
        form.setFields([{ name: 'current', errors: [t('password.wrongCurrent')] }]);
      else if (e instanceof ApiError && e.fields.password)
        form.setFields([{ name: 'password', errors: [t('users.passwordRule')] }]);
      else message.error(e instanceof ApiError ? errorText(t, e) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('password.title')}
      open={open}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'password-submit' }}
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
        <Form.Item
          name="current"
          label={t('password.current')}
          rules={[{ required: true, message: t('login.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password.new')}
          rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('login.required', { field: t('password.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
