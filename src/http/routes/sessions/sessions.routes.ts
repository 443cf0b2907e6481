// GET /api/v1/sessions (filtered, keyset-paged) and GET /api/v1/sessions/:id (messages, orders, refunds,
// findings). Chat text goes out as JSON strings, exactly as stored: rendering it safely is the client's job.
import type { FastifyInstance } from 'fastify';
import type { RulebookService } from '../../../services/rulebook.service.js';
import { SessionService } from '../../../services/session.service.js';
import type { Store } from '../../../store/store.js';
import { canReadSessions, forcedAgent } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { findReadableSession } from '../../session-access.js';
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
    const visible = await findReadableSession(store, sessions, actor, id, q.shop);
    return presentSessionDetail(await sessions.detail(visible), rules);
  });
}
