// Login rate limiting: after `maxFailures` failed logins for one username from one address within
// `windowMs`, further attempts are refused until the oldest failure leaves the window. In memory: one
// server process guards its own door, which is what a single-node deployment needs.
export interface LoginLimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: LoginLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfter(username: string, ip: string): number {
    const list = this.recent(key(username, ip));
    if (list.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((list[0] + this.windowMs - this.now()) / 1000));
  }

  fail(username: string, ip: string): void {
    const k = key(username, ip);
    const list = this.recent(k);
    list.push(this.now());
    this.failures.set(k, list);
    if (this.failures.size > 10_000) this.prune();
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(key(username, ip));
  }

  private recent(k: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(k) ?? []).filter((t) => t > cutoff);
  }

  private prune(): void {
    for (const k of [...this.failures.keys()]) {
      const list = this.recent(k);
      if (list.length === 0) this.failures.delete(k);
      else this.failures.set(k, list);
    }
  }
}

function key(username: string, ip: string): string {
  return `${username.toLowerCase()}\u0000${ip}`;
}
