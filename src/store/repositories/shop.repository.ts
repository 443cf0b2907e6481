import type { Kysely } from 'kysely';
import type { Shop } from '../../domain/types.js';
import type { Database } from '../schema.js';

export interface ShopRecord extends Shop {
  settings: Record<string, unknown>;
}

export interface AgentRecord {
  nick: string;
  name: string;
  role: string | null;
  group: string | null;
  hiredOn: string | null;
  mentor: string | null;
}

export class ShopRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ShopRecord[]> {
    const rows = await this.db.selectFrom('shops').selectAll().orderBy('id').execute();
    return rows.map(toShop);
  }

  async get(id: string): Promise<ShopRecord | undefined> {
    const row = await this.db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toShop(row) : undefined;
  }

  /** The shop's agents by nick (all of them, or the one named). */
  async agents(shop: string, nick?: string): Promise<AgentRecord[]> {
    let q = this.db.selectFrom('agents').selectAll().where('shop', '=', shop);
    if (nick !== undefined) q = q.where('nick', '=', nick);
    const rows = await q.orderBy('nick').execute();
    return rows.map((a) => ({
      nick: a.nick,
      name: a.name,
      role: a.role,
      group: a.grp,
      hiredOn: a.hired_on,
      mentor: a.mentor,
    }));
  }

  async upsert(shop: Shop, settings: Record<string, unknown> = {}): Promise<void> {
    await this.db
      .insertInto('shops')
      .values({
        id: shop.id,
        name: shop.name,
        time_zone: shop.timeZone,
        settings: JSON.stringify(settings),
        created_at: Date.now(),
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ name: shop.name, time_zone: shop.timeZone, settings: JSON.stringify(settings) }),
      )
      .execute();
  }
}

function toShop(row: { id: string; name: string; time_zone: string; settings: string }): ShopRecord {
  return { id: row.id, name: row.name, timeZone: row.time_zone, settings: JSON.parse(row.settings || '{}') };
}
