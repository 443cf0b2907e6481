// Reads a text file of any size as numbered lines, in constant memory: chunks from a read stream are
// decoded (see text-decoder.ts) and split on CRLF, LF or a lone CR. Lines are handed out in batches, one
// per chunk, so per-line work stays synchronous; `lines()` offers the one-at-a-time view.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ImportError } from './import-error.js';
import { createChunkDecoder, SNIFF_BYTES, sniffEncoding, type TextEncodingName } from './text-decoder.js';

export interface Line {
  /** 1-based. */
  line: number;
  text: string;
}

/** Consecutive lines: texts[i] is line firstLine + i. */
export interface LineBatch {
  firstLine: number;
  texts: string[];
}

/** A line this long is not text anyone exported; stop before it eats the memory. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

const CHUNK_BYTES = 256 * 1024;

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

/** A text file whose encoding has been chosen, ready to be read as lines. */
export interface TextFile {
  path: string;
  encoding: TextEncodingName;
  bytesTotal: number;
  /** Bytes consumed so far by the current read, for a progress line. */
  bytesRead(): number;
  /** The first lines of the file, decoded from the sample only (for format detection). */
  head: Line[];
  /** Set when the sample already shows a decoding problem: where, and what. */
  headProblem: { line: number; reason: string } | null;
  /** Reads the whole file; throws ImportError on undecodable bytes, naming the line. */
  batches(): AsyncGenerator<LineBatch>;
  lines(): AsyncGenerator<Line>;
}

const HEAD_LINES = 200;

/** Opens a file, chooses its encoding from its first 64 KB and decodes that much for a first look. */
export async function openTextFile(path: string): Promise<TextFile> {
  const bytesTotal = await fileSize(path);
  if (bytesTotal === 0) throw new ImportError({ file: path, line: null, field: null, reason: 'the file is empty' });
  const sample = await readSample(path, Math.min(bytesTotal, SNIFF_BYTES));
  const wholeFile = sample.length === bytesTotal;
  const sniffed = sniffEncoding(sample, wholeFile);
  if ('reason' in sniffed) {
    throw new ImportError({
      file: path,
      line: lineOfByte(sample, sniffed.binaryAtByte),
      field: null,
      reason: sniffed.reason,
    });
  }
  const encoding = sniffed.encoding;
  const { head, headProblem } = decodeHead(path, sample, encoding, wholeFile);
  let read = 0;

  async function* batches(): AsyncGenerator<LineBatch> {
    read = 0;
    const decoder = createChunkDecoder(encoding);
    const splitter = new LineSplitter((line) => tooLong(path, line));
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.length;
        const decoded = decoder.decode(chunk);
        const firstLine = splitter.nextLine;
        const texts: string[] = [];
        splitter.push(decoded.text, texts);
        if (texts.length > 0) yield { firstLine, texts };
        if (decoded.bad) throw undecodable(path, splitter.nextLine, decoded.bad);
      }
      const decoded = decoder.end();
      const firstLine = splitter.nextLine;
      const texts: string[] = [];
      splitter.push(decoded.text, texts);
      const badLine = splitter.nextLine;
      splitter.end(texts);
      if (texts.length > 0) yield { firstLine, texts };
      if (decoded.bad) throw undecodable(path, badLine, decoded.bad);
    } catch (err) {
      throw asImportError(path, err);
    } finally {
      stream.destroy();
    }
  }

  async function* lines(): AsyncGenerator<Line> {
    for await (const batch of batches()) {
      for (let i = 0; i < batch.texts.length; i++) yield { line: batch.firstLine + i, text: batch.texts[i] };
    }
  }

  return { path, encoding, bytesTotal, bytesRead: () => read, head, headProblem, batches, lines };
}

function decodeHead(
  path: string,
  sample: Buffer,
  encoding: TextEncodingName,
  wholeFile: boolean,
): { head: Line[]; headProblem: TextFile['headProblem'] } {
  const decoder = createChunkDecoder(encoding);
  const splitter = new LineSplitter((line) => tooLong(path, line));
  const texts: string[] = [];
  const decoded = decoder.decode(sample);
  splitter.push(decoded.text, texts);
  let problem = decoded.bad ? { line: splitter.nextLine, reason: decoded.bad } : null;
  if (wholeFile && !problem) {
    const last = decoder.end();
    splitter.push(last.text, texts);
    if (last.bad) problem = { line: splitter.nextLine, reason: last.bad };
    else splitter.end(texts);
  }
  const head = texts.slice(0, HEAD_LINES).map((text, i) => ({ line: i + 1, text }));
  return { head, headProblem: problem };
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ImportError({ file: path, line: null, field: null, reason: 'not a regular file' });
    return s.size;
  } catch (err) {
    throw asImportError(path, err);
  }
}

async function readSample(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r').catch((err: unknown) => {
    throw asImportError(path, err);
  });
  try {
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** 1-based line of a byte offset in the raw sample (CRLF, LF and lone CR each end a line). */
function lineOfByte(sample: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = sample[i];
    if (b === 10 || (b === 13 && sample[i + 1] !== 10)) line++;
  }
  return line;
}

function undecodable(path: string, line: number, reason: string): ImportError {
  return new ImportError({ file: path, line, field: null, reason });
}

function tooLong(path: string, line: number): never {
  throw new ImportError({
    file: path,
    line,
    field: null,
    reason: `line longer than ${MAX_LINE_CHARS} characters; not a text export?`,
  });
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  EMFILE: 'too many open files',
};

/** Anything thrown while reading becomes an ImportError, so the user never sees a stack trace. */
export function asImportError(path: string, err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const reason =
    typeof code === 'string'
      ? `cannot read the file: ${FS_REASONS[code] ?? code}`
      : `cannot import: ${err instanceof Error ? err.message : String(err)}`;
  return new ImportError({ file: path, line: null, field: null, reason, cause: err });
}
