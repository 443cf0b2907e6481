import { z } from 'zod';
import { KPI_METRIC_KEYS } from '../../../domain/kpi/metrics.js';

export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, 'not a real date');

const Name = z.string().min(1).max(200);

export const KpiQuery = z
  .object({
    from: Day,
    to: Day,
    shop: Name.optional(),
    agent: Name.optional(),
    group: Name.optional(),
    by: z.literal('day').optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' });

const MAX_EXPLAIN_DAYS = 92;

export const KpiExplainQuery = z
  .object({
    agent: Name,
    metric: z.enum(KPI_METRIC_KEYS),
    from: Day,
    to: Day,
    shop: Name.optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_EXPLAIN_DAYS * 86_400_000, {
    path: ['to'],
    message: `at most ${MAX_EXPLAIN_DAYS} days`,
  });
