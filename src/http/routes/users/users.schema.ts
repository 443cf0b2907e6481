import { z } from 'zod';
import { ROLES } from '../../../services/auth.service.js';

export const CreateUserBody = z
  .strictObject({
    username: z.string().regex(/^[^\s]{2,64}$/u, '2 to 64 characters, no spaces'),
    password: z.string().min(8, 'at least 8 characters').max(200),
    role: z.enum(ROLES),
    shops: z.array(z.string().min(1).max(200)).max(100).default([]),
    agent: z.string().min(1).max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'agent' && !v.agent)
      ctx.addIssue({ code: 'custom', path: ['agent'], message: 'required for role agent' });
    if (v.role !== 'admin' && v.shops.length === 0)
      ctx.addIssue({ code: 'custom', path: ['shops'], message: 'at least one shop' });
  });

export const UserParams = z.strictObject({ id: z.string().min(1).max(100) });

export const UpdateUserBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    shops: z.array(z.string().min(1).max(200)).max(100).optional(),
    agent: z.string().min(1).max(200).nullable().optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(8, 'at least 8 characters').max(200).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    path: ['(body)'],
    message: 'nothing to change',
  });

export const UserListItem = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  agent: z.string().nullable(),
  shops: z.array(z.string()),
  disabled: z.boolean(),
  created_at: z.number(),
});

export const UsersResponse = z.object({ items: z.array(UserListItem) });
export const UpdateUserResponse = z.object({ user: UserListItem });
