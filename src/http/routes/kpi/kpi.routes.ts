// GET /api/v1/kpi (the same JSON as `zhipei kpi --json`) and GET /api/v1/kpi/explain (as `kpi explain --json`).
import type { FastifyInstance } from 'fastify';
import { KpiService } from '../../../services/kpi.service.js';
import type { Store } from '../../../store/store.js';
import { canReadKpi, forcedAgent } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { resolveShopFor } from '../../shop-scope.js';
import { parseInput } from '../../validate.js';
import { KpiExplainQuery, KpiQuery } from './kpi.schema.js';

export function registerKpiRoutes(app: FastifyInstance, store: Store): void {
  const kpi = new KpiService(store);

  app.get('/api/v1/kpi', async (req) => {
    const actor = requireActor(req);
    const q = parseInput(KpiQuery, req.query);
    const shop = await resolveShopFor(store, actor, q.shop);
    authorize(canReadKpi(actor, shop, q.agent));
    const report = await kpi.report({
      from: q.from,
      to: q.to,
      shop,
      agent: q.agent ?? forcedAgent(actor),
      group: q.group,
      byDay: q.by === 'day',
    });
    const out: Record<string, unknown> = { agents: report.agents, total: report.total };
    if (report.days) out.days = report.days;
    return out;
  });

  app.get('/api/v1/kpi/explain', async (req) => {
    const actor = requireActor(req);
    const q = parseInput(KpiExplainQuery, req.query);
    const shop = await resolveShopFor(store, actor, q.shop);
    authorize(canReadKpi(actor, shop, q.agent));
    const { items } = await kpi.explain({ shop, agent: q.agent, metric: q.metric, from: q.from, to: q.to });
    return { items };
  });
}
