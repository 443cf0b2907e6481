import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type CountedTable = 'shops' | 'agents' | 'buyers' | 'messages' | 'orders' | 'refunds' | 'sessions';
export const COUNTED_TABLES: readonly CountedTable[] = [
  'shops',
  'agents',
  'buyers',
  'messages',
  'orders',
  'refunds',
  'sessions',
];

export class StatusRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Row counts per table, optionally for one shop. */
  async counts(shop?: string): Promise<Record<CountedTable, number>> {
    const out = {} as Record<CountedTable, number>;
    for (const table of COUNTED_TABLES) {
      let q = this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (shop) q = q.where(table === 'shops' ? 'id' : 'shop', '=', shop);
      const row = await q.executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }
}
