// Runs a store test suite on every engine available: SQLite always, PostgreSQL when ZHIPEI_TEST_PG holds
// a URL (CI sets it). Each test gets a fresh store: a new SQLite file, or a new PostgreSQL schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import { Store } from '../../src/store/store.js';

export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated store plus a cleanup function. */
  fresh(): Promise<{ store: Store; url: string; pgSchema?: string; cleanup(): Promise<void> }>;
}

let counter = 0;

export function enginesUnderTest(): EngineUnderTest[] {
  const engines: EngineUnderTest[] = [
    {
      name: 'sqlite',
      async fresh() {
        const dir = mkdtempSync(join(tmpdir(), 'zhipei-test-'));
        const url = join(dir, 'zhipei.db');
        const store = new Store(await openStore(url));
        return {
          store,
          url,
          async cleanup() {
            await store.close().catch(() => {});
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  const pgUrl = process.env.ZHIPEI_TEST_PG;
  if (pgUrl) {
    engines.push({
      name: 'postgres',
      async fresh() {
        const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
        const store = new Store(await openStore(pgUrl, { pgSchema: schema }));
        return {
          store,
          url: pgUrl,
          pgSchema: schema,
          async cleanup() {
            await store.close().catch(() => {});
            const client = new pg.Client({ connectionString: pgUrl });
            await client.connect();
            await client.query(`drop schema if exists ${schema} cascade`);
            await client.end();
          },
        };
      },
    });
  }
  return engines;
}
