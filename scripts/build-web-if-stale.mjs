#!/usr/bin/env node
// Builds the web client (web/ → web/dist) when web/dist is missing or older than its sources, so that
// `npm install && npm start` serves a current UI. Runs as `prestart` and from the browser tests.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const builtIndex = join(web, 'dist', 'index.html');
// The web client also imports these shared sources from src/.
const SOURCES = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(root, 'src/domain/kpi/metrics.ts')];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function webIsStale() {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

async function main() {
  if (!webIsStale()) return;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.warn('web/dist is missing or stale and vite is not installed (npm install without --omit=dev builds it)');
    return;
  }
  console.log('building the web app (web/ → web/dist)…');
  await vite.build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
}

await main();
