// Providers and routes. Signed-out visitors see the login page; everything else sits in AppLayout.
import { App as AntApp, ConfigProvider } from 'antd';
import { type ComponentType, lazy } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/auth-context';
import { ShopProvider } from './auth/shop-context';
import { AppLayout } from './components/app-layout';
import { Loading } from './components/state-views';
import { I18nProvider, useI18n } from './i18n/i18n';
import { LoginPage } from './pages/login-page';

// Pages load on first visit: the login page and the shell come first, and the charts (ECharts) and
// admin screens only when someone opens them, so the first screen of a slow office line is quick.
const page = <T extends Record<string, ComponentType>>(load: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await load())[name] }));
const AgentPage = page(() => import('./pages/agent-page'), 'AgentPage');
const FindingsPage = page(() => import('./pages/findings-page'), 'FindingsPage');
const ImportPage = page(() => import('./pages/import-page'), 'ImportPage');
const OverviewPage = page(() => import('./pages/overview-page'), 'OverviewPage');
const RulebookPage = page(() => import('./pages/rulebook-page'), 'RulebookPage');
const SessionPage = page(() => import('./pages/session-page'), 'SessionPage');
const SessionsPage = page(() => import('./pages/sessions-page'), 'SessionsPage');
const TokensPage = page(() => import('./pages/tokens-page'), 'TokensPage');
const UsersPage = page(() => import('./pages/users-page'), 'UsersPage');

function SignedIn() {
  const { user, signedOut } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  // A lapsed session comes back to where it was; a user who signed out starts the next sign-in afresh
  // (the next user may not be allowed on this page).
  if (user === null)
    return (
      <Navigate
        to="/login"
        replace
        state={signedOut ? undefined : { from: location.pathname + location.search }}
      />
    );
  return (
    <ShopProvider>
      <AppLayout />
    </ShopProvider>
  );
}

function Localized() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1677ff' } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<SignedIn />}>
                <Route index element={<OverviewPage />} />
                <Route path="/agents/:agent" element={<AgentPage />} />
                <Route path="/sessions" element={<SessionsPage />} />
                <Route path="/sessions/:id" element={<SessionPage />} />
                <Route path="/findings" element={<FindingsPage />} />
                <Route path="/rules" element={<RulebookPage />} />
                <Route path="/import" element={<ImportPage />} />
                <Route path="/users" element={<UsersPage />} />
                <Route path="/tokens" element={<TokensPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
