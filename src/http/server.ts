// The HTTP server. Routes are thin: they validate, call a service, and present the result.
import Fastify, { type FastifyInstance } from 'fastify';
import { StatusService } from '../services/status.service.js';
import type { Store } from '../store/store.js';

export interface ServerOptions {
  logger?: boolean;
}

export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const status = new StatusService(store);
  const health = async () => {
    const s = await status.status();
    return { ok: true, engine: s.engine, counts: s.counts };
  };
  app.get('/api/health', health);
  app.get('/api/v1/health', health);
  return app;
}
