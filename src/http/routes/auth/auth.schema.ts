import { z } from 'zod';

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const ChangePasswordBody = z.strictObject({
  current: z.string().min(1).max(200),
  password: z.string().min(8, 'at least 8 characters').max(200),
});

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(['admin', 'supervisor', 'inspector', 'agent', 'viewer']),
  agent: z.string().nullable(),
  shops: z.array(z.string()),
});
