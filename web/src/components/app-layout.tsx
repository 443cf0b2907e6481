// The frame of every signed-in page: a side menu, a header with the language toggle and the user.
import {
  BarChartOutlined,
  BookOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DownOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MessageOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu, Select, Space, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { useShop } from '../auth/shop-context';
import { useI18n } from '../i18n/i18n';
import { ChangePasswordModal } from './change-password-modal';
import { Loading } from './state-views';

const { Sider, Header, Content } = Layout;

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  const { shops, shop, pickShop } = useShop();
  const { pathname } = useLocation();
  const { message } = App.useApp();
  const [changingPassword, setChangingPassword] = useState(false);
  const selected = pathname === '/' || pathname.startsWith('/agents') ? '/' : `/${pathname.split('/')[1]}`;
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.overview')}</Link> },
    { key: '/sessions', icon: <MessageOutlined />, label: <Link to="/sessions">{t('nav.sessions')}</Link> },
    { key: '/findings', icon: <BarChartOutlined />, label: <Link to="/findings">{t('nav.findings')}</Link> },
    { key: '/rules', icon: <BookOutlined />, label: <Link to="/rules">{t('nav.rules')}</Link> },
    { key: '/import', icon: <CloudUploadOutlined />, label: <Link to="/import">{t('nav.import')}</Link> },
    // Admin only: the server answers 403 to anyone else; the menu does not offer what would be refused.
    ...(user?.role === 'admin'
      ? [
          { key: '/users', icon: <TeamOutlined />, label: <Link to="/users">{t('nav.users')}</Link> },
          { key: '/tokens', icon: <KeyOutlined />, label: <Link to="/tokens">{t('nav.tokens')}</Link> },
        ]
      : []),
  ];
  return (
    <Layout className="app-layout">
      <Sider width={180} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tag">{t('app.tagline')}</span>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} data-testid="nav" />
      </Sider>
      <Layout>
        <Header className="app-header">
          <Space size="middle">
            {shops.length > 1 ? (
              <Select
                size="small"
                style={{ minWidth: 160 }}
                value={shop?.id}
                onChange={pickShop}
                options={shops.map((s) => ({ value: s.id, label: s.name }))}
                data-testid="shop-select"
              />
            ) : (
              shop && <Typography.Text type="secondary">{shop.name}</Typography.Text>
            )}
            <Button
              size="small"
              data-testid="lang-toggle"
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
              {t('lang.switch')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'password',
                    icon: <LockOutlined />,
                    label: <span data-testid="menu-change-password">{t('nav.changePassword')}</span>,
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="menu-logout">{t('nav.logout')}</span>,
                  },
                ],
                onClick: ({ key }) => {
                  if (key === 'password') setChangingPassword(true);
                  else {
                    message.destroy(); // this user's notices are not the next user's
                    void logout();
                  }
                },
              }}
            >
              <Button size="small" type="text" data-testid="user-menu">
                <UserOutlined />
                <span data-testid="current-user">{user?.username}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="app-content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
        <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
      </Layout>
    </Layout>
  );
}
