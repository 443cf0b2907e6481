// The real JD customer-service sessions (research sample, ../shared/data/jddc-sample) import with synthetic
// timestamps and inspect without errors on every engine.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JDDC_SAMPLE_PATH, jddcMessages, jddcSource, readJddcSessions } from '../../bench/jddc-sample.js';
import { loadRulebook } from '../../src/rulebook/load-rulebook.js';
import { ImportService } from '../../src/services/import.service.js';
import { InspectionService } from '../../src/services/inspection.service.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const available = existsSync(JDDC_SAMPLE_PATH);

describe('JDDC sample conversion', () => {
  it.skipIf(!available)('is deterministic: 20–60 s gaps, a few days, one agent per session', () => {
    const sessions = readJddcSessions();
    const a = jddcMessages(sessions);
    expect(jddcMessages(sessions)).toEqual(a);
    expect(a.length).toBe(sessions.reduce((n, s) => n + s.turns.length, 0));
    const days = new Set(a.map((m) => new Date(m.at + 8 * 3_600_000).toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < a.length; i++) {
      if (a[i].id.split('-')[0] !== a[i - 1].id.split('-')[0]) continue;
      const gap = a[i].at - a[i - 1].at;
      expect(gap).toBeGreaterThanOrEqual(20_000);
      expect(gap).toBeLessThanOrEqual(60_000);
      expect(a[i].agent).toBe(a[i - 1].agent);
    }
  });
});

for (const engine of enginesUnderTest()) {
  describe.skipIf(!available)(`JDDC sample on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
    });
    afterEach(async () => cleanup());

    it('imports the real JD sessions and inspects them without errors', async () => {
      const sessions = readJddcSessions();
      const messages = jddcMessages(sessions);
      const imported = await new ImportService(store).importSource(jddcSource(messages), 'jddc-sample');
      expect(imported.inserted).toBe(messages.length);
      const summary = await new InspectionService(store).inspect({ rulebook: loadRulebook(), workers: 0 });
      expect(summary.sessions).toBe(sessions.length);
      expect(summary.messages).toBe(messages.length);
      const findings = await new InspectionService(store).findings({ shop: 'jd-sample' });
      expect(findings.length).toBe(summary.findings);
      // Every evidence span points at the words of its message.
      const text = new Map(messages.map((m) => [m.id, m.text]));
      for (const f of findings) {
        for (const e of f.evidence) expect(text.get(e.message_id)!.slice(e.start, e.end)).toBe(e.text);
      }
      // Real service language: the language rules fire rarely.
      const rate = (rule: string) =>
        (summary.byRule.find((r) => r.rule === rule)?.findings ?? 0) / summary.sessions;
      for (const rule of ['rude_language', 'profanity', 'adlaw_absolute', 'off_platform'])
        expect(rate(rule)).toBeLessThan(0.02);
    });
  });
}
