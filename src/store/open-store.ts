// Opens the store named by a URL: a SQLite file path (default ./data/zhipei.db) or postgres://…
// Migrates to the latest schema on open, so every command and the server see the same tables.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import pg from 'pg';
import type { Engine } from './engine.js';
import { migrationProvider } from './migrations/index.js';
import { SchemaScopedPostgresDialect } from './postgres/schema-introspector.js';
import type { Database } from './schema.js';
import { checkpointsDone } from './sqlite/background-checkpoint.js';
import { EmbeddedSqliteDialect } from './sqlite/sqlite-dialect.js';
import { WriteGate } from './sqlite/write-gate.js';

export const DEFAULT_STORE_PATH = './data/zhipei.db';

export interface StoreHandle {
  engine: Engine;
  /** The URL or path, with any password masked, for printing. */
  displayName: string;
  db: Kysely<Database>;
  /** Present on SQLite: the raw writer connection for the bulk paths (import, inspection results). */
  sqlite?: SqliteDatabase.Database;
  /** Present on SQLite: the turns every write on `sqlite` takes (see sqlite/write-gate.ts). */
  writeGate?: WriteGate;
  /** Present on SQLite: a read-only connection that sees committed data only (`sqlite` in memory). */
  sqliteReader?: SqliteDatabase.Database;
  /** Present on PostgreSQL: the pool, for COPY-based bulk import. */
  pool?: pg.Pool;
  /** How another thread opens this same store (absent for an in-memory SQLite store, which it cannot). */
  location?: StoreLocation;
  close(): Promise<void>;
}

export interface StoreLocation {
  url: string;
  pgSchema?: string;
}

export interface OpenStoreOptions {
  /** PostgreSQL only: use (and create) this schema instead of public. Tests isolate themselves this way. */
  pgSchema?: string;
  /** Skip migrations (for tools that only read). */
  migrate?: boolean;
}

/** --db beats ZHIPEI_DB beats the default file. */
export function resolveStoreUrl(arg?: string): string {
  return arg || process.env.ZHIPEI_DB || DEFAULT_STORE_PATH;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

// int8 (bigint) and numeric come back from pg as strings; every such value here is an epoch-ms, a count or
// a sum of fen, all far below 2^53, so they are returned as numbers for identical results on both engines.
const pgTypes = {
  getTypeParser(oid: number, format?: unknown) {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return (pg.types.getTypeParser as (o: number, f?: unknown) => unknown)(oid, format);
  },
};

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<StoreHandle> {
  const handle = isPostgresUrl(url) ? await openPostgres(url, options) : openSqlite(url);
  if (!url.endsWith(':memory:')) handle.location = { url, pgSchema: options.pgSchema };
  if (options.migrate !== false) {
    // Pin Kysely's own tables to our schema: otherwise its existence check finds them in any schema of
    // the database and skips creating them in ours.
    const migrator = new Migrator({
      db: handle.db,
      provider: migrationProvider(handle.engine),
      ...(handle.engine === 'postgres' ? { migrationTableSchema: options.pgSchema ?? 'public' } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) {
      await handle.close();
      throw error instanceof Error ? error : new Error(String(error));
    }
  }
  return handle;
}

function openSqlite(path: string): StoreHandle {
  const file = path.startsWith('sqlite:') ? path.slice('sqlite:'.length) : path;
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // 16 KB pages for a new store (an existing one keeps its size): a bulk import writes a quarter of the
  // pages and WAL frames that 4 KB pages need, measured 10–20% faster; reads are served from cache.
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  tuneConnection(sqlite);
  // The reader opens after the writer has put the file in WAL mode (a read-only connection cannot).
  const reader = inMemory ? sqlite : new SqliteDatabase(file, { readonly: true });
  if (reader !== sqlite) tuneConnection(reader);
  const writeGate = new WriteGate();
  const db = new Kysely<Database>({
    dialect: new EmbeddedSqliteDialect({ writer: sqlite, reader, gate: writeGate }),
  });
  return {
    engine: 'sqlite',
    displayName: file,
    db,
    sqlite,
    writeGate,
    sqliteReader: reader,
    async close() {
      await checkpointsDone(sqlite);
      await db.destroy();
    },
  };
}

function tuneConnection(connection: SqliteDatabase.Database): void {
  connection.pragma('cache_size = -131072');
  // Reads through a memory map of the file (up to SQLite's 2 GB limit) instead of a read() per page: the
  // writer, the reader and the inspection workers then share the operating system's copy of each page.
  // Inspecting the 2M-message demo shop (a 670 MB file, one worker): 20.0–20.3 s → 17.1–19.0 s.
  connection.pragma('mmap_size = 2147483648');
  connection.pragma('temp_store = MEMORY');
  connection.pragma('busy_timeout = 5000');
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<StoreHandle> {
  const schema = options.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  // The search path goes in the startup packet, so every pooled connection lands in the schema.
  const pool = new pg.Pool({
    connectionString: url,
    types: pgTypes as never,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Introspection (which Kysely's migrator uses) looks at this schema only: see schema-introspector.ts.
  const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema ?? 'public') });
  return {
    engine: 'postgres',
    displayName: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
