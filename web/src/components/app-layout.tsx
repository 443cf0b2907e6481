// The frame of every signed-in page: a side menu, a header with the language toggle and the user.
import {
  BarChartOutlined,
  BookOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  MessageOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { useShop } from '../auth/shop-context';
import { useI18n } from '../i18n/i18n';

const { Sider, Header, Content } = Layout;

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  const { shops, shop, pickShop } = useShop();
  const { pathname } = useLocation();
  const selected = pathname === '/' || pathname.startsWith('/agents') ? '/' : `/${pathname.split('/')[1]}`;
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.overview')}</Link> },
    { key: '/sessions', icon: <MessageOutlined />, label: <Link to="/sessions">{t('nav.sessions')}</Link> },
    { key: '/findings', icon: <BarChartOutlined />, label: <Link to="/findings">{t('nav.findings')}</Link> },
    { key: '/rules', icon: <BookOutlined />, label: <Link to="/rules">{t('nav.rules')}</Link> },
    { key: '/import', icon: <CloudUploadOutlined />, label: <Link to="/import">{t('nav.import')}</Link> },
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
            <Typography.Text data-testid="current-user">{user?.username}</Typography.Text>
            <Button size="small" type="link" onClick={() => void logout()}>
              {t('nav.logout')}
            </Button>
          </Space>
        </Header>
        <Content className="app-content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
