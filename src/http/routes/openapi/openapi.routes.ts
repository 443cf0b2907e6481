// GET /api/v1/openapi.json: an OpenAPI 3.1 document assembled from the same zod schemas the routes
// validate with (request side; responses are described in words until they get schemas of their own).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChangePasswordBody, LoginBody, UserView } from '../auth/auth.schema.js';
import { KpiExplainQuery, KpiQuery } from '../kpi/kpi.schema.js';
import { SessionListQuery, SessionParams } from '../sessions/sessions.schema.js';
import { CreateUserBody } from '../users/users.schema.js';

interface Op {
  method: 'get' | 'post';
  path: string;
  summary: string;
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
}

const OPS: Op[] = [
  { method: 'get', path: '/api/v1/health', summary: 'Health and row counts (no login)' },
  {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in; sets zhipei_session and zhipei_csrf cookies',
    body: LoginBody,
  },
  { method: 'post', path: '/api/v1/auth/logout', summary: 'Log out' },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    summary: 'The signed-in user',
    response: z.object({ user: UserView }),
  },
  { method: 'post', path: '/api/v1/auth/password', summary: 'Change my password', body: ChangePasswordBody },
  {
    method: 'post',
    path: '/api/v1/users',
    summary: 'Create a user (admin)',
    body: CreateUserBody,
    response: z.object({ user: UserView }),
  },
  {
    method: 'get',
    path: '/api/v1/kpi',
    summary: 'KPI report, same JSON as `zhipei kpi --json`',
    query: KpiQuery,
  },
  {
    method: 'get',
    path: '/api/v1/kpi/explain',
    summary: 'The items behind one agent metric',
    query: KpiExplainQuery,
  },
  {
    method: 'get',
    path: '/api/v1/sessions',
    summary: 'Sessions, newest first, keyset-paged (cursor)',
    query: SessionListQuery,
  },
  {
    method: 'get',
    path: '/api/v1/sessions/{id}',
    summary: 'One session: messages, orders, refunds, findings',
    params: SessionParams,
  },
];

function jsonSchema(s: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parameters(s: z.ZodType, where: 'query' | 'path') {
  const schema = jsonSchema(s) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    schema: p,
  }));
}

export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPS) {
    const params = [
      ...(op.query ? parameters(op.query, 'query') : []),
      ...(op.params ? parameters(op.params, 'path') : []),
    ];
    const unsafe = op.method !== 'get' && op.path !== '/api/v1/auth/login';
    if (unsafe)
      params.push({
        name: 'x-csrf-token',
        in: 'header' as never,
        required: true,
        schema: { type: 'string' },
      });
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          ...(op.response ? { content: { 'application/json': { schema: jsonSchema(op.response) } } } : {}),
        },
        '400': { description: 'Bad input: { error, message, fields: { name: message } }' },
        '401': { description: 'Not logged in' },
        '403': { description: 'Not allowed, or missing CSRF header' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Zhipei (质培) API', version: '1' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zhipei_session' } },
    },
    security: [{ session: [] }],
    paths,
  };
}

export function registerOpenApiRoutes(app: FastifyInstance): void {
  const doc = buildOpenApi();
  app.get('/api/v1/openapi.json', async () => doc);
}
