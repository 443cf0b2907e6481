// A CSV file with a header row: maps column names to positions and hands out data rows.

import { CsvReader, type CsvRecord } from './csv.js';
import { fail, type ParserContext } from './record-parser.js';

export class CsvTable {
  private readonly reader: CsvReader;
  private names: string[] | null = null;
  /** Line the header row is on (blank lines may precede it). */
  headerLine = 0;

  /**
   * @param caseInsensitive the English formats match column names in any case; Chinese headers are
   *   matched exactly (after trimming).
   * @param onHeader resolves the columns once the header is read (before any data row).
   */
  constructor(
    private readonly ctx: ParserContext,
    private readonly caseInsensitive: boolean,
    private readonly onHeader: (table: CsvTable) => void,
  ) {
    this.reader = new CsvReader(ctx.file);
  }

  /** Feeds a line; returns a complete data row, or null (header, blank line, record still open). */
  push(line: number, text: string): CsvRecord | null {
    const record = this.reader.push(line, text);
    if (record === null) return null;
    if (this.names === null) {
      this.names = record.fields.map((h) => (this.caseInsensitive ? h.trim().toLowerCase() : h.trim()));
      this.headerLine = record.line;
      this.reader.columnNames = this.names;
      this.onHeader(this);
      return null;
    }
    const { fields } = record;
    if (fields.length > this.names.length) {
      for (let i = this.names.length; i < fields.length; i++) {
        // Excel and Taobao leave trailing empty cells; anything else means a comma too many.
        if (fields[i].trim() !== '') {
          fail(
            this.ctx,
            record.line,
            null,
            `${fields.length} fields but the header has ${this.names.length} (an unquoted comma in a value?)`,
          );
        }
      }
    }
    return record;
  }

  end(): void {
    this.reader.end();
    if (this.names === null) fail(this.ctx, null, null, 'no header row');
  }

  /** Position of the first of the names present, or -1. */
  column(...names: string[]): number {
    for (const name of names) {
      const key = this.caseInsensitive ? name.toLowerCase() : name;
      const index = this.names!.indexOf(key);
      if (index !== -1) {
        if (this.names!.indexOf(key, index + 1) !== -1) {
          fail(this.ctx, this.headerLine, name, 'the column appears twice in the header');
        }
        return index;
      }
    }
    return -1;
  }

  /** Like column(), but a missing column is an error on the header line. */
  required(...names: string[]): number {
    const index = this.column(...names);
    if (index === -1) {
      const also = names.length > 1 ? ` (or ${names.slice(1).join(' / ')})` : '';
      fail(this.ctx, this.headerLine, names[0], `required column${also} missing from the header`);
    }
    return index;
  }

  get header(): readonly string[] {
    return this.names ?? [];
  }
}

/** The trimmed cell at a position; '' when the column is absent or the row is short. */
export function cell(record: CsvRecord, index: number): string {
  if (index < 0 || index >= record.fields.length) return '';
  return record.fields[index].trim();
}

/** The cell exactly as written (message text keeps its spaces); '' when absent. */
export function rawCell(record: CsvRecord, index: number): string {
  if (index < 0 || index >= record.fields.length) return '';
  return record.fields[index];
}
