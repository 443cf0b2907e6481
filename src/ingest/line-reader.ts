// Reads a text file of any size as numbered lines, in constant memory: chunks from a read stream are
// decoded (see text-decoder.ts) and split on CRLF, LF or a lone CR. Lines are handed out in batches, one
// per chunk, so per-line work stays synchronous; `lines()` offers the one-at-a-time view.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ImportError } from './import-error.js';
import { LineSplitter, MAX_LINE_CHARS } from './line-splitter.js';
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

const CHUNK_BYTES = 256 * 1024;

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
  if (bytesTotal === 0)
    throw new ImportError({ file: path, line: null, field: null, reason: 'the file is empty' });
  const sample = await readSample(path, Math.min(bytesTotal, SNIFF_BYTES));
  const wholeFile = sample.length === bytesTotal;
  const sniffed = sniffEncoding(sample);
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
    if (!s.isFile())
      throw new ImportError({ file: path, line: null, field: null, reason: 'not a regular file' });
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
