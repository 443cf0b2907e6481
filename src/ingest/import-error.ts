// The one error type the importer raises. The import service shows `message` to the user as is (no stack
// trace), so it must say which file, which line, which field and what is wrong, quoting the bad value.

export interface ImportErrorDetails {
  file: string;
  /** 1-based line in the file, or null when the problem is the file as a whole. */
  line: number | null;
  /** Column or JSON field name, or null when the problem is not one field. */
  field: string | null;
  /** What is wrong, e.g. `not a number: "12,5元"`. */
  reason: string;
  cause?: unknown;
}

export class ImportError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly field: string | null;
  readonly reason: string;

  constructor(details: ImportErrorDetails) {
    super(formatImportError(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ImportError';
    this.file = details.file;
    this.line = details.line;
    this.field = details.field;
    this.reason = details.reason;
  }
}

/** `orders.csv:17: field "amount": not a number: "12,5元"` */
export function formatImportError(d: Pick<ImportErrorDetails, 'file' | 'line' | 'field' | 'reason'>): string {
  const where = d.line === null ? d.file : `${d.file}:${d.line}`;
  const field = d.field === null ? '' : ` field "${d.field}":`;
  return `${where}:${field} ${d.reason}`;
}

const MAX_QUOTED = 80;

/** Quotes a value for an error message: JSON-style escapes (so control characters show), long values cut. */
export function quote(value: unknown): string {
  let s = typeof value === 'string' ? value : value === undefined ? 'undefined' : JSON.stringify(value);
  if (s.length > MAX_QUOTED) s = `${s.slice(0, MAX_QUOTED)}…`;
  return JSON.stringify(s);
}
