// Splits decoded text into lines: CRLF, LF and a lone CR each end a line, also when a CRLF is cut
// between two chunks. A BOM at the very start is dropped.

/** A line this long is not text anyone exported; stop before it eats the memory. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** Splits decoded text into lines across chunk boundaries (a CRLF may straddle two chunks). */
export class LineSplitter {
  private pending = '';
  private skipLf = false;
  private started = false;
  /** Number of the line currently being assembled (the next one to be completed). */
  nextLine = 1;

  constructor(private readonly tooLong: (line: number) => never) {}

  /** Appends the lines completed by `text` to `out`. */
  push(text: string, out: string[]): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let pos = 0; // where the current line starts in `text`
    if (this.skipLf && text.length > 0) {
      if (text.charCodeAt(0) === 10) pos = 1;
      this.skipLf = false;
    }
    // Both positions are found natively and only searched again once passed, so a file without CR costs
    // one failed indexOf per chunk.
    let lf = text.indexOf('\n', pos);
    let cr = text.indexOf('\r', pos);
    while (lf !== -1 || cr !== -1) {
      let end: number;
      let next: number;
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        end = lf;
        next = lf + 1;
      } else {
        end = cr;
        if (cr + 1 === text.length) {
          next = cr + 1;
          this.skipLf = true; // a LF starting the next chunk belongs to this CR
        } else {
          next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        }
      }
      let piece = text.slice(pos, end);
      if (this.pending) {
        piece = this.pending + piece;
        this.pending = '';
      }
      out.push(piece);
      this.nextLine++;
      pos = next;
      if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    }
    if (pos < text.length) {
      this.pending += text.slice(pos);
      if (this.pending.length > MAX_LINE_CHARS) this.tooLong(this.nextLine);
    }
  }

  /** End of input: the last line, when the file does not end with a line break. */
  end(out: string[]): void {
    if (this.pending) {
      out.push(this.pending);
      this.pending = '';
      this.nextLine++;
    }
  }
}
