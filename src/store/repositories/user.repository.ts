// Users, their shops, login sessions and API tokens. Tokens arrive here already hashed.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface UserRow {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  agentNick: string | null;
  createdAt: number;
  disabled: boolean;
  shops: string[];
}

export interface NewUserRow {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  agentNick: string | null;
  shops: string[];
}

export interface AuthSessionRow {
  tokenHash: string;
  userId: string;
  csrf: string;
  expiresAt: number;
}

export interface ApiTokenRow {
  tokenHash: string;
  shop: string;
  name: string;
  createdBy: string;
  createdAt: number;
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(u: NewUserRow, now = Date.now()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id: u.id,
          username: u.username,
          password_hash: u.passwordHash,
          role: u.role,
          agent_nick: u.agentNick,
          created_at: now,
          disabled: 0,
        })
        .execute();
      const shops = [...new Set(u.shops)];
      if (shops.length > 0) {
        await trx
          .insertInto('user_shops')
          .values(shops.map((shop) => ({ user_id: u.id, shop })))
          .execute();
      }
    });
  }

  async byUsername(username: string): Promise<UserRow | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? this.withShops(row) : undefined;
  }

  async byId(id: string): Promise<UserRow | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.withShops(row) : undefined;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .execute();
  }

  async insertSession(s: AuthSessionRow): Promise<void> {
    await this.db
      .insertInto('auth_sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, csrf: s.csrf, expires_at: s.expiresAt })
      .execute();
  }

  async sessionByHash(tokenHash: string): Promise<AuthSessionRow | undefined> {
    const row = await this.db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row
      ? { tokenHash: row.token_hash, userId: row.user_id, csrf: row.csrf, expiresAt: row.expires_at }
      : undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Removes every session of a user except (optionally) one: after a password change. */
  async deleteSessionsOf(userId: string, exceptHash?: string): Promise<void> {
    let q = this.db.deleteFrom('auth_sessions').where('user_id', '=', userId);
    if (exceptHash) q = q.where('token_hash', '<>', exceptHash);
    await q.execute();
  }

  async deleteExpiredSessions(now = Date.now()): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('expires_at', '<', now).execute();
  }

  async insertApiToken(t: ApiTokenRow): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        token_hash: t.tokenHash,
        shop: t.shop,
        name: t.name,
        created_by: t.createdBy,
        created_at: t.createdAt,
      })
      .execute();
  }

  async apiTokenByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toApiToken(row) : undefined;
  }

  async listApiTokens(): Promise<ApiTokenRow[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
    return rows.map(toApiToken);
  }

  private async withShops(row: Database['users']): Promise<UserRow> {
    const shops = await this.db
      .selectFrom('user_shops')
      .select('shop')
      .where('user_id', '=', row.id)
      .orderBy('shop')
      .execute();
    return {
      id: row.id,
      username: row.username,
      passwordHash: row.password_hash,
      role: row.role,
      agentNick: row.agent_nick,
      createdAt: row.created_at,
      disabled: Number(row.disabled) !== 0,
      shops: shops.map((s) => s.shop),
    };
  }
}

function toApiToken(row: Database['api_tokens']): ApiTokenRow {
  return {
    tokenHash: row.token_hash,
    shop: row.shop,
    name: row.name,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}
