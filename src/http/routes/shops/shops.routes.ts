// GET /api/v1/shops (the shops the user may see) and GET /api/v1/agents (a shop's roster; an agent user
// sees only their own entry).
import type { FastifyInstance } from 'fastify';
import { type KpiSettings, resolveKpiSettings } from '../../../domain/kpi/settings.js';
import type { Store } from '../../../store/store.js';
import { canReadKpi, canSeeShop, forcedAgent } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { resolveShopFor } from '../../shop-scope.js';
import { parseInput } from '../../validate.js';
import { AgentsQuery } from './shops.schema.js';

export function registerShopRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/shops', async (req) => {
    const actor = requireActor(req);
    const shops = (await store.shops.list()).filter((s) => canSeeShop(actor, s.id).ok);
    return {
      items: shops.map((s) => {
        // The shop's KPI settings (docs/metrics.md § Settings): the web app marks slow replies with them.
        const k = resolveKpiSettings(s.timeZone, (s.settings.kpi ?? {}) as Partial<KpiSettings>);
        return {
          id: s.id,
          name: s.name,
          timeZone: s.timeZone,
          kpi: {
            slowThresholdS: k.slowThresholdS,
            creditWindowDays: k.creditWindowDays,
            paidWindowDays: k.paidWindowDays,
          },
        };
      }),
    };
  });

  app.get('/api/v1/agents', async (req) => {
    const actor = requireActor(req);
    const q = parseInput(AgentsQuery, req.query);
    const shop = await resolveShopFor(store, actor, q.shop);
    authorize(canReadKpi(actor, shop, undefined));
    return { items: await store.shops.agents(shop, forcedAgent(actor)) };
  });
}
