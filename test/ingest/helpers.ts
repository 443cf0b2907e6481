// Shared helpers for the importer tests.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ImportRecord } from '../../src/domain/types.js';
import { ImportError } from '../../src/ingest/import-error.js';
import { type OpenImportOptions, openImportFile } from '../../src/ingest/open-import-file.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');

export const fixture = (name: string) => join(FIXTURES, name);

export const SHANGHAI: OpenImportOptions = { timeZoneOf: () => 'Asia/Shanghai' };

/** Epoch ms of an ISO string, computed by the platform, not by the code under test. */
export const ms = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad test timestamp ${iso}`);
  return t;
};

export async function readAll(
  path: string,
  options: Partial<OpenImportOptions> = {},
): Promise<ImportRecord[]> {
  const file = await openImportFile(path, { ...SHANGHAI, ...options });
  const out: ImportRecord[] = [];
  for await (const r of file.records()) out.push(r);
  return out;
}

export function values<T extends ImportRecord['type']>(records: ImportRecord[], type: T) {
  return records.filter((r) => r.type === type).map((r) => r.value) as Extract<
    ImportRecord,
    { type: T }
  >['value'][];
}

/** Runs the import to the end and returns the ImportError it must raise. */
export async function importError(
  path: string,
  options: Partial<OpenImportOptions> = {},
): Promise<ImportError> {
  try {
    await readAll(path, options);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }
  throw new Error(`expected ${path} to be refused`);
}

let tmp: string | null = null;

/** Writes bytes (or UTF-8 text) to a fresh temp file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  tmp ??= mkdtempSync(join(tmpdir(), 'zhipei-ingest-'));
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}
