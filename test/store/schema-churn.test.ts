// Opening a PostgreSQL store while other sessions create and drop schemas in the same database (tests on
// several threads do; so may other tenants of a shared server). Kysely's own introspector lists every table of
// every schema and failed when one vanished meanwhile: 12 of 20 opens under churn, and ten retries still lost
// one in CI. The store's introspector looks at its own schema only (postgres/schema-introspector.ts).
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';

const url = process.env.ZHIPEI_TEST_PG;
const OPENS = 20;

describe.skipIf(!url)('opening a PostgreSQL store while other schemas come and go', () => {
  it('migrates every store although schemas of other sessions vanish under the migrator', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let churning = true;
    let churned = 0;
    const churn = (async () => {
      while (churning) {
        const other = `churn_${process.pid}_${churned++}`;
        await admin.query(`create schema ${other}; create table ${other}.t (a int)`);
        await admin.query(`drop schema ${other} cascade`);
      }
    })();
    const opened: string[] = [];
    const failures: string[] = [];
    try {
      for (let i = 0; i < OPENS; i++) {
        const schema = `churn_open_${process.pid}_${i}`;
        try {
          const handle = await openStore(url as string, { pgSchema: schema });
          const shops = await handle.db.selectFrom('shops').selectAll().execute(); // migrated: the table is there
          await handle.close();
          if (shops.length === 0) opened.push(schema);
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    } finally {
      churning = false;
      await churn;
      for (let i = 0; i < OPENS; i++)
        await admin.query(`drop schema if exists churn_open_${process.pid}_${i} cascade`);
      await admin.end();
    }
    expect(failures).toEqual([]);
    expect(opened).toHaveLength(OPENS);
    expect(churned).toBeGreaterThan(OPENS); // the other schemas really did come and go meanwhile
  }, 60_000);
});
