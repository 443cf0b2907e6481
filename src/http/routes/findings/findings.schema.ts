import { z } from 'zod';
import { SEVERITIES } from '../../../domain/inspection/types.js';
import { Day } from '../kpi/kpi.schema.js';
import { EvidenceView } from '../sessions/sessions.schema.js';

const Name = z.string().min(1).max(200);
const MAX_SUMMARY_DAYS = 366;

export const FindingListQuery = z
  .object({
    shop: Name.optional(),
    from: Day.optional(),
    to: Day.optional(),
    agent: Name.optional(),
    group: Name.optional(),
    rule: Name.optional(),
    severity: z.enum(SEVERITIES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to is before from' });

export const FindingSummaryQuery = z
  .object({
    from: Day,
    to: Day,
    shop: Name.optional(),
    agent: Name.optional(),
    group: Name.optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_SUMMARY_DAYS * 86_400_000, {
    path: ['to'],
    message: `at most ${MAX_SUMMARY_DAYS} days`,
  });

export const FindingView = z.object({
  id: z.string(),
  rule: z.string(),
  rule_name: z.string(),
  severity: z.string(),
  shop: z.string(),
  agent: z.string(),
  buyer: z.string(),
  date: z.string(),
  session_id: z.string(),
  message_ids: z.array(z.string()),
  evidence: z.array(EvidenceView),
  score_delta: z.number(),
  detail: z.string().nullable(),
});

export const FindingPageResponse = z.object({
  items: z.array(FindingView),
  next_cursor: z.string().nullable(),
});

const BySeverity = z.object({ critical: z.number(), major: z.number(), minor: z.number(), info: z.number() });
const Score = z.object({ score: z.number(), sessions: z.number() });

export const FindingSummaryResponse = z.object({
  by_rule: z.array(
    z.object({
      rule: z.string(),
      name: z.string(),
      category: z.string().nullable(),
      severity: z.string(),
      count: z.number(),
    }),
  ),
  by_agent: z.array(z.object({ agent: z.string(), count: z.number(), by_severity: BySeverity })),
  by_day: z.array(
    z.object({ day: z.string(), count: z.number(), by_rule: z.record(z.string(), z.number()) }),
  ),
  scores: z.object({
    by_agent: z.array(Score.extend({ agent: z.string() })),
    by_day: z.array(Score.extend({ day: z.string() })),
    team: z.object({ score: z.number().nullable(), sessions: z.number() }),
  }),
});
