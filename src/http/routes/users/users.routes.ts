// Admin account management: POST /api/v1/users (create), GET /api/v1/users (list, never password hashes),
// PATCH /api/v1/users/:id (role, shops, agent nick, disabled, password reset).
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AuthService } from '../../../services/auth.service.js';
import type { UserInfo, UsersService } from '../../../services/users.service.js';
import { canManageUsers } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { parseInput } from '../../validate.js';
import { presentUser } from '../auth/user.presenter.js';
import { CreateUserBody, UpdateUserBody, type UserListItem, UserParams } from './users.schema.js';

export function registerUserRoutes(app: FastifyInstance, auth: AuthService, users: UsersService): void {
  app.post('/api/v1/users', async (req, reply) => {
    authorize(canManageUsers(requireActor(req)));
    const body = parseInput(CreateUserBody, req.body);
    const user = await auth.createUser({
      username: body.username,
      password: body.password,
      role: body.role,
      shops: body.shops,
      agentNick: body.agent ?? null,
    });
    reply.code(201);
    return { user: presentUser(user) };
  });

  app.get('/api/v1/users', async (req) => {
    authorize(canManageUsers(requireActor(req)));
    return { items: (await users.list()).map(present) };
  });

  app.patch('/api/v1/users/:id', async (req) => {
    const actor = requireActor(req);
    authorize(canManageUsers(actor));
    const { id } = parseInput(UserParams, req.params);
    const body = parseInput(UpdateUserBody, req.body);
    const user = await users.update(
      actor,
      id,
      {
        role: body.role,
        shops: body.shops,
        agentNick: body.agent,
        disabled: body.disabled,
        password: body.password,
      },
      req.auth?.tokenHash,
    );
    return { user: present(user) };
  });
}

function present(u: UserInfo): z.infer<typeof UserListItem> {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    agent: u.agentNick,
    shops: u.shops,
    disabled: u.disabled,
    created_at: u.createdAt,
  };
}
