// GET /api/v1/findings (filtered, keyset-paged, newest day first) and GET /api/v1/findings/summary
// (counts by rule, agent and day; session scores by agent and day).
import type { FastifyInstance } from 'fastify';
import { FindingService } from '../../../services/finding.service.js';
import type { RulebookService } from '../../../services/rulebook.service.js';
import type { Store } from '../../../store/store.js';
import { canReadFindingSummary, canReadFindings, forcedAgent } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { resolveShopFor } from '../../shop-scope.js';
import { parseInput } from '../../validate.js';
import { presentFinding, presentSummary } from './findings.presenter.js';
import { FindingListQuery, FindingSummaryQuery } from './findings.schema.js';

export function registerFindingRoutes(app: FastifyInstance, store: Store, rules: RulebookService): void {
  const findings = new FindingService(store, rules);

  app.get('/api/v1/findings', async (req) => {
    const actor = requireActor(req);
    const q = parseInput(FindingListQuery, req.query);
    const shop = await resolveShopFor(store, actor, q.shop);
    authorize(canReadFindings(actor, shop, q.agent));
    const page = await findings.list({ ...q, shop, agent: q.agent ?? forcedAgent(actor) });
    return { items: page.items.map((f) => presentFinding(f, rules)), next_cursor: page.nextCursor };
  });

  app.get('/api/v1/findings/summary', async (req) => {
    const actor = requireActor(req);
    const q = parseInput(FindingSummaryQuery, req.query);
    const shop = await resolveShopFor(store, actor, q.shop);
    authorize(canReadFindingSummary(actor, shop, q.agent));
    return presentSummary(await findings.summary({ ...q, shop, agent: q.agent ?? forcedAgent(actor) }));
  });
}
