// Use cases for API tokens (machine ingestion): an admin creates one for a shop and sees it once; only its
// sha256 is stored. A token authenticates imports into its shop and nothing else.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import { hashToken } from './auth.service.js';
import { ServiceError } from './service-error.js';

export interface ApiTokenInfo {
  /** A public handle: the first 12 hex digits of the token's hash. */
  id: string;
  shop: string;
  name: string;
  createdAt: number;
}

/** Tokens look like `zp_<43 base64url characters>`, so they are easy to spot in logs and secret scanners. */
const PREFIX = 'zp_';

export class ApiTokenService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: {
    shop: string;
    name: string;
    createdBy: string;
  }): Promise<{ token: string; info: ApiTokenInfo }> {
    if (!(await this.store.shops.get(input.shop)))
      throw new ServiceError('bad_request', `unknown shop: ${input.shop}`, { shop: 'unknown shop' });
    const token = PREFIX + randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const createdAt = this.now();
    await this.store.users.insertApiToken({
      tokenHash,
      shop: input.shop,
      name: input.name,
      createdBy: input.createdBy,
      createdAt,
    });
    return { token, info: { id: tokenHash.slice(0, 12), shop: input.shop, name: input.name, createdAt } };
  }

  async list(): Promise<ApiTokenInfo[]> {
    return (await this.store.users.listApiTokens()).map((t) => ({
      id: t.tokenHash.slice(0, 12),
      shop: t.shop,
      name: t.name,
      createdAt: t.createdAt,
    }));
  }

  /** Revokes a token by its public id; it stops working at once (every request looks it up). */
  async revoke(id: string): Promise<void> {
    if (!(await this.store.users.deleteApiToken(id)))
      throw new ServiceError('not_found', `no API token ${id}`);
  }

  /** The token's shop and name, or undefined for an unknown token. */
  async authenticate(token: string): Promise<ApiTokenInfo | undefined> {
    if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
    const row = await this.store.users.apiTokenByHash(hashToken(token));
    return row
      ? { id: row.tokenHash.slice(0, 12), shop: row.shop, name: row.name, createdAt: row.createdAt }
      : undefined;
  }
}
