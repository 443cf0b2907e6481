// The HTTP server. Routes are thin: they validate, authorize (policies.ts), call a service, and present
// the result. Errors a service raises on purpose map to 4xx here; anything else is a logged 500.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { AuthService } from '../services/auth.service.js';
import { ServiceError, type ServiceErrorKind } from '../services/service-error.js';
import { StatusService } from '../services/status.service.js';
import type { Store } from '../store/store.js';
import { registerRequestAuth } from './request-auth.js';
import { registerAuthRoutes } from './routes/auth/auth.routes.js';
import { registerKpiRoutes } from './routes/kpi/kpi.routes.js';
import { registerOpenApiRoutes } from './routes/openapi/openapi.routes.js';
import { registerSessionRoutes } from './routes/sessions/sessions.routes.js';
import { registerUserRoutes } from './routes/users/users.routes.js';

export interface ServerOptions {
  logger?: boolean;
  /** Injected for tests (a fixed clock, a custom rate limit); one is made from the store otherwise. */
  auth?: AuthService;
  /** Trust X-Forwarded-For (behind a reverse proxy), so login rate limiting sees the real client. */
  trustProxy?: boolean;
}

const STATUS: Record<ServiceErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: options.trustProxy ?? false });
  const auth = options.auth ?? new AuthService(store);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ServiceError) {
      if (err.kind === 'rate_limited' && err.fields?.retryAfter)
        reply.header('retry-after', err.fields.retryAfter);
      const fields = err.kind === 'bad_request' || err.kind === 'conflict' ? err.fields : undefined;
      return reply
        .code(STATUS[err.kind])
        .send({ error: err.kind, message: err.message, ...(fields ? { fields } : {}) });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'bad_request', message: err.message });
    }
    req.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  registerRequestAuth(app, auth);

  const status = new StatusService(store);
  const health = async () => {
    const s = await status.status();
    return { ok: true, engine: s.engine, counts: s.counts };
  };
  app.get('/api/health', health);
  app.get('/api/v1/health', health);

  registerAuthRoutes(app, auth);
  registerUserRoutes(app, auth);
  registerKpiRoutes(app, store);
  registerSessionRoutes(app, store);
  registerOpenApiRoutes(app);
  return app;
}
