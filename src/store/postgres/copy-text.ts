// PostgreSQL's COPY … FROM STDIN: encoding values in its text format, and sending the text.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** SQLSTATE unique_violation. */
const UNIQUE_VIOLATION = '23505';

/** Escapes one field: backslash, tab, newline and carriage return are the only specials. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export function copyLine(values: Array<string | number | null>): string {
  return `${values.map(copyField).join('\t')}\n`;
}

/** Runs one COPY … FROM STDIN with the whole text. */
export async function copyIn(client: pg.PoolClient, statement: string, text: string): Promise<void> {
  await pipeline(Readable.from([text]), client.query(copyFrom(statement)));
}

/**
 * A COPY inside a savepoint: true when it went in; false, with nothing written, when a row's key is stored
 * already (the caller then takes the careful way). Any other error is thrown.
 */
export async function copyUnlessStored(
  client: pg.PoolClient,
  statement: string,
  text: string,
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
