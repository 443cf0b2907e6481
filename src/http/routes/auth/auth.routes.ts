// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me, POST /api/v1/auth/password.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService } from '../../../services/auth.service.js';
import { CSRF_COOKIE, formatCookie, SESSION_COOKIE } from '../../cookies.js';
import { requireActor } from '../../request-auth.js';
import { parseInput } from '../../validate.js';
import { ChangePasswordBody, LoginBody } from './auth.schema.js';
import { presentUser } from './user.presenter.js';

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService): void {
  app.post('/api/v1/auth/login', async (req, reply) => {
    const body = parseInput(LoginBody, req.body);
    const r = await auth.login(body.username, body.password, req.ip);
    const maxAge = Math.floor((r.expiresAt - Date.now()) / 1000);
    setCookies(req, reply, r.token, r.csrf, maxAge);
    return { user: presentUser(r.actor), csrf: r.csrf };
  });

  app.post('/api/v1/auth/logout', async (req, reply) => {
    if (req.auth) await auth.logout(req.auth.tokenHash);
    setCookies(req, reply, '', '', 0);
    return { ok: true };
  });

  app.get('/api/v1/auth/me', async (req) => ({ user: presentUser(requireActor(req)) }));

  app.post('/api/v1/auth/password', async (req) => {
    const actor = requireActor(req);
    const body = parseInput(ChangePasswordBody, req.body);
    await auth.changePassword(actor.id, body.current, body.password, req.auth?.tokenHash);
    return { ok: true };
  });
}

function setCookies(req: FastifyRequest, reply: FastifyReply, token: string, csrf: string, maxAge: number) {
  const secure = req.protocol === 'https';
  reply.header('set-cookie', [
    formatCookie(SESSION_COOKIE, token, { httpOnly: true, secure, maxAge }),
    formatCookie(CSRF_COOKIE, csrf, { httpOnly: false, secure, maxAge }),
  ]);
}
