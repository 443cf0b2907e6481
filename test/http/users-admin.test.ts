// Running a team's accounts over HTTP: list and change users (admin only), disable (sessions end, login
// refused), reset passwords, no self-demotion, field errors, no password hashes; revoke API tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../helpers/engines.js';
import {
  type ApiFixture,
  apiFixture,
  buildUser,
  type Client,
  get,
  login,
  PASSWORD,
  post,
  send,
} from './helpers.js';

const ROLES = ['admin', 'supervisor', 'inspector', 'agent', 'viewer'] as const;

describe.each(enginesUnderTest())('user and token administration on $name', (engine) => {
  let f: ApiFixture;
  const c: Record<string, Client> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await apiFixture(engine);
    for (const role of ROLES) {
      const u = await f.auth.createUser(
        buildUser(role, {
          username: `m-${role}`,
          shops: role === 'admin' ? [] : [f.shop],
          agentNick: role === 'agent' ? f.agents[0] : undefined,
        }),
      );
      ids[role] = u.id;
      c[role] = await login(f.app, `m-${role}`);
    }
  });
  afterAll(async () => {
    await f.cleanup();
  });

  it('lets only an admin list and change users and tokens (403 for every other role)', async () => {
    const target = ids.viewer;
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const who = c[role];
      expect((await get(f.app, who, '/api/v1/users')).statusCode, role).toBe(403);
      expect(
        (await send(f.app, who, 'PATCH', `/api/v1/users/${target}`, { disabled: true })).statusCode,
      ).toBe(403);
      expect(
        (await post(f.app, who, '/api/v1/users', { username: 'x-y', password: 'p-123456', role: 'viewer' }))
          .statusCode,
      ).toBe(403);
      expect((await get(f.app, who, '/api/v1/tokens')).statusCode).toBe(403);
      expect((await send(f.app, who, 'DELETE', '/api/v1/tokens/0123456789ab')).statusCode).toBe(403);
    }
    expect((await get(f.app, null, '/api/v1/users')).statusCode).toBe(401);
    // CSRF applies to PATCH and DELETE too.
    expect(
      (await send(f.app, c.admin, 'PATCH', `/api/v1/users/${target}`, { disabled: true }, false)).statusCode,
    ).toBe(403);
    expect(
      (await send(f.app, c.admin, 'DELETE', '/api/v1/tokens/0123456789ab', undefined, false)).statusCode,
    ).toBe(403);
    // Nothing changed: the viewer still works.
    expect((await get(f.app, c.viewer, '/api/v1/auth/me')).statusCode).toBe(200);

    const list = await get(f.app, c.admin, '/api/v1/users');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Record<string, unknown>[];
    expect(items.map((u) => u.username)).toEqual(expect.arrayContaining(ROLES.map((r) => `m-${r}`)));
    const agent = items.find((u) => u.username === 'm-agent')!;
    expect(Object.keys(agent).sort()).toEqual(
      ['agent', 'created_at', 'disabled', 'id', 'role', 'shops', 'username'].sort(),
    );
    expect(agent).toMatchObject({ role: 'agent', agent: f.agents[0], shops: [f.shop], disabled: false });
    expect(agent.created_at).toEqual(expect.any(Number));
    // No password hash, under any name.
    expect(list.body).not.toMatch(/scrypt|password/i);
  });

  it('disables a user: their cookie stops working at once and login is refused; enabling restores it', async () => {
    await f.auth.createUser(buildUser('inspector', { username: 'to-disable', shops: [f.shop] }));
    const victim = await login(f.app, 'to-disable');
    const id = (await get(f.app, victim, '/api/v1/auth/me')).json().user.id;
    const res = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id, disabled: true });
    expect(res.body).not.toMatch(/scrypt|password/i);
    expect((await get(f.app, victim, '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await get(f.app, victim, `/api/v1/kpi?from=${f.from}&to=${f.to}`)).statusCode).toBe(401);
    const rows = await f.store.db
      .selectFrom('auth_sessions')
      .select('user_id')
      .where('user_id', '=', id)
      .execute();
    expect(rows).toHaveLength(0);
    const refused = await post(f.app, null, '/api/v1/auth/login', {
      username: 'to-disable',
      password: PASSWORD,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/disabled/);
    expect(refused.headers['set-cookie']).toBeUndefined();
    // A wrong password does not reveal that the account is disabled.
    const wrong = await post(f.app, null, '/api/v1/auth/login', {
      username: 'to-disable',
      password: 'nope-nope',
    });
    expect(wrong.statusCode).toBe(401);

    expect((await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, { disabled: false })).statusCode).toBe(
      200,
    );
    await login(f.app, 'to-disable');
  });

  it('changes role, shops and agent nick; the change applies to live sessions', async () => {
    await f.auth.createUser(buildUser('supervisor', { username: 'becomes-agent', shops: [f.shop] }));
    const who = await login(f.app, 'becomes-agent');
    const id = (await get(f.app, who, '/api/v1/auth/me')).json().user.id;
    const kpi = `/api/v1/kpi?from=${f.from}&to=${f.to}&agent=${encodeURIComponent(f.agents[1])}`;
    expect((await get(f.app, who, kpi)).statusCode).toBe(200);
    const res = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, {
      role: 'agent',
      agent: f.agents[0],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ role: 'agent', agent: f.agents[0], shops: [f.shop] });
    expect((await get(f.app, who, kpi)).statusCode).toBe(403);
    const me = (await get(f.app, who, '/api/v1/auth/me')).json().user;
    expect(me).toMatchObject({ role: 'agent', agent: f.agents[0] });

    // Role agent without a nick, no shops for a non-admin, unknown shops: 400 naming the field.
    const noNick = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, { agent: null });
    expect(noNick.statusCode).toBe(400);
    expect(noNick.json().fields).toHaveProperty('agent');
    const noShops = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, { shops: [] });
    expect(noShops.statusCode).toBe(400);
    expect(noShops.json().fields).toHaveProperty('shops');
    const unknown = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, { shops: ['nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields.shops).toMatch(/unknown shop/);
    const toViewer = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, {
      role: 'viewer',
      agent: null,
    });
    expect(toViewer.json().user).toMatchObject({ role: 'viewer', agent: null });
  });

  it('refuses bad input with 400 and field names, and an unknown user with 404', async () => {
    const url = `/api/v1/users/${ids.viewer}`;
    const bad = await send(f.app, c.admin, 'PATCH', url, {
      role: 'boss',
      disabled: 'yes',
      password: 'x',
      shops: 'all',
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['disabled', 'extra', 'password', 'role', 'shops']);
    const empty = await send(f.app, c.admin, 'PATCH', url, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields).toHaveProperty('(body)');
    const missing = await send(f.app, c.admin, 'PATCH', '/api/v1/users/no-such-user', { disabled: true });
    expect(missing.statusCode).toBe(404);
    expect((await send(f.app, c.admin, 'DELETE', '/api/v1/tokens/not-hex')).json().fields).toHaveProperty(
      'id',
    );
    expect((await send(f.app, c.admin, 'DELETE', '/api/v1/tokens/0123456789ab')).statusCode).toBe(404);
  });

  it('does not let an admin disable or demote themself', async () => {
    const url = `/api/v1/users/${ids.admin}`;
    const disable = await send(f.app, c.admin, 'PATCH', url, { disabled: true });
    expect(disable.statusCode).toBe(400);
    expect(disable.json().fields).toHaveProperty('disabled');
    const demote = await send(f.app, c.admin, 'PATCH', url, { role: 'viewer', shops: [f.shop] });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().fields).toHaveProperty('role');
    const me = (await get(f.app, c.admin, '/api/v1/auth/me')).json().user;
    expect(me.role).toBe('admin');
    // Another admin may be demoted.
    const other = await f.auth.createUser(buildUser('admin', { username: 'm-admin-2' }));
    const demoted = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${other.id}`, {
      role: 'supervisor',
      shops: [f.shop],
    });
    expect(demoted.statusCode).toBe(200);
  });

  it('resets a password: the old one stops working and the user is signed out', async () => {
    await f.auth.createUser(buildUser('viewer', { username: 'forgot-pw', shops: [f.shop] }));
    const before = await login(f.app, 'forgot-pw');
    const id = (await get(f.app, before, '/api/v1/auth/me')).json().user.id;
    const res = await send(f.app, c.admin, 'PATCH', `/api/v1/users/${id}`, { password: 'fresh-pass-9' });
    expect(res.statusCode).toBe(200);
    expect((await get(f.app, before, '/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      (await post(f.app, null, '/api/v1/auth/login', { username: 'forgot-pw', password: PASSWORD }))
        .statusCode,
    ).toBe(401);
    const after = await login(f.app, 'forgot-pw', 'fresh-pass-9');
    // Every signed-in user changes their own password.
    const own = await post(f.app, after, '/api/v1/auth/password', {
      current: 'fresh-pass-9',
      password: 'mine-pass-9',
    });
    expect(own.statusCode).toBe(200);
    await login(f.app, 'forgot-pw', 'mine-pass-9');
  });

  it('revokes an API token: the next import with it answers 401', async () => {
    const made = (await post(f.app, c.admin, '/api/v1/tokens', { shop: f.shop, name: 'to revoke' })).json();
    const boundary = '----zhipeitest';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="files"; filename="t.jsonl"',
      'Content-Type: application/octet-stream',
      '',
      JSON.stringify({
        buyer: 'tb_revoke',
        agent: f.agents[0],
        from: 'buyer',
        at: `${f.from}T10:00:00+08:00`,
        text: '在吗',
      }),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const importWith = () =>
      f.app.inject({
        method: 'POST',
        url: '/api/v1/import',
        headers: {
          authorization: `Bearer ${made.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
    expect((await importWith()).statusCode).toBe(200);
    const del = await send(f.app, c.admin, 'DELETE', `/api/v1/tokens/${made.item.id}`);
    expect(del.statusCode).toBe(200);
    expect((await importWith()).statusCode).toBe(401);
    const listed = (await get(f.app, c.admin, '/api/v1/tokens')).json().items as { id: string }[];
    expect(listed.map((t) => t.id)).not.toContain(made.item.id);
    expect((await send(f.app, c.admin, 'DELETE', `/api/v1/tokens/${made.item.id}`)).statusCode).toBe(404);
  });

  it('describes the new endpoints in the OpenAPI document', async () => {
    const doc = (await get(f.app, null, '/api/v1/openapi.json')).json();
    expect(doc.paths['/api/v1/users'].get).toBeDefined();
    expect(doc.paths['/api/v1/users/{id}'].patch.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/tokens/{id}'].delete).toBeDefined();
  });
});
