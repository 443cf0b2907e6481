// A rulebook file parsed and validated once is kept on disk as JSON, under the hash of its text and of
// the schema that validated it: the default rulebook's YAML parse and validation cost every inspection
// ~0.3 s of a cold start (240 ms YAML, 80 ms validation), its JSON ~2 ms. Beside our node_modules, like
// the worker bundles; where that cannot be written (a read-only install) nothing is cached.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localCacheDir, readThrough } from '../cache/local-cache.js';

/** Bump when the cached shape changes without the schema's source changing. */
const CACHE_FORMAT = 1;

let schemaSource: string | undefined;

/** The validating schema's own source: a changed schema must not be served results of the old one. */
function schemaText(): string {
  if (schemaSource === undefined) {
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    try {
      schemaSource = readFileSync(
        fileURLToPath(new URL(`./rulebook.schema.${ext}`, import.meta.url)),
        'utf8',
      );
    } catch {
      schemaSource = '';
    }
  }
  return schemaSource;
}

function cacheFile(format: string, text: string): string | null {
  try {
    const key = createHash('sha256')
      .update(`${CACHE_FORMAT}\0${format}\0${schemaText()}\0`)
      .update(text)
      .digest('hex')
      .slice(0, 32);
    return join(localCacheDir('zhipei-rulebooks'), `${key}.json`);
  } catch {
    return null;
  }
}

/** `parse(text)`'s result, from the cache when this exact text was parsed by this exact schema before. */
export function cachedParse<T>(format: string, text: string, parse: () => T): T {
  return readThrough(
    cacheFile(format, text),
    '.json',
    { read: (bytes) => JSON.parse(bytes.toString('utf8')) as T, write: (value) => JSON.stringify(value) },
    parse,
  );
}
