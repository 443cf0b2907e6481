// GET /api/v1/sessions (filtered, keyset-paged) and GET /api/v1/sessions/:id (messages, orders, refunds,
// findings). Chat text goes out as JSON strings, exactly as stored: rendering it safely is the client's job.
import type { FastifyInstance } from 'fastify';
import { ServiceError } from '../../../services/service-error.js';
import { SessionService } from '../../../services/session.service.js';
import type { Store } from '../../../store/store.js';
import { canReadSessions, canSeeShop, forcedAgent } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { resolveShopFor } from '../../shop-scope.js';
import { parseInput } from '../../validate.js';
import { SessionListQuery, SessionParams } from './sessions.schema.js';

export function registerSessionRoutes(app: FastifyInstance, store: Store): void {
  const sessions = new SessionService(store);

  app.get('/api/v1/sessions', async (req) => {
    const actor = requireActor(req);
    const q = parseInput(SessionListQuery, req.query);
    const shop = await resolveShopFor(store, actor, q.shop);
    authorize(canReadSessions(actor, shop, q.agent));
    return sessions.list({
      shop,
      from: q.from,
      to: q.to,
      agent: q.agent ?? forcedAgent(actor),
      group: q.group,
      hasOrder: q.has_order === undefined ? undefined : q.has_order === 'true',
      limit: q.limit,
      cursor: q.cursor,
    });
  });

  app.get('/api/v1/sessions/:id', async (req) => {
    const actor = requireActor(req);
    const { id } = parseInput(SessionParams, req.params);
    const found = await sessions.find(id);
    if (found.length === 0) throw new ServiceError('not_found', `no session ${id}`);
    const visible = found.find((s) => canSeeShop(actor, s.shop).ok) ?? found[0];
    authorize(canReadSessions(actor, visible.shop, visible.agent));
    return sessions.detail(visible);
  });
}
