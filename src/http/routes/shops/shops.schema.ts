import { z } from 'zod';

export const AgentsQuery = z.object({ shop: z.string().min(1).max(200).optional() });

export const ShopView = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  kpi: z.object({ slowThresholdS: z.number(), creditWindowDays: z.number(), paidWindowDays: z.number() }),
});

export const AgentView = z.object({
  nick: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  group: z.string().nullable(),
  hiredOn: z.string().nullable(),
  mentor: z.string().nullable(),
});

export const ShopsResponse = z.object({ items: z.array(ShopView) });
export const AgentsResponse = z.object({ items: z.array(AgentView) });
