// POST /api/v1/tokens (admin: a new API token for one shop, shown once), GET /api/v1/tokens (admin) and
// DELETE /api/v1/tokens/:id (admin: revoke; the token stops working at once).
import type { FastifyInstance } from 'fastify';
import type { ApiTokenInfo, ApiTokenService } from '../../../services/api-token.service.js';
import { canManageTokens } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { parseInput } from '../../validate.js';
import { CreateTokenBody, TokenParams } from './tokens.schema.js';

export function registerTokenRoutes(app: FastifyInstance, tokens: ApiTokenService): void {
  app.post('/api/v1/tokens', async (req, reply) => {
    const actor = requireActor(req);
    authorize(canManageTokens(actor));
    const body = parseInput(CreateTokenBody, req.body);
    const { token, info } = await tokens.create({ shop: body.shop, name: body.name, createdBy: actor.id });
    reply.code(201);
    return { token, item: present(info) };
  });

  app.get('/api/v1/tokens', async (req) => {
    authorize(canManageTokens(requireActor(req)));
    return { items: (await tokens.list()).map(present) };
  });

  app.delete('/api/v1/tokens/:id', async (req) => {
    authorize(canManageTokens(requireActor(req)));
    const { id } = parseInput(TokenParams, req.params);
    await tokens.revoke(id);
    return { ok: true };
  });
}

function present(t: ApiTokenInfo) {
  return { id: t.id, shop: t.shop, name: t.name, created_at: t.createdAt };
}
