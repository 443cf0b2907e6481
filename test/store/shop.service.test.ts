// Shop settings: a KPI setting change recomputes the rollups under the new definition; a time zone can be
// set before chats arrive (and then splits sessions in that zone) but not changed after.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportService } from '../../src/services/import.service.js';
import { KpiService } from '../../src/services/kpi.service.js';
import { ServiceError } from '../../src/services/service-error.js';
import { ShopService } from '../../src/services/shop.service.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

function chatFile(lines: object[]): string {
  const p = join(mkdtempSync(join(tmpdir(), 'zshop-')), 'c.jsonl');
  writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n'));
  return p;
}

for (const engine of enginesUnderTest()) {
  describe(`shop settings on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
    });
    afterEach(async () => cleanup());

    it('a new slow threshold recomputes slow_responses under it', async () => {
      const base = { shop: 's', buyer: 'b', agent: 's:a', text: 'x' };
      const r = await new ImportService(store).importFile(
        chatFile([
          { ...base, id: '1', from: 'buyer', at: '2026-11-11T10:00:00+08:00' },
          { ...base, id: '2', from: 'agent', at: '2026-11-11T10:00:45+08:00' },
        ]),
      );
      const kpi = new KpiService(store);
      await kpi.refreshAfterImport(r.days);
      const q = { shop: 's', from: '2026-11-11', to: '2026-11-11' };
      expect((await kpi.report(q)).total.slow_responses).toBe(0); // 45 s < 60 s
      const update = await new ShopService(store).update('s', { kpi: { slowThresholdS: 30 } });
      expect(update.kpiDaysRecomputed).toBeGreaterThan(0);
      expect(update.shop.settings).toEqual({ kpi: { slowThresholdS: 30 } });
      expect((await kpi.report(q)).total.slow_responses).toBe(1); // 45 s > 30 s
      await expect(new ShopService(store).update('s', { kpi: { paidWindowDays: -1 } })).rejects.toThrow(
        ServiceError,
      );
    });

    it('a time zone set before import splits sessions there; afterwards it is fixed', async () => {
      const shops = new ShopService(store);
      await shops.update('la', { timeZone: 'America/Los_Angeles', name: 'LA 店' });
      const base = { shop: 'la', buyer: 'b', agent: 'la:a', text: 'x', from: 'buyer' };
      // 23:30 and 00:30 Shanghai time on the 11th/12th are both the 11th in Los Angeles.
      await new ImportService(store).importFile(
        chatFile([
          { ...base, id: '1', at: '2026-11-11T23:30:00+08:00' },
          { ...base, id: '2', at: '2026-11-12T00:30:00+08:00' },
        ]),
      );
      const days = await store.db.selectFrom('sessions').select('day').execute();
      expect(days.map((d) => d.day)).toEqual(['2026-11-11']);
      await expect(shops.update('la', { timeZone: 'Asia/Shanghai' })).rejects.toThrow(/before its chats/);
      await expect(shops.update('x', { timeZone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone/);
    });
  });
}
