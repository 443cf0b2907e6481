import { buildServer } from '../../http/server.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, intFlag, parseFlags } from '../parse.js';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...DB_OPTION, port: { type: 'string' }, host: { type: 'string' } });
  const port = intFlag(values.port, 'port') ?? Number(process.env.PORT || 8080);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const store = await connectStore(values.db);
  const app = await buildServer(store);
  await app.listen({ port, host });
  console.log(`Zhipei is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
  console.log(`store: ${store.handle.displayName} (${store.engine})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await store.close();
  return 0;
}
