// Use cases for an admin running the team's accounts: list users, change a user's role, shops, agent nick,
// password or disabled flag. Disabling a user or resetting their password ends their sessions at once; an
// admin may not disable or demote themself (so there is always an admin who can undo a mistake).
import type { UserPatchRow, UserRow } from '../store/repositories/user.repository.js';
import type { Store } from '../store/store.js';
import { type Actor, ROLES, type Role } from './auth.service.js';
import { hashPassword } from './password-hash.js';
import { ServiceError } from './service-error.js';

/** A user as an admin sees them: never the password hash. */
export interface UserInfo {
  id: string;
  username: string;
  role: Role;
  agentNick: string | null;
  shops: string[];
  disabled: boolean;
  createdAt: number;
}

export interface UserPatch {
  role?: Role;
  shops?: string[];
  /** null unlinks the agent nick. */
  agentNick?: string | null;
  disabled?: boolean;
  password?: string;
}

export class UsersService {
  constructor(private readonly store: Store) {}

  async list(): Promise<UserInfo[]> {
    return (await this.store.users.list()).map(toInfo);
  }

  /**
   * Applies an admin's change to one user. `keepTokenHash`: the acting admin's own session, kept when they
   * reset their own password.
   */
  async update(actor: Actor, id: string, patch: UserPatch, keepTokenHash?: string): Promise<UserInfo> {
    const user = await this.store.users.byId(id);
    if (!user) throw new ServiceError('not_found', `no user ${id}`);
    const self = user.id === actor.id;
    if (self && patch.disabled === true)
      throw new ServiceError('bad_request', 'you cannot disable yourself', {
        disabled: 'you cannot disable yourself',
      });
    if (self && patch.role !== undefined && patch.role !== 'admin')
      throw new ServiceError('bad_request', 'you cannot demote yourself', {
        role: 'you cannot demote yourself',
      });

    const role = patch.role ?? (user.role as Role);
    const agentNick = patch.agentNick !== undefined ? patch.agentNick : user.agentNick;
    const shops = patch.shops ?? user.shops;
    if (role === 'agent' && !agentNick)
      throw new ServiceError('bad_request', 'an agent user needs an agent nick', {
        agent: 'required for role agent',
      });
    if (role !== 'admin' && shops.length === 0)
      throw new ServiceError('bad_request', 'a user other than an admin needs a shop', {
        shops: 'at least one shop',
      });
    if (patch.shops) {
      const known = new Set((await this.store.shops.list()).map((s) => s.id));
      const unknown = patch.shops.filter((s) => !known.has(s));
      if (unknown.length > 0)
        throw new ServiceError('bad_request', `unknown shop: ${unknown.join(', ')}`, {
          shops: `unknown shop: ${unknown.join(', ')}`,
        });
    }

    const row: UserPatchRow = {
      role: patch.role,
      agentNick: patch.agentNick,
      shops: patch.shops,
      disabled: patch.disabled,
      passwordHash: patch.password === undefined ? undefined : await hashPassword(patch.password),
    };
    await this.store.users.update(id, row);
    if (patch.disabled === true || patch.password !== undefined)
      await this.store.users.deleteSessionsOf(id, self ? keepTokenHash : undefined);
    return toInfo((await this.store.users.byId(id))!);
  }
}

function toInfo(u: UserRow): UserInfo {
  return {
    id: u.id,
    username: u.username,
    role: (ROLES as readonly string[]).includes(u.role) ? (u.role as Role) : 'viewer',
    agentNick: u.agentNick,
    shops: u.shops,
    disabled: u.disabled,
    createdAt: u.createdAt,
  };
}
