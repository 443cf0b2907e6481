// Accounts over HTTP: login, me, logout, wrong password, rate limiting, CSRF, password change, user creation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../helpers/engines.js';
import { type ApiFixture, apiFixture, buildUser, cookiesOf, get, login, PASSWORD, post } from './helpers.js';

describe.each(enginesUnderTest())('auth API on $name', (engine) => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await apiFixture(engine);
  });
  afterAll(async () => {
    await f.cleanup();
  });

  it('ensureAdmin creates admin once, from the given password', async () => {
    const first = await f.auth.ensureAdmin('admin-pass-123');
    expect(first).toEqual({ username: 'admin', password: 'admin-pass-123', generated: false });
    expect(await f.auth.ensureAdmin()).toBeNull();
    const row = await f.store.users.byUsername('admin');
    expect(row?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[^$]+\$[^$]+$/);
    expect(row?.passwordHash).not.toContain('admin-pass-123');
  });

  it('logs in with cookies, answers me, and logs out', async () => {
    await f.auth.createUser(buildUser('supervisor', { username: 'sup1', shops: [f.shop] }));
    const res = await post(f.app, null, '/api/v1/auth/login', { username: 'sup1', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const session = setCookie.find((c) => c.startsWith('zhipei_session='))!;
    const csrf = setCookie.find((c) => c.startsWith('zhipei_csrf='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(res.json().user).toMatchObject({ username: 'sup1', role: 'supervisor', shops: [f.shop] });
    const cookies = cookiesOf(res);
    // Only the hash of the token is stored.
    const rows = await f.store.db.selectFrom('auth_sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(cookies.zhipei_session);

    const client = await login(f.app, 'sup1');
    const me = await get(f.app, client, '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('sup1');

    expect((await post(f.app, client, '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await get(f.app, client, '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await get(f.app, null, '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    await f.auth.createUser(buildUser('viewer', { username: 'view1', shops: [f.shop] }));
    const wrong = await post(f.app, null, '/api/v1/auth/login', { username: 'view1', password: 'nope-nope' });
    const unknown = await post(f.app, null, '/api/v1/auth/login', {
      username: 'ghost',
      password: 'nope-nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rate-limits failed logins per username and address with 429', async () => {
    await f.auth.createUser(buildUser('viewer', { username: 'limited', shops: [f.shop] }));
    for (let i = 0; i < 5; i++) {
      const r = await post(f.app, null, '/api/v1/auth/login', {
        username: 'limited',
        password: 'wrong-pass',
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await post(f.app, null, '/api/v1/auth/login', {
      username: 'limited',
      password: PASSWORD,
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not blocked.
    const other = await f.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.9.9.9',
      payload: { username: 'limited', password: PASSWORD },
    });
    expect(other.statusCode).toBe(200);
  });

  it('requires the CSRF header on state-changing requests', async () => {
    await f.auth.createUser(buildUser('inspector', { username: 'insp-csrf', shops: [f.shop] }));
    const client = await login(f.app, 'insp-csrf');
    const missing = await post(f.app, client, '/api/v1/auth/logout', undefined, false);
    expect(missing.statusCode).toBe(403);
    const wrong = await f.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: client.cookie, 'x-csrf-token': 'forged' },
      payload: { current: PASSWORD, password: 'another-pass-1' },
    });
    expect(wrong.statusCode).toBe(403);
    // Still logged in: the refused logout did nothing.
    expect((await get(f.app, client, '/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('changes a password and ends other sessions', async () => {
    await f.auth.createUser(buildUser('inspector', { username: 'insp-pw', shops: [f.shop] }));
    const a = await login(f.app, 'insp-pw');
    const b = await login(f.app, 'insp-pw');
    const bad = await post(f.app, a, '/api/v1/auth/password', {
      current: 'wrong',
      password: 'new-password-1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('current');
    const short = await post(f.app, a, '/api/v1/auth/password', { current: PASSWORD, password: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields).toHaveProperty('password');
    const ok = await post(f.app, a, '/api/v1/auth/password', {
      current: PASSWORD,
      password: 'new-password-1',
    });
    expect(ok.statusCode).toBe(200);
    expect((await get(f.app, a, '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await get(f.app, b, '/api/v1/auth/me')).statusCode).toBe(401);
    await login(f.app, 'insp-pw', 'new-password-1');
  });

  it('lets only an admin create users, validating fields', async () => {
    await f.auth.createUser(buildUser('admin', { username: 'root2' }));
    await f.auth.createUser(buildUser('supervisor', { username: 'sup-nocreate', shops: [f.shop] }));
    const admin = await login(f.app, 'root2');
    const sup = await login(f.app, 'sup-nocreate');
    const body = {
      username: 'agent-new',
      password: 'agent-pass-1',
      role: 'agent',
      shops: [f.shop],
      agent: f.agents[0],
    };
    expect((await post(f.app, sup, '/api/v1/users', body)).statusCode).toBe(403);
    expect((await post(f.app, null, '/api/v1/users', body)).statusCode).toBe(403); // no CSRF cookie at all
    const created = await post(f.app, admin, '/api/v1/users', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ username: 'agent-new', role: 'agent', agent: f.agents[0] });
    expect((await post(f.app, admin, '/api/v1/users', body)).statusCode).toBe(409);

    const bad = await post(f.app, admin, '/api/v1/users', { username: 'a b', password: 'x', role: 'boss' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['password', 'role', 'username']);
    const noNick = await post(f.app, admin, '/api/v1/users', {
      ...body,
      username: 'agent-2',
      agent: undefined,
    });
    expect(noNick.statusCode).toBe(400);
    expect(noNick.json().fields).toHaveProperty('agent');
    const badShop = await post(f.app, admin, '/api/v1/users', {
      ...body,
      username: 'agent-3',
      shops: ['nope'],
    });
    expect(badShop.statusCode).toBe(400);
    expect(badShop.json().fields).toHaveProperty('shops');
  });

  it('rejects malformed JSON with 400, not 500', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    const empty = await post(f.app, null, '/api/v1/auth/login', {});
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().fields).sort()).toEqual(['password', 'username']);
  });

  it('serves an OpenAPI document built from the schemas', async () => {
    const res = await get(f.app, null, '/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/kpi',
        '/api/v1/sessions',
        '/api/v1/sessions/{id}',
      ]),
    );
    const kpiParams = doc.paths['/api/v1/kpi'].get.parameters.map((p: { name: string }) => p.name);
    expect(kpiParams).toEqual(expect.arrayContaining(['from', 'to', 'agent', 'group', 'by']));
  });
});
