import { z } from 'zod';
import { Day } from '../kpi/kpi.schema.js';

const Name = z.string().min(1).max(200);

export const SessionListQuery = z
  .object({
    shop: Name.optional(),
    from: Day.optional(),
    to: Day.optional(),
    agent: Name.optional(),
    group: Name.optional(),
    has_order: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to is before from' });

export const SessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{1,64}$/, 'a session id') });
