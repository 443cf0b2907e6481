// GET /api/v1/openapi.json: an OpenAPI 3.1 document assembled from the same zod schemas the routes
// validate with, and the response schemas the presenters fill (KPI reports are described in words: their
// metric keys are listed in docs/metrics.md).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChangePasswordBody, LoginBody, UserView } from '../auth/auth.schema.js';
import {
  FindingListQuery,
  FindingPageResponse,
  FindingSummaryQuery,
  FindingSummaryResponse,
} from '../findings/findings.schema.js';
import { ImportForm, ImportResponse } from '../imports/imports.schema.js';
import { KpiExplainQuery, KpiQuery } from '../kpi/kpi.schema.js';
import { RuleParams, RulesResponse, RuleTestBody, RuleTestResponse } from '../rules/rules.schema.js';
import {
  SessionDetailQuery,
  SessionDetailResponse,
  SessionListQuery,
  SessionPageResponse,
  SessionParams,
} from '../sessions/sessions.schema.js';
import { AgentsQuery, AgentsResponse, ShopsResponse } from '../shops/shops.schema.js';
import {
  CreateTokenBody,
  CreateTokenResponse,
  TokenParams,
  TokensResponse,
} from '../tokens/tokens.schema.js';
import {
  CreateUserBody,
  UpdateUserBody,
  UpdateUserResponse,
  UserParams,
  UsersResponse,
} from '../users/users.schema.js';

interface Op {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  /** The body is multipart/form-data (file uploads). */
  multipart?: boolean;
  /** Also accepts `Authorization: Bearer <API token>`. */
  bearer?: boolean;
  response?: z.ZodType;
  /** Status of success when not 200. */
  status?: number;
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
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/users',
    summary: 'Every user with role, shops, agent nick, disabled (admin; never password hashes)',
    response: UsersResponse,
  },
  {
    method: 'patch',
    path: '/api/v1/users/{id}',
    summary:
      'Change a user (admin): role, shops, agent, disabled, password; disabling or a new password ends their sessions; an admin cannot disable or demote themself',
    params: UserParams,
    body: UpdateUserBody,
    response: UpdateUserResponse,
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
    summary: 'Sessions, newest first, keyset-paged (pass next_cursor back as cursor)',
    query: SessionListQuery,
    response: SessionPageResponse,
  },
  {
    method: 'get',
    path: '/api/v1/sessions/{id}',
    summary: 'One session: messages, orders, refunds, findings',
    params: SessionParams,
    query: SessionDetailQuery,
    response: SessionDetailResponse,
  },
  { method: 'get', path: '/api/v1/shops', summary: 'The shops I may see', response: ShopsResponse },
  {
    method: 'get',
    path: '/api/v1/agents',
    summary: "A shop's agents (an agent user: only themself)",
    query: AgentsQuery,
    response: AgentsResponse,
  },
  {
    method: 'get',
    path: '/api/v1/findings',
    summary: 'Findings, newest day first, keyset-paged (not viewer; an agent: own)',
    query: FindingListQuery,
    response: FindingPageResponse,
  },
  {
    method: 'get',
    path: '/api/v1/findings/summary',
    summary: 'Finding counts by rule, agent and day; session scores by agent and day',
    query: FindingSummaryQuery,
    response: FindingSummaryResponse,
  },
  {
    method: 'get',
    path: '/api/v1/rules',
    summary: 'The rulebook: rules and their examples',
    response: RulesResponse,
  },
  {
    method: 'post',
    path: '/api/v1/rules/{id}/test',
    summary: 'Run one rule on a one-message session',
    params: RuleParams,
    body: RuleTestBody,
    response: RuleTestResponse,
  },
  {
    method: 'post',
    path: '/api/v1/import',
    summary:
      'Import files (multipart, field `files`, optional `shop`); each file all-or-nothing; 422 when every file failed; 413 over the size limit',
    body: ImportForm,
    multipart: true,
    bearer: true,
    response: ImportResponse,
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    summary: 'Create an API token for one shop (admin); the token is shown only in this answer',
    body: CreateTokenBody,
    response: CreateTokenResponse,
    status: 201,
  },
  { method: 'get', path: '/api/v1/tokens', summary: 'API tokens (admin)', response: TokensResponse },
  {
    method: 'delete',
    path: '/api/v1/tokens/{id}',
    summary: 'Revoke an API token (admin); it stops working at once',
    params: TokenParams,
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
    const contentType = op.multipart ? 'multipart/form-data' : 'application/json';
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
            requestBody: { required: true, content: { [contentType]: { schema: jsonSchema(op.body) } } },
          }
        : {}),
      ...(op.bearer ? { security: [{ session: [] }, { apiToken: [] }] } : {}),
      responses: {
        [String(op.status ?? 200)]: {
          description: 'OK',
          ...(op.response ? { content: { 'application/json': { schema: jsonSchema(op.response) } } } : {}),
        },
        '400': { description: 'Bad input: { error, message, fields: { name: message } }' },
        '401': { description: 'Not logged in' },
        '403': { description: 'Not allowed, or missing CSRF header' },
        ...(op.path.includes('{') ? { '404': { description: 'Not found' } } : {}),
        ...(op.multipart
          ? {
              '413': { description: 'A file over the size limit' },
              '422': { description: 'Every file failed' },
            }
          : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Zhipei (质培) API', version: '1' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'zhipei_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'API token (POST /import only)' },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}

export function registerOpenApiRoutes(app: FastifyInstance): void {
  const doc = buildOpenApi();
  app.get('/api/v1/openapi.json', async () => doc);
}
