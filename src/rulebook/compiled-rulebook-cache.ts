// A rulebook compiled once is kept in memory for the process's later uses and on disk, so that the next process (every `zhipei inspect` or `import`, the
// server's start) takes it instead of compiling it: a cold compile of the default rulebook cost ~0.6 s of the
// main thread and as much again of the JIT's background threads, reading it back ~40 ms. Stored as a V8
// serialisation of its portable form (portable-rulebook.ts), under a hash of the rulebook's whole content and
// of the engine's source files, so a changed rulebook, lexicon or engine compiles anew. Beside our
// node_modules, like the parsed rulebooks; where the cache cannot be read or written, it compiles every time.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { localCacheDir, readThrough } from '../cache/local-cache.js';
import {
  type CompiledRulebook,
  compileRulebook,
  fromPortable,
  type PortableRulebook,
  type Rulebook,
  toPortable,
} from '../domain/inspection/index.js';

/** Bump when the stored form changes in a way the engine's source hash would not show. */
const CACHE_FORMAT = 1;
const SUFFIX = '.compiled';

let engineSource: string | null | undefined;

/** A hash of the engine's source files (src/domain/inspection, as this module runs them: .ts or .js). */
function engineSourceHash(): string | null {
  if (engineSource === undefined) {
    try {
      const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
      const dir = fileURLToPath(new URL('../domain/inspection/', import.meta.url));
      const hash = createHash('sha256');
      for (const name of readdirSync(dir)
        .filter((n) => n.endsWith(ext))
        .sort())
        hash
          .update(`${name}\0`)
          .update(readFileSync(`${dir}${name}`))
          .update('\0');
      engineSource = hash.digest('hex');
    } catch {
      engineSource = null; // a bundle or an unusual install: no cache
    }
  }
  return engineSource;
}

function cacheFile(rulebook: Rulebook): string | null {
  const engine = engineSourceHash();
  if (!engine) return null;
  try {
    const key = createHash('sha256')
      .update(`${CACHE_FORMAT}\0${process.versions.v8}\0${engine}\0`)
      .update(JSON.stringify(rulebook))
      .digest('hex')
      .slice(0, 32);
    return `${localCacheDir('zhipei-rulebooks')}/${key}${SUFFIX}`;
  } catch {
    return null;
  }
}

/** The rulebook compiled: from the disk cache when this exact rulebook was compiled by this exact engine before. */
export function cachedCompile(
  rulebook: Rulebook,
  compile: (r: Rulebook) => CompiledRulebook,
): CompiledRulebook {
  return readThrough(
    cacheFile(rulebook),
    SUFFIX,
    {
      read: (bytes) => fromPortable(deserialize(bytes) as PortableRulebook),
      write: (compiled) => serialize(toPortable(compiled)),
    },
    () => compile(rulebook),
  );
}

/**
 * The rulebooks this process compiled lately, by key (the rulebook's fingerprint, which covers the engine version):
 * a server or a long CLI run inspects after every import and tries rules on every request, and compiling the
 * default rulebook again cost ~0.17 s each time. A compiled rulebook is never changed by inspecting with it.
 */
const compiledByKey = new Map<string, CompiledRulebook>();
const COMPILED_KEPT = 2;

/** The rulebook compiled: kept in this process, else from the disk cache, else compiled now. */
export function compiledRulebook(rulebook: Rulebook, key: string): CompiledRulebook {
  let compiled = compiledByKey.get(key);
  if (!compiled) {
    compiled = cachedCompile(rulebook, compileRulebook);
    if (compiledByKey.size >= COMPILED_KEPT)
      compiledByKey.delete(compiledByKey.keys().next().value as string);
    compiledByKey.set(key, compiled);
  }
  return compiled;
}
