// Use case: what does the store hold?
import type { Store } from '../store/store.js';

export interface StoreStatus {
  store: string;
  engine: string;
  counts: Record<string, number>;
}

export class StatusService {
  constructor(private readonly store: Store) {}

  async status(shop?: string): Promise<StoreStatus> {
    return {
      store: this.store.handle.displayName,
      engine: this.store.engine,
      counts: await this.store.status.counts(shop),
    };
  }
}
