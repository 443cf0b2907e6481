// One function per API endpoint the web client uses, returning normalized shapes.
import { apiDelete, apiGet, apiPatch, apiPost, type Query } from './client';
import {
  itemsOf,
  normalizeExplain,
  normalizeFinding,
  normalizePage,
  normalizeSessionDetail,
  normalizeSummary,
} from './normalize';
import type {
  Agent,
  ApiToken,
  KpiMetricKey,
  KpiReport,
  ManagedUser,
  Role,
  Rulebook,
  RuleTestResult,
  SessionSummary,
  Shop,
  User,
} from './types';

export const login = (username: string, password: string) =>
  apiPost<{ user: User }>('/auth/login', { username, password });
export const logout = () => apiPost<unknown>('/auth/logout');
export const me = () => apiGet<{ user: User }>('/auth/me');
export const changePassword = (current: string, password: string) =>
  apiPost<unknown>('/auth/password', { current, password });

// Account administration (admin).
export const users = async () => itemsOf<ManagedUser>(await apiGet('/users'));
export const createUser = (u: {
  username: string;
  password: string;
  role: Role;
  shops: string[];
  agent?: string;
}) => apiPost<{ user: User }>('/users', u);
export const updateUser = (
  id: string,
  patch: {
    role?: Role;
    shops?: string[];
    agent?: string | null;
    disabled?: boolean;
    password?: string;
  },
) => apiPatch<{ user: ManagedUser }>(`/users/${encodeURIComponent(id)}`, patch);

export const tokens = async () => itemsOf<ApiToken>(await apiGet('/tokens'));
export const createToken = (shop: string, name: string) =>
  apiPost<{ token: string; item: ApiToken }>('/tokens', { shop, name });
export const revokeToken = (id: string) => apiDelete<unknown>(`/tokens/${encodeURIComponent(id)}`);

export const shops = async () => itemsOf<Shop>(await apiGet('/shops'));
export const agents = async (q: Query = {}) => itemsOf<Agent>(await apiGet('/agents', q));

export interface Period {
  from: string;
  to: string;
}

export const kpi = (q: Period & { agent?: string; group?: string; by?: 'day'; shop?: string }) =>
  apiGet<KpiReport>('/kpi', q as unknown as Query);

export const kpiExplain = async (q: Period & { agent: string; metric: KpiMetricKey; shop?: string }) =>
  normalizeExplain(await apiGet('/kpi/explain', q as unknown as Query));

export const sessions = async (q: Query) => normalizePage<SessionSummary>(await apiGet('/sessions', q));

export const session = async (id: string) =>
  normalizeSessionDetail(await apiGet(`/sessions/${encodeURIComponent(id)}`));

export const findings = async (q: Query) => normalizePage(await apiGet('/findings', q), normalizeFinding);

export const findingsSummary = async (q: Query) => normalizeSummary(await apiGet('/findings/summary', q));

export const rules = () => apiGet<Rulebook>('/rules');

export const testRule = (id: string, text: string, from: 'agent' | 'buyer' | 'bot') =>
  apiPost<RuleTestResult>(`/rules/${encodeURIComponent(id)}/test`, { text, from });
