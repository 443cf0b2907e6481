// The web API under load: a real server listening on 127.0.0.1 over the benched store, logged in as admin,
// driven by autocannon with 20 connections for ~5 s per scenario. Rows: p50/p95/p99 latency and req/s for
// the overview (GET /kpi for 30 days + GET /findings/summary), the session list and the session viewer.
import autocannon from 'autocannon';
import { buildServer } from '../src/http/server.js';
import { AuthService } from '../src/services/auth.service.js';
import { InspectionService } from '../src/services/inspection.service.js';
import { type BenchStore, percentile, type Row } from './lib.js';

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 5);
const VIEWER_IDS = 500;

interface Scenario {
  name: string;
  target: number;
  requests: Array<{ method: 'GET'; path: string }>;
}

export async function benchApi(ctx: { bs: BenchStore; size: string; rows: Row[] }): Promise<void> {
  const { bs, size, rows } = ctx;
  const inspected = await new InspectionService(bs.store).inspect();
  console.error(`[bench] api: inspected ${inspected.sessions} sessions, ${inspected.findings} findings`);

  const auth = new AuthService(bs.store);
  const password = 'bench-admin-password';
  if (!(await bs.store.users.byUsername('admin')))
    await auth.createUser({ username: 'admin', password, role: 'admin', shops: [] });
  const app = await buildServer(bs.store, { auth });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no server address');
    const base = `http://127.0.0.1:${address.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const shop = (await bs.store.shops.list())[0].id;
    const span = await bs.store.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.max('day').as('last'))
      .where('shop', '=', shop)
      .executeTakeFirstOrThrow();
    const to = String(span.last);
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const s = encodeURIComponent(shop);
    const ids = await bs.store.db
      .selectFrom('sessions')
      .select('id')
      .where('shop', '=', shop)
      .where('day', '>=', from)
      .orderBy('id')
      .limit(20_000)
      .execute();
    const step = Math.max(1, Math.floor(ids.length / VIEWER_IDS));
    const viewerIds = ids.filter((_, i) => i % step === 0).slice(0, VIEWER_IDS);

    const scenarios: Scenario[] = [
      {
        name: 'overview (GET /kpi 30 days + GET /findings/summary)',
        target: 150,
        requests: [
          { method: 'GET', path: `/api/v1/kpi?shop=${s}&from=${from}&to=${to}` },
          { method: 'GET', path: `/api/v1/findings/summary?shop=${s}&from=${from}&to=${to}` },
        ],
      },
      {
        name: 'session list (GET /sessions, 30 days, limit 50)',
        target: 150,
        requests: [{ method: 'GET', path: `/api/v1/sessions?shop=${s}&from=${from}&to=${to}&limit=50` }],
      },
      {
        name: `session viewer (GET /sessions/:id, ${viewerIds.length} ids)`,
        target: 100,
        requests: viewerIds.map((r) => ({
          method: 'GET' as const,
          path: `/api/v1/sessions/${r.id}?shop=${s}`,
        })),
      },
    ];

    for (const sc of scenarios) {
      // Every request must succeed: check each once before loading the server with them.
      for (const r of sc.requests.slice(0, 3)) {
        const res = await fetch(base + r.path, { headers: { cookie } });
        if (!res.ok) throw new Error(`${r.path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
      const { result, times } = await run(base, cookie, sc);
      const bad = result.non2xx + result.errors;
      const [p50, p95, p99] = [50, 95, 99].map((p) => Math.round(percentile(times, p)));
      rows.push({
        bench: `API ${sc.name}`,
        engine: bs.engine,
        size,
        value: `p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, ${Math.round(result.requests.average)} req/s`,
        note: `${CONNECTIONS} connections, ${DURATION_S} s, ${result.requests.total} requests${bad ? `, ${bad} failed` : ''}; target p95 < ${sc.target} ms${p95 < sc.target ? ' (met)' : ' (MISSED)'}`,
      });
    }
  } finally {
    await app.close();
  }
}

/** Runs one scenario; `times` holds every response's latency (ms), for exact percentiles. */
function run(
  base: string,
  cookie: string,
  sc: Scenario,
): Promise<{ result: autocannon.Result; times: number[] }> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { cookie },
        requests: sc.requests,
      },
      (err, result) => (err ? reject(err) : resolve({ result, times })),
    );
    instance.on('response', (_client, _status, _bytes, ms: number) => times.push(ms));
    instance.on('error', reject);
  });
}
