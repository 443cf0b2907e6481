// Request validation: zod schemas in, plain data out, or a 400 naming every bad field.
import type { z } from 'zod';
import { ServiceError } from '../services/service-error.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.map(String).join('.') || '(body)'];
    for (const k of keys) fields[k] ??= issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  }
  throw new ServiceError('bad_request', 'invalid request', fields);
}
