// The zod schema of a rulebook file (YAML or JSON). Lexicons are given as file paths (relative to the
// rulebook file) or inline arrays; the loader turns them into entries.

import { z } from 'zod';
import type { Condition, Example } from '../domain/inspection/types.js';

const sender = z.enum(['buyer', 'agent', 'bot', 'system']);
const phraseList = z.array(z.string().min(1)).min(1);
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

const keyword = z
  .strictObject({
    any: phraseList.optional(),
    all: phraseList.optional(),
    none: phraseList.optional(),
    window: positive.optional(),
    exclude: phraseList.optional(),
    negated_by: z
      .strictObject({
        any: phraseList,
        window: nonNegative,
        spaces_break: z.boolean().optional(),
        unless: phraseList.optional(),
      })
      .optional(),
  })
  .refine((k) => k.any || k.all || k.none, 'keyword needs any, all or none')
  .refine((k) => k.window === undefined || k.all, 'keyword.window goes with all');

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ keyword }),
    z.strictObject({ regex: z.strictObject({ pattern: z.string().min(1), flags: z.string().optional() }) }),
    z.strictObject({ negativity: z.strictObject({ threshold: positive, exclude: phraseList.optional() }) }),
    z.strictObject({ from: z.array(sender).min(1) }),
    z.strictObject({ kind: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ position: z.enum(['first', 'last']) }),
    z.strictObject({ min_length: positive }),
    z.strictObject({
      nearby: z.strictObject({
        when: conditionSchema,
        before: z.number().int().nonnegative().optional(),
        after: z.number().int().nonnegative().optional(),
      }),
    }),
    z.strictObject({
      repeats_previous: z.strictObject({
        min_chars: positive.optional(),
        min_similarity: z.number().min(0).max(1).optional(),
      }),
    }),
    z.strictObject({ rule: z.string().min(1) }),
    z.strictObject({ first_response_over: nonNegative }),
    z.strictObject({ response_over: nonNegative }),
    z.strictObject({
      unanswered: z.strictObject({
        pleasantries: phraseList,
        fillers: phraseList.optional(),
        signoffs: phraseList.optional(),
        open: phraseList.optional(),
      }),
    }),
    z.strictObject({
      sequence: z.strictObject({
        a: conditionSchema,
        b: conditionSchema,
        mode: z.enum(['followed_by', 'not_followed_by', 'not_preceded_by']),
        within_messages: positive.optional(),
        within_seconds: positive.optional(),
        until: conditionSchema.optional(),
        anchor: z.enum(['first', 'each']).optional(),
        require: conditionSchema.optional(),
      }),
    }),
    z.strictObject({
      unpaid_order_without_reminder: z.strictObject({ unpaid_minutes: nonNegative, window_hours: positive }),
    }),
    z.strictObject({
      refund_after_claim: z.strictObject({
        claim: conditionSchema,
        confirm: conditionSchema,
        verify: conditionSchema,
        refund_records: z.boolean().optional(),
      }),
    }),
    z.strictObject({ repetition: z.strictObject({ min_chars: positive, min_count: positive }) }),
  ]),
);

const exampleMessage = z.union([
  z.tuple([sender, z.number(), z.string()]),
  z.strictObject({
    from: sender,
    at: z.number(),
    text: z.string(),
    kind: z.string().optional(),
    agent: z.string().optional(),
    id: z.string().optional(),
  }),
]);

const exampleSchema: z.ZodType<Example> = z.union([
  z.string().min(1),
  z.strictObject({
    messages: z.array(exampleMessage).min(1),
    orders: z
      .array(
        z.strictObject({
          id: z.string(),
          created: z.number(),
          paid: z.number().nullable(),
          amount: z.number().optional(),
        }),
      )
      .optional(),
    refunds: z
      .array(
        z.strictObject({
          id: z.string(),
          order: z.string(),
          created: z.number(),
          reason: z.string().optional(),
        }),
      )
      .optional(),
    credited: z
      .array(z.strictObject({ order: z.string(), message: z.number().int().nonnegative() }))
      .optional(),
    other_agent_messages: z.array(z.strictObject({ agent: z.string(), at: z.number() })).optional(),
  }),
]);

const deduction = z.union([z.literal('zero'), z.number()]);

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'rule ids are snake_case'),
  name: z.string().min(1),
  category: z.enum(['态度', '合规', '时效', '流程', '销售', '机器人']),
  severity: z.enum(['critical', 'major', 'minor', 'info']),
  scope: z.array(sender).min(1),
  when: conditionSchema,
  ignore_quoted: z.boolean().optional(),
  description: z.string().optional(),
  examples: z
    .strictObject({ hit: z.array(exampleSchema).optional(), miss: z.array(exampleSchema).optional() })
    .optional(),
});

export const rulebookFileSchema = z.strictObject({
  id: z.string().min(1),
  version: z.union([z.string(), z.number()]).transform(String),
  locale: z.string().optional(),
  description: z.string().optional(),
  /** name → path of a lexicon file (relative to the rulebook), or an inline list of phrases. */
  lexicons: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.union([z.string(), z.array(z.string())]))
    .default({}),
  scorecard: z.strictObject({
    base: positive.optional(),
    severity: z.strictObject({ critical: deduction, major: deduction, minor: deduction, info: deduction }),
    rules: z.record(z.string(), deduction).optional(),
  }),
  negativity: z
    .strictObject({
      negative: phraseList,
      positive: phraseList,
      degree: phraseList,
      negators: phraseList,
      lookback: positive.optional(),
    })
    .optional(),
  rules: z.array(ruleSchema).min(1),
});

export type RulebookFile = z.infer<typeof rulebookFileSchema>;
