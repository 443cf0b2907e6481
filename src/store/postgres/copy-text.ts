// PostgreSQL's COPY … FROM STDIN: sending text in COPY's format (copy-format.ts) to the server.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** SQLSTATE unique_violation. */
const UNIQUE_VIOLATION = '23505';

/** Runs one COPY … FROM STDIN with the whole text. */
export async function copyIn(
  client: pg.PoolClient,
  statement: string,
  text: string | Uint8Array,
): Promise<void> {
  await pipeline(Readable.from([text]), client.query(copyFrom(statement)));
}

/**
 * A COPY inside a savepoint: true when it went in; false, with nothing written, when a row's key is stored
 * already (the caller then takes the careful way). Any other error is thrown.
 */
export async function copyUnlessStored(
  client: pg.PoolClient,
  statement: string,
  text: string | Uint8Array,
): Promise<boolean> {
  await client.query('SAVEPOINT copy_unless_stored');
  try {
    await copyIn(client, statement, text);
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await client.query('ROLLBACK TO SAVEPOINT copy_unless_stored');
    return false;
  }
  await client.query('RELEASE SAVEPOINT copy_unless_stored');
  return true;
}
