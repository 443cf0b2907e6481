// The store: one object the services receive. Only this folder talks SQL.
import { sql } from 'kysely';
import type { Engine } from './engine.js';
import type { ImportWriter } from './import-writer.js';
import { type OpenStoreOptions, openStore, resolveStoreUrl, type StoreHandle } from './open-store.js';
import { beginPostgresImport } from './postgres/postgres-import-writer.js';
import { ShopRepository } from './repositories/shop.repository.js';
import { StatusRepository } from './repositories/status.repository.js';
import { UserRepository } from './repositories/user.repository.js';
import { beginSqliteImport } from './sqlite/sqlite-import-writer.js';
import { WriteGate } from './sqlite/write-gate.js';

export class Store {
  readonly shops: ShopRepository;
  readonly status: StatusRepository;
  readonly users: UserRepository;

  constructor(readonly handle: StoreHandle) {
    this.shops = new ShopRepository(handle.db);
    this.status = new StatusRepository(handle.db);
    this.users = new UserRepository(handle.db);
  }

  get engine(): Engine {
    return this.handle.engine;
  }

  get db() {
    return this.handle.db;
  }

  /** PostgreSQL: the queue imports wait in (on SQLite, the store's write gate is the queue). */
  private readonly importQueue = new WriteGate();

  /**
   * Runs an import in its turn: imports on one store take turns. On SQLite the turn is the store's write
   * turn (sqlite/write-gate.ts): the import's transaction is held on the one writer connection across
   * awaits, so every other write waits until it has committed or rolled back, instead of joining it. On
   * PostgreSQL each import has its own pooled connection and only imports queue (a second one would just
   * wait for the first's lock while holding a connection).
   */
  importTurn<T>(work: () => Promise<T>): Promise<T> {
    return (this.handle.writeGate ?? this.importQueue).hold(work);
  }

  /** Starts the one transaction a file is imported in (within the caller's importTurn). */
  async beginImport(): Promise<ImportWriter> {
    if (this.handle.sqlite) return beginSqliteImport(this.handle.sqlite);
    if (this.handle.pool) return beginPostgresImport(this.handle.pool);
    throw new Error('store has no bulk-import path');
  }

  /**
   * A token that changes whenever a write may have reached the store, from this connection or another.
   * SQLite: the data_version pragma plus this connection's total changes. PostgreSQL: the current snapshot
   * (xmin:xmax:in-progress ids), which moves whenever any write transaction starts or ends in the cluster
   * and not on reads; a write elsewhere in the cluster only costs a needless recomputation.
   */
  async dataVersion(): Promise<string | null> {
    const sqlite = this.handle.sqlite;
    if (!sqlite) {
      const r = await sql<{ v: string }>`SELECT pg_current_snapshot()::text AS v`.execute(this.handle.db);
      return r.rows[0]?.v ?? null;
    }
    this.versionStatement ??= sqlite.prepare('SELECT total_changes() AS n');
    const own = (this.versionStatement.get() as { n: number }).n;
    return `${sqlite.pragma('data_version', { simple: true })}:${own}`;
  }

  /**
   * Refreshes the query planner's statistics after bulk writes. Without them SQLite can pick the wrong
   * index (a buyer's orders read through the creation-time index: 12 ms instead of 0.01 ms at 2M
   * messages). SQLite: PRAGMA optimize with a bounded sample, a no-op when nothing changed much;
   * PostgreSQL: ANALYZE of the tables imports grow that changed much (autovacuum would get there, later).
   */
  async optimize(): Promise<void> {
    const { sqlite, writeGate } = this.handle;
    if (sqlite && writeGate) {
      // ANALYZE writes its statistics: a write like any other, in its turn.
      await writeGate.hold(() => sqlite.exec('PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;'));
      return;
    }
    // Like SQLite's optimize and autovacuum's rule: only tables that grew by more than a tenth since their
    // statistics were gathered (or changed that much in place), so a small upload does not pay for
    // analysing millions of rows. Growth is read from the table's size against the page count ANALYZE
    // recorded, both exact at once: the activity counters (n_mod_since_analyze) reach pg_stat_user_tables
    // up to seconds after the import's commit, and a fresh schema's tables were analysed empty by its
    // migrations. Trusting the counters alone, the 300k demo's orders went unanalysed in about half of the
    // benchmark's PostgreSQL rounds, and their inspection read every order of each batch's days per buyer
    // (20–31 s instead of 4 s).
    const tables = ['messages', 'sessions', 'orders', 'refunds', 'buyers'];
    const stale = await sql<{ relname: string }>`
      SELECT c.relname FROM pg_class c
      LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
        AND c.relname IN (${sql.join(tables)})
        AND (pg_relation_size(c.oid) / current_setting('block_size')::int > 1.1 * GREATEST(c.relpages, 0)
             OR (s.last_analyze IS NULL AND s.last_autoanalyze IS NULL)
             OR s.n_mod_since_analyze > 0.1 * GREATEST(s.n_live_tup, 1))`.execute(this.handle.db);
    for (const { relname } of stale.rows) await sql`ANALYZE ${sql.table(relname)}`.execute(this.handle.db);
  }

  private versionStatement?: import('better-sqlite3').Statement;

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Opens the store named by --db, ZHIPEI_DB or the default file, migrated. */
export async function connectStore(dbArg?: string, options?: OpenStoreOptions): Promise<Store> {
  return new Store(await openStore(resolveStoreUrl(dbArg), options));
}
