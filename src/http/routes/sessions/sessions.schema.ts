import { z } from 'zod';
import { SEVERITIES } from '../../../domain/inspection/types.js';
import { Day } from '../kpi/kpi.schema.js';

const Name = z.string().min(1).max(200);
const Score = z.coerce.number().min(-1000).max(1000);

export const SessionListQuery = z
  .object({
    shop: Name.optional(),
    from: Day.optional(),
    to: Day.optional(),
    agent: Name.optional(),
    group: Name.optional(),
    has_order: z.enum(['true', 'false']).optional(),
    rule: Name.optional(),
    severity: z.enum(SEVERITIES).optional(),
    score_min: Score.optional(),
    score_max: Score.optional(),
    /** `true`: only inquiry sessions that did not convert; `false` (or absent): no filter. */
    inquiry_not_converted: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to is before from' })
  .refine((q) => q.score_min === undefined || q.score_max === undefined || q.score_min <= q.score_max, {
    path: ['score_max'],
    message: 'score_max is below score_min',
  });

export const SessionDetailQuery = z.object({ shop: Name.optional() });

export const SessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{1,64}$/, 'a session id') });

export const SessionSummaryView = z.object({
  shop: z.string(),
  id: z.string(),
  agent: z.string(),
  buyer: z.string(),
  day: z.string(),
  firstAt: z.number(),
  lastAt: z.number(),
  messageCount: z.number(),
  buyerMessages: z.number(),
  agentMessages: z.number(),
  botMessages: z.number(),
  score: z.number().nullable(),
});

export const SessionPageResponse = z.object({
  items: z.array(SessionSummaryView),
  next_cursor: z.string().nullable(),
});

export const EvidenceView = z.object({
  message_id: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});

export const SessionDetailResponse = z.object({
  session: SessionSummaryView,
  messages: z.array(
    z.object({
      id: z.string(),
      from: z.string(),
      at: z.number(),
      text: z.string(),
      kind: z.string(),
      agent: z.string(),
    }),
  ),
  orders: z.array(
    z.object({
      orderId: z.string(),
      createdAt: z.number(),
      paidAt: z.number().nullable(),
      amount: z.number(),
      status: z.string(),
      items: z.string().nullable(),
    }),
  ),
  refunds: z.array(
    z.object({
      refundId: z.string(),
      orderId: z.string(),
      agent: z.string().nullable(),
      createdAt: z.number(),
      amount: z.number(),
      reason: z.string(),
      status: z.string(),
    }),
  ),
  findings: z.array(
    z.object({
      id: z.string(),
      rule: z.string(),
      rule_name: z.string(),
      severity: z.string(),
      message_ids: z.array(z.string()),
      evidence: z.array(EvidenceView),
      score_delta: z.number(),
      detail: z.string().nullable(),
    }),
  ),
  score: z.number().nullable(),
});
