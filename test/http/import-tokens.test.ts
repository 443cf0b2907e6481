// POST /api/v1/import (multipart) and API tokens: who may import, token auth only for import and only for
// its shop, line-numbered errors that leave the store unchanged, the size limit, CSRF for cookie users.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { enginesUnderTest } from '../helpers/engines.js';
import { type ApiFixture, apiFixture, buildUser, type Client, get, login, post } from './helpers.js';

interface Part {
  name: string;
  value: string;
  filename?: string;
}

function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----zhipei${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.filename
      ? `form-data; name="${p.name}"; filename="${p.filename}"`
      : `form-data; name="${p.name}"`;
    const type = p.filename ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  app: FastifyInstance,
  auth: { client?: Client; csrf?: boolean; bearer?: string },
  parts: Part[],
  url = '/api/v1/import',
) {
  const { payload, headers } = multipart(parts);
  if (auth.client) {
    headers.cookie = auth.client.cookie;
    if (auth.csrf !== false) headers['x-csrf-token'] = auth.client.csrf;
  }
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  return app.inject({ method: 'POST', url, headers, payload });
}

describe.each(enginesUnderTest())('import and API token API on $name', (engine) => {
  let f: ApiFixture;
  const c: Record<string, Client> = {};
  let day = '';

  const chatLine = (buyer: string, from: string, time: string, text: string, shop?: string) =>
    JSON.stringify({
      ...(shop ? { shop } : {}),
      buyer,
      agent: f.agents[0],
      from,
      at: `${day}T${time}+08:00`,
      text,
    });
  const goodChats = (buyer: string, shop?: string) =>
    [
      chatLine(buyer, 'buyer', '10:00:00', '在吗？这个有货吗', shop),
      chatLine(buyer, 'agent', '10:00:20', '亲，有货的哦', shop),
    ].join('\n');
  const count = async (table: 'messages' | 'sessions') =>
    Number(
      (
        await f.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    f = await apiFixture(engine);
    day = f.from;
    await f.store.shops.upsert({ id: 'shop-b', name: '另一家店', timeZone: 'Asia/Shanghai' });
    const users = [
      buildUser('admin', { username: 'admin' }),
      buildUser('supervisor', { username: 'supervisor', shops: [f.shop] }),
      buildUser('inspector', { username: 'inspector', shops: [f.shop] }),
      buildUser('agent', { username: 'agent', shops: [f.shop], agentNick: f.agents[0] }),
      buildUser('viewer', { username: 'viewer', shops: [f.shop] }),
    ];
    for (const u of users) {
      await f.auth.createUser(u);
      c[u.username] = await login(f.app, u.username);
    }
  });
  afterAll(async () => {
    await f.cleanup();
  });

  it('lets admins and supervisors import (with CSRF), nobody else', async () => {
    const file = (n: string) => [
      { name: 'files', filename: 'chats.jsonl', value: goodChats(`tb_role_${n}`) },
    ];
    const status: Record<string, number> = {};
    for (const who of ['admin', 'supervisor', 'inspector', 'agent', 'viewer'])
      status[who] = (
        await upload(f.app, { client: c[who] }, [...file(who), { name: 'shop', value: f.shop }])
      ).statusCode;
    expect(status).toEqual({ admin: 200, supervisor: 200, inspector: 403, agent: 403, viewer: 403 });
    expect((await upload(f.app, { client: c.supervisor, csrf: false }, file('nocsrf'))).statusCode).toBe(403);
    // Anonymous: no session, so no CSRF token to echo either.
    expect((await upload(f.app, {}, file('anon'))).statusCode).toBe(403);
  });

  it('imports files, refreshes KPIs and inspection, and reports each file', async () => {
    const before = await count('messages');
    const res = await upload(f.app, { client: c.supervisor }, [
      { name: 'files', filename: 'a.jsonl', value: goodChats('tb_import_a') },
      { name: 'files', filename: 'b.jsonl', value: goodChats('tb_import_b') },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.errors).toEqual([]);
    expect(body.results).toEqual([
      { file: 'a.jsonl', format: 'chats-jsonl', records: 2, inserted: 2, sessionsTouched: 1 },
      { file: 'b.jsonl', format: 'chats-jsonl', records: 2, inserted: 2, sessionsTouched: 1 },
    ]);
    expect(await count('messages')).toBe(before + 4);
    // Derived data followed: the new sessions are inspected (they have a score).
    const list = (await get(f.app, c.supervisor, `/api/v1/sessions?from=${day}&to=${day}&limit=200`)).json();
    const mine = list.items.filter((s: { buyer: string }) => s.buyer === 'tb_import_a');
    expect(mine).toHaveLength(1);
    expect(mine[0].score).toEqual(expect.any(Number));
  });

  it('reports a bad file with its line number and leaves the store unchanged', async () => {
    const before = { messages: await count('messages'), sessions: await count('sessions') };
    const bad = [
      goodChats('tb_bad'),
      '{"buyer":"tb_bad","agent":"x","from":"robot","at":"2026-01-01T10:00:00+08:00","text":"?"}',
    ].join('\n');
    const res = await upload(f.app, { client: c.supervisor }, [
      { name: 'files', filename: 'bad.jsonl', value: bad },
    ]);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.results).toEqual([]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ file: 'bad.jsonl', line: 3, field: 'from' });
    expect(body.errors[0].message).toContain('bad.jsonl:3');
    expect({ messages: await count('messages'), sessions: await count('sessions') }).toEqual(before);

    // One good and one bad file: 200, the good one kept, the bad one reported.
    const mixed = await upload(f.app, { client: c.supervisor }, [
      { name: 'files', filename: 'ok.jsonl', value: goodChats('tb_mixed') },
      { name: 'files', filename: 'bad.jsonl', value: bad },
    ]);
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().results.map((r: { file: string }) => r.file)).toEqual(['ok.jsonl']);
    expect(mixed.json().errors.map((e: { line: number }) => e.line)).toEqual([3]);
    expect(await count('messages')).toBe(before.messages + 2);
  });

  it('answers a request without files, or with unknown fields, with 400 and the field name', async () => {
    const none = await upload(f.app, { client: c.supervisor }, [{ name: 'shop', value: f.shop }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().fields).toHaveProperty('files');
    const wrong = await upload(f.app, { client: c.supervisor }, [
      { name: 'upload', filename: 'x.jsonl', value: '{}' },
    ]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toHaveProperty('upload');
    const json = await post(f.app, c.supervisor, '/api/v1/import', { files: [] });
    expect(json.statusCode).toBe(400);
    expect(json.json().fields).toHaveProperty('files');
  });

  it('keeps a supervisor to their shops, even when the file names another', async () => {
    const before = await count('messages');
    const res = await upload(f.app, { client: c.supervisor }, [
      { name: 'files', filename: 'other.jsonl', value: goodChats('tb_other', 'shop-b') },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ line: 1, field: 'shop' });
    expect(await count('messages')).toBe(before);
    const field = await upload(f.app, { client: c.supervisor }, [
      { name: 'shop', value: 'shop-b' },
      { name: 'files', filename: 'x.jsonl', value: goodChats('tb_x') },
    ]);
    expect(field.statusCode).toBe(403);
  });

  it('makes API tokens (admin only, shown once, stored hashed) that import only into their shop', async () => {
    const made = await post(f.app, c.admin, '/api/v1/tokens', { shop: f.shop, name: 'erp nightly' });
    expect(made.statusCode).toBe(201);
    const { token, item } = made.json();
    expect(token).toMatch(/^zp_/);
    expect(item).toEqual({
      id: expect.any(String),
      shop: f.shop,
      name: 'erp nightly',
      created_at: expect.any(Number),
    });
    const stored = await f.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(stored.map((t) => t.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);
    const listed = (await get(f.app, c.admin, '/api/v1/tokens')).json();
    expect(listed.items).toContainEqual(item);
    expect(JSON.stringify(listed)).not.toContain(token);

    for (const who of ['supervisor', 'inspector', 'agent', 'viewer']) {
      expect((await post(f.app, c[who], '/api/v1/tokens', { shop: f.shop, name: 'x' })).statusCode).toBe(403);
      expect((await get(f.app, c[who], '/api/v1/tokens')).statusCode).toBe(403);
    }
    expect(
      (await post(f.app, c.admin, '/api/v1/tokens', { shop: f.shop, name: 'x' }, false)).statusCode,
    ).toBe(403);
    const bad = await post(f.app, c.admin, '/api/v1/tokens', { shop: '', name: '', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['extra', 'name', 'shop']);
    expect(
      (await post(f.app, c.admin, '/api/v1/tokens', { shop: 'nope', name: 'x' })).json().fields,
    ).toHaveProperty('shop');

    // The token imports (no CSRF, no cookie); files that name no shop land in the token's shop.
    const before = await count('messages');
    const ok = await upload(f.app, { bearer: token }, [
      { name: 'files', filename: 't.jsonl', value: goodChats('tb_token') },
    ]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().results[0].inserted).toBe(2);
    expect(await count('messages')).toBe(before + 2);
    // Only its shop: a record naming another shop fails the file, a `shop` field for another is 403.
    const other = await upload(f.app, { bearer: token }, [
      { name: 'files', filename: 'o.jsonl', value: goodChats('tb_token_o', 'shop-b') },
    ]);
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0]).toMatchObject({ file: 'o.jsonl', line: 1, field: 'shop' });
    const otherField = await upload(f.app, { bearer: token }, [
      { name: 'shop', value: 'shop-b' },
      { name: 'files', filename: 'o.jsonl', value: goodChats('tb_token_o') },
    ]);
    expect(otherField.statusCode).toBe(403);
    expect(await count('messages')).toBe(before + 2);
    // Only import: elsewhere the token authenticates nothing.
    const bearer = { authorization: `Bearer ${token}` };
    for (const url of [
      '/api/v1/sessions',
      `/api/v1/kpi?from=${day}&to=${day}`,
      '/api/v1/tokens',
      '/api/v1/shops',
    ])
      expect((await f.app.inject({ method: 'GET', url, headers: bearer })).statusCode).toBe(401);
    const viaToken = await f.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer,
      payload: { shop: f.shop, name: 'y' },
    });
    expect(viaToken.statusCode).toBe(403);
    expect(
      (
        await upload(f.app, { bearer: 'zp_not-a-token' }, [
          { name: 'files', filename: 'z.jsonl', value: goodChats('z') },
        ])
      ).statusCode,
    ).toBe(401);
  });

  it('answers a file over the size limit with 413 and imports nothing', async () => {
    const small = await buildServer(f.store, { auth: f.auth, importMaxFileBytes: 1000 });
    try {
      const before = await count('messages');
      const big = Array.from({ length: 40 }, (_, i) =>
        chatLine(`tb_big_${i}`, 'buyer', '11:00:00', '这是一条很长的消息'.repeat(3)),
      ).join('\n');
      expect(big.length).toBeGreaterThan(1000);
      const res = await upload(small, { client: c.admin }, [
        { name: 'files', filename: 'big.jsonl', value: big },
      ]);
      expect(res.statusCode).toBe(413);
      expect(res.json().message).toMatch(/larger than/);
      expect(await count('messages')).toBe(before);
    } finally {
      await small.close();
    }
  });
});
