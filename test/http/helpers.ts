// Test helpers for the HTTP API: a server over a fresh store with the demo shop, users of every role,
// and a login that returns the cookies and CSRF header to send back.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { AuthService, type Role } from '../../src/services/auth.service.js';
import { DemoService } from '../../src/services/demo.service.js';
import { KpiService } from '../../src/services/kpi.service.js';
import type { Store } from '../../src/store/store.js';
import type { EngineUnderTest } from '../helpers/engines.js';

export const PASSWORD = 'correct horse 1';

export interface ApiFixture {
  app: FastifyInstance;
  store: Store;
  auth: AuthService;
  shop: string;
  agents: string[];
  from: string;
  to: string;
  cleanup(): Promise<void>;
}

export async function apiFixture(engine: EngineUnderTest): Promise<ApiFixture> {
  const { store, cleanup } = await engine.fresh();
  const r = await new DemoService(store).load({ messages: 3000, agents: 6, seed: 3 });
  await new KpiService(store).refreshAfterImport(r.days);
  const days = Object.values(r.days).flat().sort();
  const report = await new KpiService(store).report({ from: days[0], to: days[days.length - 1] });
  const auth = new AuthService(store);
  const app = await buildServer(store, { auth });
  return {
    app,
    store,
    auth,
    shop: r.shop,
    agents: report.agents.map((a) => a.agent),
    from: days[0],
    to: days[days.length - 1],
    async cleanup() {
      await app.close();
      await cleanup();
    },
  };
}

export interface Client {
  cookie: string;
  csrf: string;
}

export function buildUser(
  role: Role,
  overrides: { username?: string; shops?: string[]; agentNick?: string } = {},
) {
  return {
    username: overrides.username ?? `${role}-${Math.random().toString(36).slice(2, 8)}`,
    password: PASSWORD,
    role,
    shops: overrides.shops ?? [],
    agentNick: overrides.agentNick ?? null,
  };
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const out: Record<string, string> = {};
  for (const c of list) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = cookiesOf(res);
  return { cookie: `zhipei_session=${c.zhipei_session}; zhipei_csrf=${c.zhipei_csrf}`, csrf: c.zhipei_csrf };
}

export function get(app: FastifyInstance, client: Client | null, url: string) {
  return app.inject({ method: 'GET', url, headers: client ? { cookie: client.cookie } : {} });
}

export function post(
  app: FastifyInstance,
  client: Client | null,
  url: string,
  payload?: object,
  csrf = true,
) {
  const headers: Record<string, string> = {};
  if (client) headers.cookie = client.cookie;
  if (client && csrf) headers['x-csrf-token'] = client.csrf;
  return app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
}

/** Any method with a JSON body (PATCH, DELETE, …), with the CSRF header unless csrf is false. */
export function send(
  app: FastifyInstance,
  client: Client | null,
  method: 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  payload?: object,
  csrf = true,
) {
  const headers: Record<string, string> = {};
  if (client) headers.cookie = client.cookie;
  if (client && csrf) headers['x-csrf-token'] = client.csrf;
  return app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}
