// RFC 4180 CSV, fed one line at a time so a file of any size streams. A quoted field may span lines; the
// record then carries the number of the line it starts on. Deliberate leniencies, because real exports
// need them: a quote inside an unquoted field is kept literally (Taobao's `="123"` cells), blank lines
// between records are skipped, and a line break inside quotes becomes "\n" whatever it was in the file.

import { ImportError, quote } from './import-error.js';

export interface CsvRecord {
  /** Line the record starts on. */
  line: number;
  fields: string[];
}

export class CsvReader {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private startLine = 0;
  /** Header names, once known, so syntax errors can name the column. */
  columnNames: readonly string[] = [];

  constructor(private readonly file: string) {}

  /** Feeds one line (without its line break). Returns the record it completes, or null. */
  push(line: number, text: string): CsvRecord | null {
    if (!this.inQuotes) {
      if (text.length === 0) return null;
      this.startLine = line;
      // Most lines of most files have no quotes at all.
      if (text.indexOf('"') === -1) return { line, fields: text.split(',') };
    } else {
      this.field += '\n';
    }
    return this.scan(line, text);
  }

  /** End of input: a quote still open means the file was cut off. */
  end(): void {
    if (this.inQuotes) {
      throw new ImportError({
        file: this.file,
        line: this.startLine,
        field: this.columnName(this.fields.length),
        reason: `truncated: a quoted field opened on this line is never closed (starts ${quote(this.field.slice(0, 40))})`,
      });
    }
  }

  private scan(line: number, text: string): CsvRecord | null {
    let i = 0;
    const n = text.length;
    while (i <= n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.field += text.slice(i);
          return null; // the field goes on on the next line
        }
        this.field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          this.field += '"';
          i = q + 2;
          continue;
        }
        this.inQuotes = false;
        i = q + 1;
        if (i < n && text.charCodeAt(i) !== 44) {
          throw new ImportError({
            file: this.file,
            line,
            field: this.columnName(this.fields.length),
            reason: `unexpected text after a closing quote: ${quote(text.slice(i, i + 20))}`,
          });
        }
        i = this.closeField(i, n);
        continue;
      }
      if (i < n && text.charCodeAt(i) === 34 && this.field === '') {
        this.inQuotes = true;
        i++;
        continue;
      }
      const comma = text.indexOf(',', i);
      const stop = comma === -1 ? n : comma;
      this.field += text.slice(i, stop);
      i = this.closeField(stop, n);
    }
    const fields = this.fields;
    this.fields = [];
    return { line: this.startLine, fields };
  }

  /** Ends the current field at position `at` (a comma or the end of the line); returns where to go on. */
  private closeField(at: number, n: number): number {
    this.fields.push(this.field);
    this.field = '';
    // After a trailing comma one more (empty) field follows; after the end of the line, nothing.
    return at < n ? at + 1 : n + 1;
  }

  private columnName(index: number): string | null {
    return this.columnNames[index] ?? null;
  }
}
