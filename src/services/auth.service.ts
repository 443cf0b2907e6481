// Use cases for accounts: create a user, log in and out, change a password, and make sure an `admin`
// exists on first start. Session and CSRF tokens are random; only a sha256 of the session token is stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { UserRow } from '../store/repositories/user.repository.js';
import type { Store } from '../store/store.js';
import { LoginLimiter } from './login-limiter.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password-hash.js';
import { ServiceError } from './service-error.js';

export const ROLES = ['admin', 'supervisor', 'inspector', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as policies see it. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  agentNick: string | null;
  shops: string[];
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  shops: string[];
  agentNick?: string | null;
}

export interface LoginResult {
  actor: Actor;
  /** The session cookie's value (never stored). */
  token: string;
  csrf: string;
  expiresAt: number;
}

export interface AuthenticatedSession {
  actor: Actor;
  tokenHash: string;
  csrf: string;
}

export interface AuthServiceOptions {
  sessionTtlMs?: number;
  limiter?: LoginLimiter;
  now?: () => number;
}

const DEFAULT_SESSION_TTL_MS = 7 * 24 * 3600_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  private readonly ttl: number;
  private readonly limiter: LoginLimiter;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: AuthServiceOptions = {},
  ) {
    this.ttl = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
    this.now = options.now ?? Date.now;
    this.limiter = options.limiter ?? new LoginLimiter({ now: this.now });
  }

  async createUser(input: NewUser): Promise<Actor> {
    if (await this.store.users.byUsername(input.username)) {
      throw new ServiceError('conflict', `username "${input.username}" is taken`, {
        username: 'already taken',
      });
    }
    if (input.role === 'agent' && !input.agentNick) {
      throw new ServiceError('bad_request', 'an agent user needs an agent nick', {
        agent: 'required for role agent',
      });
    }
    const known = new Set((await this.store.shops.list()).map((s) => s.id));
    const unknown = input.shops.filter((s) => !known.has(s));
    if (unknown.length > 0) {
      throw new ServiceError('bad_request', `unknown shop: ${unknown.join(', ')}`, {
        shops: `unknown shop: ${unknown.join(', ')}`,
      });
    }
    const id = randomUUID();
    await this.store.users.insert(
      {
        id,
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        agentNick: input.agentNick ?? null,
        shops: input.shops,
      },
      this.now(),
    );
    return toActor((await this.store.users.byId(id))!);
  }

  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    const wait = this.limiter.retryAfter(username, ip);
    if (wait > 0) {
      throw new ServiceError('rate_limited', `too many failed logins; try again in ${wait} s`, {
        retryAfter: String(wait),
      });
    }
    const user = await this.store.users.byUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok) {
      this.limiter.fail(username, ip);
      throw new ServiceError('unauthorized', 'wrong username or password');
    }
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabled) throw new ServiceError('forbidden', 'this account is disabled');
    this.limiter.succeed(username, ip);
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const expiresAt = this.now() + this.ttl;
    await this.store.users.deleteExpiredSessions(this.now());
    await this.store.users.insertSession({ tokenHash: hashToken(token), userId: user.id, csrf, expiresAt });
    return { actor: toActor(user), token, csrf, expiresAt };
  }

  /** The live session a cookie token names, or undefined (unknown, expired, or user disabled). */
  async authenticate(token: string | undefined): Promise<AuthenticatedSession | undefined> {
    if (!token) return undefined;
    const tokenHash = hashToken(token);
    const session = await this.store.users.sessionByHash(tokenHash);
    if (!session || session.expiresAt <= this.now()) return undefined;
    const user = await this.store.users.byId(session.userId);
    if (!user || user.disabled) return undefined;
    return { actor: toActor(user), tokenHash, csrf: session.csrf };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.store.users.deleteSession(tokenHash);
  }

  /** Checks the current password, stores the new one, and ends the user's other sessions. */
  async changePassword(userId: string, current: string, next: string, keepTokenHash?: string): Promise<void> {
    const user = await this.store.users.byId(userId);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      throw new ServiceError('bad_request', 'current password is wrong', { current: 'wrong password' });
    }
    await this.store.users.setPasswordHash(userId, await hashPassword(next));
    await this.store.users.deleteSessionsOf(userId, keepTokenHash);
  }

  /**
   * Makes sure a user `admin` exists. Creates it with the given password (ZHIPEI_ADMIN_PASSWORD) or a random
   * one, and returns the password so the caller can print it once; returns null when admin already existed.
   */
  async ensureAdmin(
    password?: string,
  ): Promise<{ username: string; password: string; generated: boolean } | null> {
    if (await this.store.users.byUsername('admin')) return null;
    const generated = !password;
    const pw = password || randomBytes(12).toString('base64url');
    await this.createUser({ username: 'admin', password: pw, role: 'admin', shops: [] });
    return { username: 'admin', password: pw, generated };
  }
}

export function toActor(u: UserRow): Actor {
  return {
    id: u.id,
    username: u.username,
    role: (ROLES as readonly string[]).includes(u.role) ? (u.role as Role) : 'viewer',
    agentNick: u.agentNick,
    shops: u.shops,
  };
}
