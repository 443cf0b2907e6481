// Who is asking: every request's session cookie is resolved to an actor (or none), and every
// state-changing request except login must echo the CSRF cookie in `x-csrf-token` (double submit).
// `Authorization: Bearer <API token>` authenticates POST /api/v1/import only (a header is not sent by the
// browser on its own, so it needs no CSRF echo); anywhere else it is ignored.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiTokenInfo, ApiTokenService } from '../services/api-token.service.js';
import type { Actor, AuthService, AuthenticatedSession } from '../services/auth.service.js';
import { ServiceError } from '../services/service-error.js';
import { CSRF_COOKIE, parseCookies, SESSION_COOKIE } from './cookies.js';
import type { Decision } from './policies.js';

declare module 'fastify' {
  interface FastifyRequest {
    cookieJar: Record<string, string>;
    auth: AuthenticatedSession | null;
    /** The API token a machine import authenticated with. */
    apiToken: ApiTokenInfo | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);
/** The only route an API token opens. */
export const TOKEN_ROUTE = '/api/v1/import';

export function registerRequestAuth(app: FastifyInstance, auth: AuthService, tokens: ApiTokenService): void {
  app.decorateRequest('cookieJar', null as unknown as Record<string, string>);
  app.decorateRequest('auth', null);
  app.decorateRequest('apiToken', null);
  app.addHook('onRequest', async (req) => {
    req.cookieJar = parseCookies(req.headers.cookie);
    const path = req.url.split('?')[0];
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer && req.method === 'POST' && path === TOKEN_ROUTE) {
      req.apiToken = (await tokens.authenticate(bearer)) ?? null;
      if (!req.apiToken) throw new ServiceError('unauthorized', 'unknown API token');
      return;
    }
    req.auth = (await auth.authenticate(req.cookieJar[SESSION_COOKIE])) ?? null;
    if (UNSAFE.has(req.method) && !CSRF_EXEMPT.has(path)) {
      const header = req.headers['x-csrf-token'];
      const sent = typeof header === 'string' ? header : '';
      const cookie = req.cookieJar[CSRF_COOKIE] ?? '';
      const ok = sent !== '' && same(sent, cookie) && (!req.auth || same(sent, req.auth.csrf));
      if (!ok) throw new ServiceError('forbidden', 'missing or wrong x-csrf-token header');
    }
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.auth) throw new ServiceError('unauthorized', 'log in first');
  return req.auth.actor;
}

export function authorize(decision: Decision): void {
  if (!decision.ok) throw new ServiceError('forbidden', decision.reason);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
