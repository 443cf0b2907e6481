import { z } from 'zod';

export const CreateTokenBody = z.strictObject({
  shop: z.string().min(1).max(200),
  name: z.string().min(1).max(100),
});

export const TokenParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{12}$/, 'a token id: 12 hex digits'),
});

export const TokenView = z.object({
  id: z.string(),
  shop: z.string(),
  name: z.string(),
  created_at: z.number(),
});

export const CreateTokenResponse = z.object({ token: z.string(), item: TokenView });
export const TokensResponse = z.object({ items: z.array(TokenView) });
