import { buildServer } from '../../http/server.js';
import { AuthService } from '../../services/auth.service.js';
import { DemoService } from '../../services/demo.service.js';
import { DerivedDataService } from '../../services/derived-data.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, intFlag, parseFlags } from '../parse.js';
import { progressPrinter } from '../progress.js';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    port: { type: 'string' },
    host: { type: 'string' },
    'no-demo': { type: 'boolean' },
  });
  const port = intFlag(values.port, 'port') ?? Number(process.env.PORT || 8080);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const store = await connectStore(values.db);
  if (!values['no-demo'] && (await store.status.counts()).shops === 0) {
    // First start on an empty store: load the demo shop so there is something true to look at.
    console.log('empty store: loading the demo shop (西域果园旗舰店, 67 agents, 30 days)…');
    const progress = progressPrinter(process.stdout);
    const r = await new DemoService(store).load({}, progress.update);
    progress.done();
    console.log(
      `demo shop loaded: ${r.records.toLocaleString('en-US')} records, ${r.sessionsTouched.toLocaleString('en-US')} sessions`,
    );
    console.log((await new DerivedDataService(store).refreshAfterImport(r)).summary);
  }
  const auth = new AuthService(store);
  const admin = await auth.ensureAdmin(process.env.ZHIPEI_ADMIN_PASSWORD || undefined);
  const app = await buildServer(store, { auth });
  await app.listen({ port, host });
  console.log(`Zhipei is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
  console.log(`store: ${store.handle.displayName} (${store.engine})`);
  if (admin) {
    // Printed once, when the admin account is created (from ZHIPEI_ADMIN_PASSWORD or a fresh random one).
    console.log(`admin login: ${admin.username} / ${admin.password}`);
    if (admin.generated)
      console.log('(generated now; set ZHIPEI_ADMIN_PASSWORD to choose it, or change it after login)');
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await app.close();
  await store.close();
  return 0;
}
