// A small cache for derived reads (dashboards) that is exact: an entry is valid only for the data version
// it was computed at, and the store's data version moves with every committed write, from any connection.
// Where the store cannot tell its version (PostgreSQL, for now) nothing is cached.

export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: Promise<T> }>();

  constructor(
    private readonly version: () => Promise<string | null>,
    private readonly capacity = 256,
  ) {}

  async get(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version();
    if (version === null) return compute();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Refresh the entry's place: the map's insertion order is the eviction order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.entries.set(key, { version, value });
    value.catch(() => this.entries.delete(key)); // never keep a failure
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
