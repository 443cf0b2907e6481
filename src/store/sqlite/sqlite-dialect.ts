// The query builder's SQLite dialect for the embedded store: two connections to one WAL file and a write
// gate (write-gate.ts) instead of Kysely's one connection behind a mutex.
//
// - Reads outside a write turn go to a read-only connection: they see committed data only (never the
//   half of an import still in progress) and never wait for an import or a transaction to end.
// - Writes wait for the gate, then run on the writer connection; transactions hold the gate from BEGIN to
//   COMMIT. Inside a turn (an import, or work it started) everything runs on the writer at once, and a
//   transaction becomes a savepoint of the turn's transaction.
// A store in memory has one connection for both (a second connection would be another database).
import type SqliteDatabase from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
} from 'kysely';
import type { WriteGate } from './write-gate.js';

export interface SqliteConnections {
  writer: SqliteDatabase.Database;
  /** Read-only connection to the same file (the writer itself for an in-memory store). */
  reader: SqliteDatabase.Database;
  gate: WriteGate;
}

export class EmbeddedSqliteDialect extends SqliteDialect {
  constructor(private readonly connections: SqliteConnections) {
    super({ database: connections.writer });
  }

  override createDriver(): Driver {
    return new EmbeddedSqliteDriver(this.connections);
  }
}

/** What one acquired connection is doing: nothing special, a transaction holding the gate, or a savepoint. */
class GatedConnection implements DatabaseConnection {
  /** The write turn this connection's transaction holds. */
  turn: symbol | null = null;
  /** The savepoint standing in for a transaction opened inside someone's turn. */
  savepoint: string | null = null;

  constructor(private readonly c: SqliteConnections) {}

  private get inTransaction(): boolean {
    return this.turn !== null || this.savepoint !== null;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction || this.c.gate.heldHere()) return run<R>(this.c.writer, query);
    if (this.c.reader !== this.c.writer && isRead(this.c.writer, query)) return run<R>(this.c.reader, query);
    const turn = await this.c.gate.acquire();
    try {
      return run<R>(this.c.writer, query);
    } finally {
      this.c.gate.release(turn);
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const own = this.inTransaction || this.c.gate.heldHere();
    if (!isRead(this.c.writer, query)) throw new Error('only reads can be streamed');
    const db = own ? this.c.writer : this.c.reader;
    for (const row of db.prepare(query.sql).iterate(query.parameters as unknown[]))
      yield { rows: [row as R] };
  }

  /** Runs a statement of the connection's own transaction (BEGIN, COMMIT, SAVEPOINT …). */
  control(statement: string): void {
    this.c.writer.exec(statement);
  }
}

let savepoints = 0;

class EmbeddedSqliteDriver implements Driver {
  constructor(private readonly c: SqliteConnections) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new GatedConnection(this.c);
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = connection as GatedConnection;
    if (this.c.gate.heldHere()) {
      // Inside an import's turn its transaction is open: nest as a savepoint of it.
      conn.savepoint = `zhipei_tx_${++savepoints}`;
      conn.control(`SAVEPOINT ${conn.savepoint}`);
      return;
    }
    const turn = await this.c.gate.acquire();
    try {
      conn.control('BEGIN');
    } catch (err) {
      this.c.gate.release(turn);
      throw err;
    }
    conn.turn = turn;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = connection as GatedConnection;
    this.end(conn, conn.savepoint ? [`RELEASE ${conn.savepoint}`] : ['COMMIT']);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = connection as GatedConnection;
    this.end(
      conn,
      conn.savepoint ? [`ROLLBACK TO ${conn.savepoint}`, `RELEASE ${conn.savepoint}`] : ['ROLLBACK'],
    );
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as GatedConnection).control(`SAVEPOINT ${quoteName(name)}`);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as GatedConnection).control(`ROLLBACK TO ${quoteName(name)}`);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as GatedConnection).control(`RELEASE ${quoteName(name)}`);
  }

  async destroy(): Promise<void> {
    if (this.c.reader !== this.c.writer) this.c.reader.close();
    this.c.writer.close();
  }

  /** Ends the connection's transaction and, whatever happens, gives its turn back. */
  private end(conn: GatedConnection, statements: string[]): void {
    const turn = conn.turn;
    conn.turn = null;
    conn.savepoint = null;
    try {
      for (const s of statements) conn.control(s);
    } finally {
      if (turn) this.c.gate.release(turn);
    }
  }
}

/** Whether a statement only reads: a select; for raw SQL, whatever SQLite itself says of it. */
function isRead(writer: SqliteDatabase.Database, query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'SelectQueryNode') return true;
  if (kind !== 'RawNode') return false; // insert, update, delete, DDL: no statement prepared to find out
  return writer.prepare(query.sql).readonly;
}

function run<R>(db: SqliteDatabase.Database, query: CompiledQuery): QueryResult<R> {
  const statement = db.prepare(query.sql);
  const parameters = query.parameters as unknown[];
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
