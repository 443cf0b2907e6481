// Encoding of values for PostgreSQL's COPY … FROM STDIN text format.

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
