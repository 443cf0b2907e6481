// POST /api/v1/users: an admin creates an account.
import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../../../services/auth.service.js';
import { canManageUsers } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { parseInput } from '../../validate.js';
import { presentUser } from '../auth/user.presenter.js';
import { CreateUserBody } from './users.schema.js';

export function registerUserRoutes(app: FastifyInstance, auth: AuthService): void {
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
}
