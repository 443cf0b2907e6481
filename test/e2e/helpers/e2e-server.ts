// A real HTTP server for the browser tests: a fresh store (SQLite, or a PostgreSQL schema) with a small
// demo shop (plus a few hostile chat lines), its derived data, an admin account, listening on a free port.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/http/server.js';
import { AuthService } from '../../../src/services/auth.service.js';
import { DemoService } from '../../../src/services/demo.service.js';
import { DerivedDataService } from '../../../src/services/derived-data.service.js';
import { ImportService } from '../../../src/services/import.service.js';
import type { Store } from '../../../src/store/store.js';
import type { EngineUnderTest } from '../../helpers/engines.js';

export const ADMIN_PASSWORD = 'e2e-admin-pass-1';
export const HOSTILE_TEXT = '<script>window.__pwned=1</script><b>粗体</b>';

export interface E2eServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  shop: string;
  /** A buyer whose chat holds HOSTILE_TEXT. */
  hostileBuyer: string;
  close(): Promise<void>;
}

/** Builds web/dist when it is missing or older than web/src (the same script `npm start` runs). */
export function buildWebIfStale(): void {
  execFileSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
}

export async function startE2eServer(engine: EngineUnderTest): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'zhipei-e2e-'));
  const { store, cleanup } = await engine.fresh();
  const demo = await new DemoService(store).load({ messages: 4000, agents: 8, seed: 3 });
  await new DerivedDataService(store).refreshAfterImport(demo);

  // A chat whose text is markup: the UI must show it as text.
  const agent = (await store.db.selectFrom('agents').select('nick').limit(1).executeTakeFirst())
    ?.nick as string;
  const hostileBuyer = 'e2e_hostile_buyer';
  const at = (t: string) => `2026-11-11T${t}+08:00`;
  const lines = [
    { from: 'buyer', at: at('10:00:00'), text: HOSTILE_TEXT },
    { from: 'agent', at: at('10:03:00'), text: '亲，您好，收到' },
  ].map((m, i) => JSON.stringify({ shop: demo.shop, id: `e2e-h-${i}`, buyer: hostileBuyer, agent, ...m }));
  const file = join(dir, 'hostile.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const hostile = await new ImportService(store).importFile(file);
  await new DerivedDataService(store).refreshAfterImport(hostile);

  const auth = new AuthService(store);
  await auth.ensureAdmin(ADMIN_PASSWORD);
  const app = await buildServer(store, { auth });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    shop: demo.shop,
    hostileBuyer,
    async close() {
      await app.close();
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
