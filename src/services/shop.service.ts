// Use cases: a shop's name, time zone and KPI settings. Settings that change what a KPI or a finding means
// recompute what depends on them, so no stored number is left computed under the old definition.
import { type KpiSettings, resolveKpiSettings } from '../domain/kpi/settings.js';
import { isValidTimeZone } from '../domain/time.js';
import { DEFAULT_TIME_ZONE } from '../domain/types.js';
import { SessionRepository } from '../store/repositories/session.repository.js';
import type { ShopRecord } from '../store/repositories/shop.repository.js';
import type { Store } from '../store/store.js';
import { InspectionService } from './inspection.service.js';
import { KpiService } from './kpi.service.js';
import { ServiceError } from './service-error.js';

export interface ShopPatch {
  name?: string;
  timeZone?: string;
  kpi?: Partial<Pick<KpiSettings, 'slowThresholdS' | 'creditWindowDays' | 'paidWindowDays'>>;
}

export interface ShopUpdate {
  shop: ShopRecord;
  kpiDaysRecomputed: number;
  sessionsReinspected: number;
}

export class ShopService {
  constructor(private readonly store: Store) {}

  list(): Promise<ShopRecord[]> {
    return this.store.shops.list();
  }

  /** Creates the shop when it does not exist yet (so a time zone can be set before the first import). */
  async update(id: string, patch: ShopPatch): Promise<ShopUpdate> {
    const current = (await this.store.shops.get(id)) ?? {
      id,
      name: id,
      timeZone: DEFAULT_TIME_ZONE,
      settings: {},
    };
    const timeZone = patch.timeZone ?? current.timeZone;
    if (!isValidTimeZone(timeZone)) {
      throw new ServiceError('bad_request', `unknown time zone "${timeZone}"`, { timeZone: 'an IANA zone' });
    }
    if (timeZone !== current.timeZone && (await this.store.status.counts(id)).messages > 0) {
      // Sessions are calendar days in the shop's zone: another zone would re-split every stored chat.
      throw new ServiceError(
        'bad_request',
        `the time zone of ${id} can only be set before its chats are imported (import into a new shop instead)`,
        { timeZone: 'fixed once chats are imported' },
      );
    }
    const kpi = { ...((current.settings.kpi ?? {}) as Partial<KpiSettings>), ...(patch.kpi ?? {}) };
    try {
      resolveKpiSettings(timeZone, kpi);
    } catch (err) {
      throw new ServiceError('bad_request', err instanceof Error ? err.message : String(err), {
        kpi: 'invalid',
      });
    }
    const settings = { ...current.settings, kpi };
    await this.store.shops.upsert({ id, name: patch.name ?? current.name, timeZone }, settings);
    const kpiChanged = JSON.stringify(current.settings.kpi ?? {}) !== JSON.stringify(kpi);
    let kpiDaysRecomputed = 0;
    let sessionsReinspected = 0;
    if (kpiChanged) {
      kpiDaysRecomputed = await new KpiService(this.store).refreshAll(id);
      // Order credit (the credit window) decides the missed-payment-reminder finding too.
      await new SessionRepository(this.store.db).markAllChanged(id);
      sessionsReinspected = (await new InspectionService(this.store).inspectAfterImport({ shop: id }))
        .sessions;
    }
    return { shop: (await this.store.shops.get(id))!, kpiDaysRecomputed, sessionsReinspected };
  }
}
