// Migration 007 moves buyer, agent and day off the messages (they are the session's). Down restores them
// from the sessions, up drops them again, and no message, text or import order is lost either way.
// (Down to 006 also undoes 008, PostgreSQL's import-order sequence, and up brings it back.)
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportService } from '../../src/services/import.service.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'import');

for (const engine of enginesUnderTest()) {
  describe(`messages without session columns on ${engine.name}`, () => {
    let store: Store;
    let pgSchema: string | undefined;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, pgSchema, cleanup } = await engine.fresh());
    });
    afterEach(async () => cleanup());

    const messages = () =>
      store.db
        .selectFrom('messages')
        .select(['shop', 'id', 'session_id', 'sender', 'at', 'seq', 'text', 'kind'])
        .orderBy('seq')
        .execute();

    it('survives a migration down and up with every message and its order', async () => {
      const service = new ImportService(store);
      await service.importFile(join(FIX, 'chats.jsonl'));
      await service.importFile(join(FIX, 'qianniu-transcript.txt'), { shop: '红枣小铺' });
      const before = await messages();
      expect(before.length).toBeGreaterThan(15);
      expect(new Set(before.map((m) => m.seq)).size).toBe(before.length);

      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider(store.engine),
        ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
      });
      expect((await migrator.migrateTo('006-inspection-rollups')).error).toBeUndefined();
      const restored = await sql<{ ok: number; n: number }>`
        SELECT SUM(CASE WHEN m.buyer = s.buyer AND m.agent = s.agent AND m.day = s.day THEN 1 ELSE 0 END) AS ok,
               COUNT(*) AS n
        FROM messages m JOIN sessions s ON s.shop = m.shop AND s.id = m.session_id`.execute(store.db);
      expect(Number(restored.rows[0].ok)).toBe(before.length);
      expect(Number(restored.rows[0].n)).toBe(before.length);

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await messages()).toEqual(before);
      // New messages still line up after the old ones.
      await service.importFile(join(FIX, 'chats-bom-crlf.csv'), { shop: '红枣小铺' });
      const after = await messages();
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.length).toBeGreaterThan(before.length);
      // Import order numbers stay unique after the round trip (PostgreSQL takes them from a sequence).
      expect(new Set(after.map((m) => m.seq)).size).toBe(after.length);
      expect(Math.min(...after.slice(before.length).map((m) => Number(m.seq)))).toBeGreaterThan(
        Math.max(...before.map((m) => Number(m.seq))),
      );
    });
  });
}
