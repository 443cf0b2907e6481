// PostgreSQL's COPY (query) TO STDOUT, read back as rows of strings. For the inspection's biggest read
// (every message of a batch): pg's row reader decodes each field from the socket buffer into a string of
// its own and builds an object per row message, seven fields per chat message; COPY's text is one UTF-8
// decode per batch, cut into substrings. On the 300k demo shop the messages cost the client 0.69–0.91 s
// of CPU this way against 1.03–1.15 s as rows (six alternating passes); the server's share was the same.
// COPY takes no bind parameters, so callers inline their values with `literal` (escaped by pg).
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** A row of COPY text fields: strings, null for NULL (\N). */
export type CopyRow = Array<string | null>;

/** Runs `COPY (query) TO STDOUT` on a pooled connection and parses its rows, each of `columns` fields. */
export async function copyOutRows(pool: pg.Pool, query: string, columns: number): Promise<CopyRow[]> {
  const client = await pool.connect();
  let failed = false;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT`))) chunks.push(chunk as Buffer);
    return parseCopyText(Buffer.concat(chunks).toString('utf8'), columns);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // A connection whose COPY broke off may be mid-protocol: it is closed, not pooled again.
    client.release(failed);
  }
}

/** A value as an SQL string literal, for a statement that cannot take parameters (COPY). */
export function literal(value: string): string {
  return pg.escapeLiteral(value);
}

/**
 * COPY's text format (as PostgreSQL writes it) into rows: lines end in \n, fields are separated by tabs,
 * \N alone is NULL, and a backslash escapes the specials (\\ \t \n \r \b \f \v, octal \ooo, hex \xhh; any
 * other character stands for itself). Throws on a line with another number of fields.
 */
export function parseCopyText(text: string, columns: number): CopyRow[] {
  const rows: CopyRow[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const row: CopyRow = new Array(columns);
    let start = pos;
    for (let i = 0; i < columns - 1; i++) {
      const tab = text.indexOf('\t', start);
      if (tab < 0 || tab > end) throw new Error(`COPY row ${rows.length + 1}: ${i + 1} of ${columns} fields`);
      row[i] = field(text.slice(start, tab));
      start = tab + 1;
    }
    const tab = text.indexOf('\t', start);
    if (tab >= 0 && tab < end) throw new Error(`COPY row ${rows.length + 1}: more than ${columns} fields`);
    row[columns - 1] = field(text.slice(start, end));
    rows.push(row);
    pos = end + 1;
  }
  return rows;
}

function field(raw: string): string | null {
  if (!raw.includes('\\')) return raw;
  if (raw === '\\N') return null;
  return raw.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|([\s\S]))/g, (_, octal, hex, char: string) => {
    if (octal) return String.fromCharCode(Number.parseInt(octal, 8));
    if (hex) return String.fromCharCode(Number.parseInt(hex, 16));
    return SPECIALS[char] ?? char;
  });
}

const SPECIALS: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };
