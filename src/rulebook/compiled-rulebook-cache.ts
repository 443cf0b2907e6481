// A rulebook compiled once is kept on disk, so that the next process (every `zhipei inspect` or `import`, the
// server's start) takes it instead of compiling it: a cold compile of the default rulebook cost ~0.6 s of the
// main thread and as much again of the JIT's background threads, reading it back ~40 ms. Stored as a V8
// serialisation of its portable form (portable-rulebook.ts), under a hash of the rulebook's whole content and
// of the engine's source files, so a changed rulebook, lexicon or engine compiles anew. Beside our
// node_modules, like the parsed rulebooks; where the cache cannot be read or written, it compiles every time.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { localCacheDir, pruneStale, touch, writeAtomically } from '../cache/local-cache.js';
import {
  type CompiledRulebook,
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
  const file = cacheFile(rulebook);
  if (file) {
    try {
      const compiled = fromPortable(deserialize(readFileSync(file)) as PortableRulebook);
      touch(file);
      return compiled;
    } catch {
      // not cached yet (or unreadable): compile below
    }
  }
  const compiled = compile(rulebook);
  if (file) {
    try {
      writeAtomically(file, serialize(toPortable(compiled)));
      pruneStale(dirname(file), (name) => name.endsWith(SUFFIX), file);
    } catch {
      // a read-only install: compile every time
    }
  }
  return compiled;
}
