import type { z } from 'zod';
import type { Actor } from '../../../services/auth.service.js';
import type { UserView } from './auth.schema.js';

export function presentUser(a: Actor): z.infer<typeof UserView> {
  return { id: a.id, username: a.username, role: a.role, agent: a.agentNick, shops: a.shops };
}
