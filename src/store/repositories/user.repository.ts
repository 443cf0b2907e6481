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

/** The fields an admin may change on a user; undefined leaves a field as it is. */
export interface UserPatchRow {
  role?: string;
  agentNick?: string | null;
  shops?: string[];
  disabled?: boolean;
  passwordHash?: string;
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

  /** Every user with their shops, by username. */
  async list(): Promise<UserRow[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    const links = await this.db
      .selectFrom('user_shops')
      .select(['user_id', 'shop'])
      .orderBy('shop')
      .execute();
    const shopsOf = new Map<string, string[]>();
    for (const l of links) {
      const list = shopsOf.get(l.user_id) ?? [];
      list.push(l.shop);
      shopsOf.set(l.user_id, list);
    }
    return rows.map((row) => toUser(row, shopsOf.get(row.id) ?? []));
  }

  /** Changes the given fields of one user (shops: replaces the list) in one transaction. */
  async update(id: string, patch: UserPatchRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const set: Partial<{
        role: string;
        agent_nick: string | null;
        disabled: number;
        password_hash: string;
      }> = {};
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.agentNick !== undefined) set.agent_nick = patch.agentNick;
      if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
      if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
      if (Object.keys(set).length > 0) await trx.updateTable('users').set(set).where('id', '=', id).execute();
      if (patch.shops !== undefined) {
        await trx.deleteFrom('user_shops').where('user_id', '=', id).execute();
        const shops = [...new Set(patch.shops)];
        if (shops.length > 0)
          await trx
            .insertInto('user_shops')
            .values(shops.map((shop) => ({ user_id: id, shop })))
            .execute();
      }
    });
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

  /** Deletes the API token whose public id (the first 12 hex digits of its hash) is given; false: none. */
  async deleteApiToken(id: string): Promise<boolean> {
    if (!/^[0-9a-f]{12}$/.test(id)) return false;
    const r = await this.db.deleteFrom('api_tokens').where('token_hash', 'like', `${id}%`).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  private async withShops(row: Database['users']): Promise<UserRow> {
    const shops = await this.db
      .selectFrom('user_shops')
      .select('shop')
      .where('user_id', '=', row.id)
      .orderBy('shop')
      .execute();
    return toUser(
      row,
      shops.map((s) => s.shop),
    );
  }
}

function toUser(row: Database['users'], shops: string[]): UserRow {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    agentNick: row.agent_nick,
    createdAt: Number(row.created_at),
    disabled: Number(row.disabled) !== 0,
    shops,
  };
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
