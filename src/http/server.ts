// The HTTP server. Routes are thin: they validate, authorize (policies.ts), call a service, and present
// the result. Errors a service raises on purpose map to 4xx here; anything else is a logged 500.
import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ApiTokenService } from '../services/api-token.service.js';
import { AuthService } from '../services/auth.service.js';
import { RulebookService } from '../services/rulebook.service.js';
import { ServiceError, type ServiceErrorKind } from '../services/service-error.js';
import { StatusService } from '../services/status.service.js';
import { UsersService } from '../services/users.service.js';
import type { Store } from '../store/store.js';
import { registerRequestAuth } from './request-auth.js';
import { registerAuthRoutes } from './routes/auth/auth.routes.js';
import { registerFindingRoutes } from './routes/findings/findings.routes.js';
import { registerImportRoutes } from './routes/imports/imports.routes.js';
import { registerKpiRoutes } from './routes/kpi/kpi.routes.js';
import { registerDocsRoutes } from './routes/openapi/docs.routes.js';
import { registerOpenApiRoutes } from './routes/openapi/openapi.routes.js';
import { registerRuleRoutes } from './routes/rules/rules.routes.js';
import { registerSessionRoutes } from './routes/sessions/sessions.routes.js';
import { registerShopRoutes } from './routes/shops/shops.routes.js';
import { registerTokenRoutes } from './routes/tokens/tokens.routes.js';
import { registerUserRoutes } from './routes/users/users.routes.js';

export interface ServerOptions {
  logger?: boolean;
  /** Injected for tests (a fixed clock, a custom rate limit); one is made from the store otherwise. */
  auth?: AuthService;
  /** Trust X-Forwarded-For (behind a reverse proxy), so login rate limiting sees the real client. */
  trustProxy?: boolean;
  /** The rulebook the rules endpoints show and test (default: the default rulebook, compiled once). */
  rulebook?: RulebookService;
  /** Largest file POST /import accepts (default 512 MiB); larger answers 413. */
  importMaxFileBytes?: number;
}

const DEFAULT_IMPORT_MAX_FILE_BYTES = 512 * 2 ** 20;
const MAX_FILES_PER_IMPORT = 20;

const STATUS: Record<ServiceErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
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

  const tokens = new ApiTokenService(store);
  const rulebook = options.rulebook ?? new RulebookService();
  const importMax = options.importMaxFileBytes ?? DEFAULT_IMPORT_MAX_FILE_BYTES;
  await app.register(multipart, {
    limits: { fileSize: importMax, files: MAX_FILES_PER_IMPORT, fields: 5, fieldSize: 1000, parts: 30 },
  });
  registerRequestAuth(app, auth, tokens);

  const status = new StatusService(store);
  const health = async () => {
    const s = await status.status();
    return { ok: true, engine: s.engine, counts: s.counts };
  };
  app.get('/api/health', health);
  app.get('/api/v1/health', health);

  registerAuthRoutes(app, auth);
  registerUserRoutes(app, auth, new UsersService(store));
  registerKpiRoutes(app, store);
  registerSessionRoutes(app, store, rulebook);
  registerShopRoutes(app, store);
  registerFindingRoutes(app, store, rulebook);
  registerRuleRoutes(app, store, rulebook);
  registerImportRoutes(app, store, importMax);
  registerTokenRoutes(app, tokens);
  registerOpenApiRoutes(app);
  registerDocsRoutes(app);

  // ---- Web app (web/dist, built by `npm run build:web`) at `/`, with a SPA fallback to index.html for
  // any other GET that is not under /api. Unknown /api paths keep Fastify's JSON 404. Owned by the web
  // client; kept in this one block so route registrations above stay untouched. ----
  {
    const { existsSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
    const hasWeb = existsSync(`${webDist}index.html`);
    if (hasWeb) {
      const fastifyStatic = (await import('@fastify/static')).default;
      await app.register(fastifyStatic, {
        root: webDist,
        prefix: '/',
        cacheControl: false,
        setHeaders: (res, path) => {
          // Hashed assets never change; index.html must be fetched again to pick up a new build.
          res.setHeader(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }
    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0];
      if (
        hasWeb &&
        (req.method === 'GET' || req.method === 'HEAD') &&
        path !== '/api' &&
        !path.startsWith('/api/')
      ) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return reply
        .code(404)
        .send({ message: `Route ${req.method}:${req.url} not found`, error: 'Not Found', statusCode: 404 });
    });
  }
  // ---- end of web app block ----

  return app;
}
