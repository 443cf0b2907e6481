// KPI and session endpoints: the permission matrix (each role × KPI and sessions, agent own vs other,
// shop A vs shop B), paging, bad input, and hostile input (SQL fragments, <script> in chat text).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../helpers/engines.js';
import { type ApiFixture, apiFixture, buildUser, type Client, get, login } from './helpers.js';

describe.each(enginesUnderTest())('KPI and session API on $name', (engine) => {
  let f: ApiFixture;
  const c: Record<string, Client> = {};
  let own = '';
  let other = '';

  beforeAll(async () => {
    f = await apiFixture(engine);
    own = f.agents[0];
    other = f.agents[1];
    await f.store.shops.upsert({ id: 'shop-b', name: '另一家店', timeZone: 'Asia/Shanghai' });
    const users = [
      buildUser('admin', { username: 'admin' }),
      buildUser('supervisor', { username: 'supervisor', shops: [f.shop] }),
      buildUser('inspector', { username: 'inspector', shops: [f.shop] }),
      buildUser('agent', { username: 'agent', shops: [f.shop], agentNick: own }),
      buildUser('viewer', { username: 'viewer', shops: [f.shop] }),
      buildUser('supervisor', { username: 'sup-b', shops: ['shop-b'] }),
    ];
    for (const u of users) {
      await f.auth.createUser(u);
      c[u.username] = await login(f.app, u.username);
    }
  });
  afterAll(async () => {
    await f.cleanup();
  });

  const kpiUrl = (extra = '') =>
    `/api/v1/kpi?from=${f.from}&to=${f.to}&shop=${encodeURIComponent(f.shop)}${extra}`;
  const sessionsUrl = (extra = '') => `/api/v1/sessions?shop=${encodeURIComponent(f.shop)}${extra}`;

  it('needs a login', async () => {
    expect((await get(f.app, null, kpiUrl())).statusCode).toBe(401);
    expect((await get(f.app, null, sessionsUrl())).statusCode).toBe(401);
  });

  it('applies the role × data permission matrix', async () => {
    const expected: Record<
      string,
      { kpi: number; sessions: number; kpiOther: number; sessionsOther: number }
    > = {
      admin: { kpi: 200, sessions: 200, kpiOther: 200, sessionsOther: 200 },
      supervisor: { kpi: 200, sessions: 200, kpiOther: 200, sessionsOther: 200 },
      inspector: { kpi: 200, sessions: 200, kpiOther: 200, sessionsOther: 200 },
      agent: { kpi: 200, sessions: 200, kpiOther: 403, sessionsOther: 403 },
      viewer: { kpi: 200, sessions: 403, kpiOther: 200, sessionsOther: 403 },
      'sup-b': { kpi: 403, sessions: 403, kpiOther: 403, sessionsOther: 403 },
    };
    const got: typeof expected = {};
    for (const who of Object.keys(expected)) {
      got[who] = {
        kpi: (await get(f.app, c[who], kpiUrl())).statusCode,
        sessions: (await get(f.app, c[who], sessionsUrl())).statusCode,
        kpiOther: (await get(f.app, c[who], kpiUrl(`&agent=${encodeURIComponent(other)}`))).statusCode,
        sessionsOther: (await get(f.app, c[who], sessionsUrl(`&agent=${encodeURIComponent(other)}`)))
          .statusCode,
      };
    }
    expect(got).toEqual(expected);
  });

  it('returns the same KPI JSON as the CLI, and holds an agent to their own nick', async () => {
    const all = (await get(f.app, c.supervisor, kpiUrl('&by=day'))).json();
    expect(Object.keys(all).sort()).toEqual(['agents', 'days', 'total']);
    expect(all.agents.length).toBe(f.agents.length);
    const mine = (await get(f.app, c.agent, kpiUrl())).json();
    expect(mine.agents.map((a: { agent: string }) => a.agent)).toEqual([own]);
    // Without `shop`, a user with one shop gets that shop.
    const noShop = await get(f.app, c.agent, `/api/v1/kpi?from=${f.from}&to=${f.to}`);
    expect(noShop.json()).toEqual(mine);
    // Explain: own is fine, another agent's is 403.
    const ex = `/api/v1/kpi/explain?metric=reply_rate&from=${f.from}&to=${f.from}&agent=`;
    const explained = await get(f.app, c.agent, ex + encodeURIComponent(own));
    expect(explained.statusCode).toBe(200);
    expect(Array.isArray(explained.json().items)).toBe(true);
    expect((await get(f.app, c.agent, ex + encodeURIComponent(other))).statusCode).toBe(403);
  });

  it('lists sessions with filters and keyset paging, and an agent only theirs', async () => {
    const page1 = (await get(f.app, c.supervisor, sessionsUrl('&limit=7'))).json();
    expect(page1.items).toHaveLength(7);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = (
      await get(f.app, c.supervisor, sessionsUrl(`&limit=7&cursor=${page1.next_cursor}`))
    ).json();
    const ids1 = page1.items.map((s: { id: string }) => s.id);
    const ids2 = page2.items.map((s: { id: string }) => s.id);
    expect(ids2.filter((id: string) => ids1.includes(id))).toEqual([]);
    // Walking every page visits each session once.
    let cursor: string | null = null;
    const seen = new Set<string>();
    do {
      const res: { items: Array<{ id: string }>; next_cursor: string | null } = (
        await get(f.app, c.supervisor, sessionsUrl(`&limit=200${cursor ? `&cursor=${cursor}` : ''}`))
      ).json();
      for (const s of res.items) seen.add(s.id);
      cursor = res.next_cursor;
    } while (cursor);
    const total = await f.store.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(seen.size).toBe(Number(total.n));

    const mine = (await get(f.app, c.agent, sessionsUrl('&limit=200'))).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((s: { agent: string }) => s.agent))).toEqual(new Set([own]));

    const day = (
      await get(f.app, c.supervisor, sessionsUrl(`&from=${f.from}&to=${f.from}&limit=200`))
    ).json();
    expect(day.items.every((s: { day: string }) => s.day === f.from)).toBe(true);
    const withOrder = (await get(f.app, c.supervisor, sessionsUrl('&has_order=true&limit=200'))).json();
    const without = (await get(f.app, c.supervisor, sessionsUrl('&has_order=false&limit=200'))).json();
    expect(withOrder.items.length).toBeGreaterThan(0);
    expect(without.items.length).toBeGreaterThan(0);
    const overlap = withOrder.items.filter((s: { id: string }) =>
      without.items.some((t: { id: string }) => t.id === s.id),
    );
    expect(overlap).toEqual([]);
  });

  it('shows one session with messages in order, and guards it by agent and shop', async () => {
    const list = (
      await get(f.app, c.supervisor, sessionsUrl(`&agent=${encodeURIComponent(own)}&limit=1`))
    ).json();
    const id = list.items[0].id;
    const res = await get(f.app, c.supervisor, `/api/v1/sessions/${id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.session).toMatchObject({ id, agent: own });
    expect(body.messages.length).toBe(body.session.messageCount);
    const times = body.messages.map((m: { at: number }) => m.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Array.isArray(body.orders)).toBe(true);
    expect(Array.isArray(body.refunds)).toBe(true);

    expect((await get(f.app, c.agent, `/api/v1/sessions/${id}`)).statusCode).toBe(200);
    const otherList = (
      await get(f.app, c.supervisor, sessionsUrl(`&agent=${encodeURIComponent(other)}&limit=1`))
    ).json();
    expect((await get(f.app, c.agent, `/api/v1/sessions/${otherList.items[0].id}`)).statusCode).toBe(403);
    expect((await get(f.app, c['sup-b'], `/api/v1/sessions/${id}`)).statusCode).toBe(403);
    expect((await get(f.app, c.viewer, `/api/v1/sessions/${id}`)).statusCode).toBe(403);
    expect((await get(f.app, c.supervisor, '/api/v1/sessions/ffffffffffffffff')).statusCode).toBe(404);
  });

  it('answers bad input with 400 and the field names', async () => {
    const noDates = await get(f.app, c.supervisor, '/api/v1/kpi');
    expect(noDates.statusCode).toBe(400);
    expect(Object.keys(noDates.json().fields).sort()).toEqual(['from', 'to']);
    const badDate = await get(f.app, c.supervisor, `/api/v1/kpi?from=2026-13-45&to=${f.to}&by=week`);
    expect(badDate.statusCode).toBe(400);
    expect(Object.keys(badDate.json().fields).sort()).toEqual(['by', 'from']);
    const reversed = await get(f.app, c.supervisor, `/api/v1/kpi?from=${f.to}&to=${f.from}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().fields).toHaveProperty('to');
    const metric = await get(
      f.app,
      c.supervisor,
      `/api/v1/kpi/explain?agent=x&metric=nope&from=${f.from}&to=${f.to}`,
    );
    expect(metric.statusCode).toBe(400);
    expect(metric.json().fields).toHaveProperty('metric');
    const paging = await get(f.app, c.supervisor, sessionsUrl('&limit=0&has_order=maybe&cursor=garbage'));
    expect(paging.statusCode).toBe(400);
    expect(Object.keys(paging.json().fields).sort()).toEqual(['has_order', 'limit']);
    const cursor = await get(f.app, c.supervisor, sessionsUrl('&cursor=garbage'));
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().fields).toHaveProperty('cursor');
    expect(
      (await get(f.app, c.supervisor, `/api/v1/sessions/${encodeURIComponent("1' OR 1=1")}`)).statusCode,
    ).toBe(400);
    expect((await get(f.app, c.admin, `/api/v1/kpi?from=${f.from}&to=${f.to}&shop=nope`)).statusCode).toBe(
      404,
    );
  });

  it('keeps SQL fragments in filter values inert', async () => {
    const evil = encodeURIComponent("x' OR 1=1 --");
    const kpi = await get(f.app, c.supervisor, kpiUrl(`&agent=${evil}`));
    expect(kpi.statusCode).toBe(200);
    expect(kpi.json().agents).toEqual([]);
    const grp = await get(f.app, c.supervisor, kpiUrl(`&group=${evil}`));
    expect(grp.json().agents).toEqual([]);
    const sessions = await get(f.app, c.supervisor, sessionsUrl(`&agent=${evil}`));
    expect(sessions.statusCode).toBe(200);
    expect(sessions.json().items).toEqual([]);
    const group = await get(f.app, c.supervisor, sessionsUrl(`&group=${evil}`));
    expect(group.json().items).toEqual([]);
    expect((await get(f.app, c.agent, sessionsUrl(`&agent=${evil}`))).statusCode).toBe(403);
    expect(
      (await get(f.app, c.supervisor, `/api/v1/kpi?from=${f.from}&to=${f.to}&shop=${evil}`)).statusCode,
    ).toBe(403);
  });

  it('returns <script> in chat text verbatim as JSON text', async () => {
    const list = (await get(f.app, c.supervisor, sessionsUrl('&limit=1'))).json();
    const id = list.items[0].id;
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const msg = await f.store.db
      .selectFrom('messages')
      .select('id')
      .where('session_id', '=', id)
      .orderBy('at')
      .executeTakeFirstOrThrow();
    await f.store.db.updateTable('messages').set({ text: hostile }).where('id', '=', msg.id).execute();
    const res = await get(f.app, c.supervisor, `/api/v1/sessions/${id}`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().messages.find((m: { id: string }) => m.id === msg.id).text).toBe(hostile);
  });
});
