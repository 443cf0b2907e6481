// Shops, agents, findings, findings summary, the new session filters and the rulebook endpoints: the
// permission matrix per data kind, exactness of "inquiry not converted" against the KPI figures, keyset
// paging, bad input, and the API reference page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectionService } from '../../src/services/inspection.service.js';
import { enginesUnderTest } from '../helpers/engines.js';
import { type ApiFixture, apiFixture, buildUser, type Client, get, login, post } from './helpers.js';

interface FindingItem {
  id: string;
  rule: string;
  rule_name: string;
  severity: string;
  agent: string;
  date: string;
  session_id: string;
  evidence: Array<{ message_id: string; start: number; end: number; text: string }>;
}

describe.each(enginesUnderTest())('findings, rules, shops and agents API on $name', (engine) => {
  let f: ApiFixture;
  const c: Record<string, Client> = {};
  let own = '';
  let other = '';
  const q = (s: string) => encodeURIComponent(s);

  beforeAll(async () => {
    f = await apiFixture(engine);
    await new InspectionService(f.store).inspect({ workers: 0 });
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

  const findingsUrl = (extra = '') => `/api/v1/findings?shop=${q(f.shop)}${extra}`;
  const summaryUrl = (extra = '') =>
    `/api/v1/findings/summary?shop=${q(f.shop)}&from=${f.from}&to=${f.to}${extra}`;
  const sessionsUrl = (extra = '') => `/api/v1/sessions?shop=${q(f.shop)}${extra}`;

  it('lists the shops a user may see, and a shop roster (an agent sees only themself)', async () => {
    const admin = (await get(f.app, c.admin, '/api/v1/shops')).json();
    expect(admin.items.map((s: { id: string }) => s.id).sort()).toEqual([f.shop, 'shop-b'].sort());
    expect(admin.items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      timeZone: expect.any(String),
      kpi: { slowThresholdS: 60, creditWindowDays: 1, paidWindowDays: 3 },
    });
    const sup = (await get(f.app, c.supervisor, '/api/v1/shops')).json();
    expect(sup.items.map((s: { id: string }) => s.id)).toEqual([f.shop]);
    expect((await get(f.app, null, '/api/v1/shops')).statusCode).toBe(401);

    const roster = (await get(f.app, c.supervisor, '/api/v1/agents')).json();
    expect(roster.items.length).toBeGreaterThanOrEqual(f.agents.length);
    expect(Object.keys(roster.items[0]).sort()).toEqual([
      'group',
      'hiredOn',
      'mentor',
      'name',
      'nick',
      'role',
    ]);
    const mine = (await get(f.app, c.agent, '/api/v1/agents')).json();
    expect(mine.items.map((a: { nick: string }) => a.nick)).toEqual([own]);
    expect((await get(f.app, c.viewer, '/api/v1/agents')).statusCode).toBe(200);
    expect((await get(f.app, c['sup-b'], `/api/v1/agents?shop=${q(f.shop)}`)).statusCode).toBe(403);
  });

  it('applies the role × data permission matrix to findings, summary and rules', async () => {
    const expected: Record<string, Record<string, number>> = {
      admin: {
        findings: 200,
        findingsOther: 200,
        summary: 200,
        summaryOther: 200,
        rules: 200,
        ruleTest: 200,
      },
      supervisor: {
        findings: 200,
        findingsOther: 200,
        summary: 200,
        summaryOther: 200,
        rules: 200,
        ruleTest: 200,
      },
      inspector: {
        findings: 200,
        findingsOther: 200,
        summary: 200,
        summaryOther: 200,
        rules: 200,
        ruleTest: 200,
      },
      agent: {
        findings: 200,
        findingsOther: 403,
        summary: 200,
        summaryOther: 403,
        rules: 200,
        ruleTest: 200,
      },
      viewer: {
        findings: 403,
        findingsOther: 403,
        summary: 200,
        summaryOther: 200,
        rules: 200,
        ruleTest: 200,
      },
      'sup-b': {
        findings: 403,
        findingsOther: 403,
        summary: 403,
        summaryOther: 403,
        rules: 200,
        ruleTest: 200,
      },
    };
    const rule = (await get(f.app, c.admin, '/api/v1/rules')).json().rules[0].id;
    const got: typeof expected = {};
    for (const who of Object.keys(expected)) {
      got[who] = {
        findings: (await get(f.app, c[who], findingsUrl())).statusCode,
        findingsOther: (await get(f.app, c[who], findingsUrl(`&agent=${q(other)}`))).statusCode,
        summary: (await get(f.app, c[who], summaryUrl())).statusCode,
        summaryOther: (await get(f.app, c[who], summaryUrl(`&agent=${q(other)}`))).statusCode,
        rules: (await get(f.app, c[who], '/api/v1/rules')).statusCode,
        ruleTest: (await post(f.app, c[who], `/api/v1/rules/${rule}/test`, { text: '你好' })).statusCode,
      };
    }
    expect(got).toEqual(expected);
    for (const url of [findingsUrl(), summaryUrl(), '/api/v1/rules'])
      expect((await get(f.app, null, url)).statusCode).toBe(401);
  });

  it('pages findings by keyset with filters, and holds an agent to their own', async () => {
    const all: FindingItem[] = [];
    let cursor: string | null = null;
    do {
      const res: { items: FindingItem[]; next_cursor: string | null } = (
        await get(f.app, c.supervisor, findingsUrl(`&limit=50${cursor ? `&cursor=${cursor}` : ''}`))
      ).json();
      all.push(...res.items);
      cursor = res.next_cursor;
    } while (cursor);
    const stored = await f.store.db
      .selectFrom('findings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(all.length).toBe(Number(stored.n));
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
    const days = all.map((x) => x.date);
    expect(days).toEqual([...days].sort().reverse());
    const first = all[0];
    expect(first.rule_name).toEqual(expect.any(String));
    expect(first.evidence[0]).toEqual({
      message_id: expect.any(String),
      start: expect.any(Number),
      end: expect.any(Number),
      text: expect.any(String),
    });

    const rule = first.rule;
    const byRule = (await get(f.app, c.supervisor, findingsUrl(`&rule=${q(rule)}&limit=200`))).json();
    expect(byRule.items.length).toBe(Math.min(200, all.filter((x) => x.rule === rule).length));
    expect(byRule.items.every((x: FindingItem) => x.rule === rule)).toBe(true);
    const sev = first.severity;
    const bySev = (await get(f.app, c.supervisor, findingsUrl(`&severity=${sev}&limit=200`))).json();
    expect(bySev.items.every((x: FindingItem) => x.severity === sev)).toBe(true);
    const day = (
      await get(f.app, c.supervisor, findingsUrl(`&from=${first.date}&to=${first.date}&limit=200`))
    ).json();
    expect(day.items.every((x: FindingItem) => x.date === first.date)).toBe(true);

    const mine = (await get(f.app, c.agent, findingsUrl('&limit=200'))).json();
    expect(mine.items.every((x: FindingItem) => x.agent === own)).toBe(true);
    expect(mine.items.length).toBe(Math.min(200, all.filter((x) => x.agent === own).length));
  });

  it('summarizes findings by rule, agent and day, with scores, consistent with the list', async () => {
    const s = (await get(f.app, c.supervisor, summaryUrl())).json();
    const total = s.by_rule.reduce((a: number, r: { count: number }) => a + r.count, 0);
    const listed = await f.store.db
      .selectFrom('findings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('day', '>=', f.from)
      .where('day', '<=', f.to)
      .executeTakeFirstOrThrow();
    expect(total).toBe(Number(listed.n));
    expect(s.by_agent.reduce((a: number, r: { count: number }) => a + r.count, 0)).toBe(total);
    expect(s.by_day.reduce((a: number, r: { count: number }) => a + r.count, 0)).toBe(total);
    expect(s.by_rule[0]).toEqual({
      rule: expect.any(String),
      name: expect.any(String),
      category: expect.any(String),
      severity: expect.any(String),
      count: expect.any(Number),
    });
    const a = s.by_agent[0];
    expect(Object.values(a.by_severity as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(a.count);
    expect(s.scores.team.sessions).toBe(
      s.scores.by_agent.reduce((x: number, r: { sessions: number }) => x + r.sessions, 0),
    );
    expect(s.scores.team.score).toBeGreaterThan(0);
    const mine = (await get(f.app, c.agent, `/api/v1/findings/summary?from=${f.from}&to=${f.to}`)).json();
    expect(mine.by_agent.every((r: { agent: string }) => r.agent === own)).toBe(true);
    expect(mine.scores.by_agent.map((r: { agent: string }) => r.agent)).toEqual([own]);
  });

  it('filters sessions by rule, severity and score range', async () => {
    const finding = (await get(f.app, c.supervisor, findingsUrl('&limit=1'))).json().items[0] as FindingItem;
    const byRule = (await get(f.app, c.supervisor, sessionsUrl(`&rule=${q(finding.rule)}&limit=200`))).json();
    expect(byRule.items.map((s: { id: string }) => s.id)).toContain(finding.session_id);
    const ruleRows = await f.store.db
      .selectFrom('findings')
      .select('session_id')
      .where('rule', '=', finding.rule)
      .execute();
    const withRule = new Set(ruleRows.map((r) => r.session_id));
    expect(byRule.items.every((s: { id: string }) => withRule.has(s.id))).toBe(true);
    const crit = (await get(f.app, c.supervisor, sessionsUrl('&severity=critical&limit=200'))).json();
    for (const s of crit.items.slice(0, 5)) {
      const d = (await get(f.app, c.supervisor, `/api/v1/sessions/${s.id}`)).json();
      expect(d.findings.some((x: { severity: string }) => x.severity === 'critical')).toBe(true);
    }
    const low = (await get(f.app, c.supervisor, sessionsUrl('&score_max=90&limit=200'))).json();
    expect(low.items.length).toBeGreaterThan(0);
    expect(low.items.every((s: { score: number | null }) => s.score !== null && s.score <= 90)).toBe(true);
    const band = (
      await get(f.app, c.supervisor, sessionsUrl('&score_min=95&score_max=100&limit=200'))
    ).json();
    expect(band.items.every((s: { score: number }) => s.score >= 95 && s.score <= 100)).toBe(true);
  });

  it('finds exactly the inquiry sessions that did not convert (agrees with the KPI figures)', async () => {
    const kpi = (await get(f.app, c.supervisor, `/api/v1/kpi?from=${f.from}&to=${f.to}`)).json();
    for (const agent of f.agents.slice(0, 3)) {
      const row = kpi.agents.find((a: { agent: string }) => a.agent === agent);
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { items: Array<{ id: string; agent: string }>; next_cursor: string | null } = (
          await get(
            f.app,
            c.supervisor,
            sessionsUrl(
              `&from=${f.from}&to=${f.to}&agent=${q(agent)}&inquiry_not_converted=true&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
            ),
          )
        ).json();
        ids.push(...res.items.map((s) => s.id));
        cursor = res.next_cursor;
      } while (cursor);
      expect(ids.length).toBe(row.inquiry_buyers - row.inquiry_paid_buyers);
      // The same sessions the KPI explanation of the conversion rate counts as not converted.
      const ex = (
        await get(
          f.app,
          c.supervisor,
          `/api/v1/kpi/explain?agent=${q(agent)}&metric=inquiry_conversion_rate&from=${f.from}&to=${f.to}`,
        )
      ).json();
      const notPaid = ex.items
        .filter((it: { included: boolean; numerator: number }) => it.included && it.numerator === 0)
        .map((it: { sessionId: string }) => it.sessionId);
      expect(new Set(ids)).toEqual(new Set(notPaid));
    }
  });

  it('shows the rulebook with examples, and tests a sentence against one rule', async () => {
    const rb = (await get(f.app, c.viewer, '/api/v1/rules')).json();
    expect(rb).toMatchObject({
      id: expect.any(String),
      version: expect.any(String),
      fingerprint: expect.any(String),
    });
    expect(rb.rules.length).toBeGreaterThan(5);
    // Every rule with a plain-text hit example: testing that text hits, and each miss text misses.
    let checked = 0;
    for (const rule of rb.rules) {
      for (const ex of rule.examples) {
        if (ex.messages.length !== 1 || ex.orders || ex.refunds) continue;
        const m = ex.messages[0];
        if (m.at !== 0 || m.kind || m.agent) continue;
        const res = await post(f.app, c.inspector, `/api/v1/rules/${rule.id}/test`, {
          text: m.text,
          from: m.from,
        });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect({ rule: rule.id, text: m.text, hit: body.hit }).toEqual({
          rule: rule.id,
          text: m.text,
          hit: ex.expect === 'hit',
        });
        if (body.hit) expect(body.findings[0].rule).toBe(rule.id);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('tests a stored session against a rule: the same verdict as the stored findings, and session rights apply', async () => {
    const stored = await f.store.db
      .selectFrom('findings')
      .select(['session_id', 'rule', 'agent', 'evidence'])
      .where('shop', '=', f.shop)
      .where('rule', 'in', [
        'rude_language',
        'adlaw_absolute',
        'off_platform',
        'slow_response',
        'no_greeting',
      ])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const url = `/api/v1/rules/${stored.rule}/test`;
    const hit = await post(f.app, c.supervisor, url, { session_id: stored.session_id, shop: f.shop });
    expect(hit.statusCode).toBe(200);
    expect(hit.json().hit).toBe(true);
    const evidence = JSON.parse(stored.evidence) as Array<{ message_id: string; start: number; end: number }>;
    expect(
      hit
        .json()
        .findings[0].evidence.map((e: { message_id: string; start: number; end: number }) => [
          e.message_id,
          e.start,
          e.end,
        ]),
    ).toEqual(evidence.map((e) => [e.message_id, e.start, e.end]));
    // A session of another agent is 403 for an agent user, as when reading it.
    const foreign = await f.store.db
      .selectFrom('sessions')
      .select('id')
      .where('shop', '=', f.shop)
      .where('agent', '!=', own)
      .executeTakeFirstOrThrow();
    expect((await post(f.app, c.agent, url, { session_id: foreign.id })).statusCode).toBe(403);
    expect((await post(f.app, c.viewer, url, { session_id: stored.session_id })).statusCode).toBe(403);
    expect((await post(f.app, c.supervisor, url, { session_id: '0123456789abcdef' })).statusCode).toBe(404);
  });

  it('answers bad input with 400 and field names, unknown rules with 404, and wants CSRF on POST', async () => {
    const bad = await get(f.app, c.supervisor, findingsUrl('&severity=huge&limit=0&from=2026-02-30'));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['from', 'limit', 'severity']);
    expect((await get(f.app, c.supervisor, findingsUrl('&cursor=garbage'))).json().fields).toHaveProperty(
      'cursor',
    );
    const noDates = await get(f.app, c.supervisor, '/api/v1/findings/summary');
    expect(noDates.statusCode).toBe(400);
    expect(Object.keys(noDates.json().fields).sort()).toEqual(['from', 'to']);
    const sess = await get(
      f.app,
      c.supervisor,
      sessionsUrl('&score_min=abc&severity=x&inquiry_not_converted=yes'),
    );
    expect(sess.statusCode).toBe(400);
    expect(Object.keys(sess.json().fields).sort()).toEqual([
      'inquiry_not_converted',
      'score_min',
      'severity',
    ]);
    const band = await get(f.app, c.supervisor, sessionsUrl('&score_min=90&score_max=10'));
    expect(band.json().fields).toHaveProperty('score_max');
    const rule = (await get(f.app, c.admin, '/api/v1/rules')).json().rules[0].id;
    const empty = await post(f.app, c.supervisor, `/api/v1/rules/${rule}/test`, {
      text: '',
      from: 'robot',
      x: 1,
    });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().fields).sort()).toEqual(['from', 'text', 'x']);
    expect((await post(f.app, c.supervisor, '/api/v1/rules/nope/test', { text: 'hi' })).statusCode).toBe(404);
    const neither = await post(f.app, c.supervisor, `/api/v1/rules/${rule}/test`, {});
    expect(neither.statusCode).toBe(400);
    expect(neither.json().fields).toHaveProperty('text');
    expect(
      (await post(f.app, c.supervisor, `/api/v1/rules/${rule}/test`, { text: 'hi' }, false)).statusCode,
    ).toBe(403);
    const evil = q("x' OR 1=1 --");
    expect((await get(f.app, c.supervisor, findingsUrl(`&rule=${evil}`))).json().items).toEqual([]);
    expect((await get(f.app, c.supervisor, sessionsUrl(`&rule=${evil}`))).json().items).toEqual([]);
  });

  it('serves openapi.json with every endpoint and a self-contained reference page', async () => {
    const doc = (await get(f.app, null, '/api/v1/openapi.json')).json();
    for (const p of [
      '/api/v1/shops',
      '/api/v1/agents',
      '/api/v1/findings',
      '/api/v1/findings/summary',
      '/api/v1/rules',
      '/api/v1/rules/{id}/test',
      '/api/v1/import',
      '/api/v1/tokens',
    ])
      expect(doc.paths).toHaveProperty([p]);
    expect(doc.paths['/api/v1/import'].post.requestBody.content).toHaveProperty(['multipart/form-data']);
    const page = await get(f.app, null, '/api/v1/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    // Nothing external: every src/href is a path on this server.
    const refs = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((r) => r.startsWith('/api/v1/'))).toBe(true);
    for (const r of refs) expect((await get(f.app, null, r)).statusCode).toBe(200);
  });
});
