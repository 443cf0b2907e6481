// Reads a rulebook file (YAML or JSON) and its lexicon files into a validated Rulebook.
// Lexicon paths are relative to the rulebook file; the default rulebook lives in <repo>/rulebooks/.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ENGINE_VERSION } from '../domain/inspection/engine-version.js';
import { parseLexicon } from '../domain/inspection/lexicon.js';
import type { LexiconEntry, Rulebook } from '../domain/inspection/types.js';
import { cachedParse } from './parsed-rulebook-cache.js';
import { rulebookFileSchema } from './rulebook.schema.js';

type RulebookFile = ReturnType<typeof rulebookFileSchema.parse>;

export const DEFAULT_RULEBOOK_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../rulebooks/default.zh-CN.yaml',
);

export class RulebookError extends Error {}

/**
 * Parses rulebook text. `readText(path)` reads a lexicon file, given a path relative to the rulebook
 * (injected so tests can load rulebooks without touching the disk).
 */
export function parseRulebook(
  text: string,
  options: { format: 'yaml' | 'json'; source?: string; readText: (relativePath: string) => string },
): Rulebook {
  const where = options.source ?? 'rulebook';
  const file = cachedParse(options.format, text, () => validate(text, options.format, where));
  // The engine version is hashed in too: an engine change that can alter findings re-inspects everything.
  const hash = createHash('sha256').update(`engine ${ENGINE_VERSION}\0`).update(text);
  const lexicons: Record<string, LexiconEntry[]> = {};
  for (const [name, value] of Object.entries(file.lexicons)) {
    if (Array.isArray(value)) {
      lexicons[name] = parseLexicon(value.join('\n'));
      continue;
    }
    let content: string;
    try {
      content = options.readText(value);
    } catch (e) {
      throw new RulebookError(`${where}: lexicon ${name}: cannot read ${value}: ${(e as Error).message}`);
    }
    hash.update(`\0${name}\0${content}`);
    lexicons[name] = parseLexicon(content);
  }
  const { lexicons: _files, ...rest } = file;
  return { ...rest, lexicons, fingerprint: hash.digest('hex').slice(0, 16) };
}

/** Parses and validates a rulebook file's text (the slow part of loading: see parsed-rulebook-cache.ts). */
function validate(text: string, format: 'yaml' | 'json', where: string): RulebookFile {
  let raw: unknown;
  try {
    raw = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new RulebookError(`${where}: cannot parse ${format}: ${(e as Error).message}`);
  }
  const parsed = rulebookFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n');
    throw new RulebookError(`${where}: invalid rulebook\n${issues}`);
  }
  return parsed.data;
}

/** Loads a rulebook file from disk (default: rulebooks/default.zh-CN.yaml). */
export function loadRulebook(path: string = DEFAULT_RULEBOOK_PATH): Rulebook {
  const full = resolve(path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (e) {
    throw new RulebookError(`cannot read rulebook ${full}: ${(e as Error).message}`);
  }
  const format = extname(full).toLowerCase() === '.json' ? 'json' : 'yaml';
  return parseRulebook(text, {
    format,
    source: full,
    readText: (rel) => readFileSync(resolve(dirname(full), rel), 'utf8'),
  });
}
