import { z } from 'zod';

export const RuleParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'a rule id') });

/** Either a sentence (as a one-message session) or a stored session, against one rule. */
export const RuleTestBody = z
  .strictObject({
    text: z.string().min(1, 'required').max(5000).optional(),
    from: z.enum(['agent', 'buyer', 'bot']).optional(),
    session_id: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'a session id')
      .optional(),
    shop: z.string().min(1).max(200).optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.session_id === undefined), {
    message: 'give either text or session_id',
    path: ['text'],
  });

const ExampleMessage = z.object({
  from: z.string(),
  at: z.number(),
  text: z.string(),
  kind: z.string().optional(),
  agent: z.string().optional(),
});

export const RulesResponse = z.object({
  id: z.string(),
  version: z.string(),
  fingerprint: z.string(),
  rules: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.string(),
      severity: z.string(),
      scope: z.array(z.string()),
      description: z.string().nullable(),
      examples: z.array(
        z.object({
          expect: z.enum(['hit', 'miss']),
          messages: z.array(ExampleMessage),
          orders: z.array(z.unknown()).optional(),
          refunds: z.array(z.unknown()).optional(),
        }),
      ),
    }),
  ),
});

export const RuleTestResponse = z.object({
  hit: z.boolean(),
  findings: z.array(
    z.object({
      rule: z.string(),
      evidence: z.array(
        z.object({ start: z.number(), end: z.number(), text: z.string(), message_id: z.string().optional() }),
      ),
      detail: z.string().nullable(),
    }),
  ),
});
