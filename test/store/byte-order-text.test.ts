// Migration 010 (PostgreSQL): text compares by bytes, as on SQLite. Altering a column's collation drops its
// planner statistics; the migration analyzes again, or the inspection's reads turn into whole-table scans
// on an existing store. Both engines then order Chinese nicks the same way: by their UTF-8 bytes.
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportService } from '../../src/services/import.service.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'import');

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

for (const engine of enginesUnderTest()) {
  describe(`text order on ${engine.name}`, () => {
    let store: Store;
    let pgSchema: string | undefined;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, pgSchema, cleanup } = await engine.fresh());
      const service = new ImportService(store);
      await service.importFile(join(FIX, 'chats.jsonl'));
      await service.importFile(join(FIX, 'qianniu-transcript.txt'), { shop: '红枣小铺' });
    });
    afterEach(async () => cleanup());

    it('orders nicks by their UTF-8 bytes', async () => {
      // Upper case before lower, Latin before Chinese, Chinese by code point: a locale would interleave.
      const nicks = ['阿明', 'amy', 'Zoe', '张三', 'b_1', 'éclair', '李四', 'Amy2', '1号买家'];
      await store.db
        .insertInto('buyers')
        .values(nicks.map((nick) => ({ shop: '红枣小铺', nick })))
        .execute();
      const rows = await store.db
        .selectFrom('buyers')
        .select('nick')
        .where('nick', 'in', nicks)
        .orderBy('nick')
        .execute();
      expect(rows.map((r) => r.nick)).toEqual([...nicks].sort(byBytes));
    });

    it.runIf(engine.name === 'postgres')(
      'keeps planner statistics through the collation change',
      async () => {
        const migrator = new Migrator({
          db: store.db,
          provider: migrationProvider(store.engine),
          migrationTableSchema: pgSchema,
        });
        expect((await migrator.migrateTo('009-hashed-session-index')).error).toBeUndefined();
        await sql`ANALYZE messages`.execute(store.db);
        const statsOf = async () =>
          (
            await sql<{ attname: string }>`
            SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'messages'`.execute(
              store.db,
            )
          ).rows
            .map((r) => r.attname)
            .sort();
        expect(await statsOf()).toContain('session_id');
        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        expect(await statsOf()).toContain('session_id');
        const collation = await sql<{ c: string }>`
        SELECT collation_name AS c FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'messages' AND column_name = 'session_id'`.execute(
          store.db,
        );
        expect(collation.rows[0].c).toBe('C');
      },
    );
  });
}
