// GET /api/v1/sessions (filtered, keyset-paged) and GET /api/v1/sessions/:id (messages, orders, refunds,
// findings). Chat text goes out as JSON strings, exactly as stored: rendering it safely is the client's job.
import type { FastifyInstance } from 'fastify';
import { ServiceError } from '../../../services/service-error.js';
import type { RulebookService } from '../../../services/rulebook.service.js';
import { SessionService } from '../../../services/session.service.js';
import type { Store } from '../../../store/store.js';
import { canReadSessions, canSeeShop, forcedAgent } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { resolveShopFor } from '../../shop-scope.js';
import { parseInput } from '../../validate.js';
import { presentSessionDetail } from './sessions.presenter.js';
import { SessionDetailQuery, SessionListQuery, SessionParams } from './sessions.schema.js';

export function registerSessionRoutes(app: FastifyInstance, store: Store, rules: RulebookService): void {
  const sessions = new SessionService(store);

  app.get('/api/v1/sessions', async (req) => {
    const actor = requireActor(req);
    const q = parseInput(SessionListQuery, req.query);
    const shop = await resolveShopFor(store, actor, q.shop);
    authorize(canReadSessions(actor, shop, q.agent));
    const page = await sessions.list({
      shop,
      from: q.from,
      to: q.to,
      agent: q.agent ?? forcedAgent(actor),
      group: q.group,
      hasOrder: q.has_order === undefined ? undefined : q.has_order === 'true',
      rule: q.rule,
      severity: q.severity,
      scoreMin: q.score_min,
      scoreMax: q.score_max,
      inquiryNotConverted: q.inquiry_not_converted === 'true',
      limit: q.limit,
      cursor: q.cursor,
    });
    return { items: page.items, next_cursor: page.nextCursor };
  });

  app.get('/api/v1/sessions/:id', async (req) => {
    const actor = requireActor(req);
    const { id } = parseInput(SessionParams, req.params);
    const q = parseInput(SessionDetailQuery, req.query);
    // A named shop must be visible; without one, look in every shop (one key lookup each), so that a
    // session of a shop outside the user's list answers 403 like the rest of the API, not 404.
    const shops = q.shop
      ? [await resolveShopFor(store, actor, q.shop)]
      : (await store.shops.list()).map((s) => s.id);
    const found = await sessions.find(id, shops);
    if (found.length === 0) throw new ServiceError('not_found', `no session ${id}`);
    const visible = found.find((s) => canSeeShop(actor, s.shop).ok) ?? found[0];
    authorize(canReadSessions(actor, visible.shop, visible.agent));
    return presentSessionDetail(await sessions.detail(visible), rules);
  });
}
