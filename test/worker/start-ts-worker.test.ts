// A TypeScript worker module runs from a bundle; a later process reuses the bundle while its inputs are
// unchanged and builds a new one as soon as one of them changes, or once its bundle is gone.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { localCacheDir } from '../../src/cache/local-cache.js';
import { forgetBundles, startTsWorker } from '../../src/worker/start-ts-worker.js';

function firstMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function run(entry: URL, data: unknown): Promise<unknown> {
  const worker = startTsWorker(entry, data);
  try {
    return await firstMessage(worker);
  } finally {
    await worker.terminate();
  }
}

describe('TypeScript workers', () => {
  it('run from a bundle that is rebuilt when a source changes, and reused when none did', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhipei-worker-'));
    const name = `probe-${process.pid}-${Date.now()}`;
    const helper = join(dir, 'helper.ts');
    const entry = join(dir, `${name}.ts`);
    writeFileSync(helper, "export const greeting: string = 'one';\n");
    writeFileSync(
      entry,
      "import { parentPort, workerData } from 'node:worker_threads';\n" +
        "import { greeting } from './helper.ts';\n" +
        'parentPort!.postMessage(`${greeting} ${(workerData as { n: number }).n}`);\n',
    );
    const url = pathToFileURL(entry);
    expect(await run(url, { n: 1 })).toBe('one 1');

    // A new process with nothing changed: the same bundle, not rebuilt.
    forgetBundles();
    expect(await run(url, { n: 2 })).toBe('one 2');

    // An imported module changes (same size, later time): rebuilt.
    forgetBundles();
    writeFileSync(helper, "export const greeting: string = 'two';\n");
    const later = new Date(Date.now() + 5_000);
    utimesSync(helper, later, later);
    expect(await run(url, { n: 3 })).toBe('two 3');

    // The bundle this process found is deleted (pruned by a later build elsewhere): built again.
    const cache = localCacheDir('zhipei-workers');
    const manifestName = readdirSync(cache).find(
      (f) => f.startsWith(`${name}.`) && f.endsWith('.manifest.json'),
    )!;
    const manifest = join(cache, manifestName);
    const { output } = JSON.parse(readFileSync(manifest, 'utf8')) as { output: string };
    rmSync(output);
    expect(await run(url, { n: 4 })).toBe('two 4');
    expect(existsSync(output)).toBe(true);
  });

  it("run their own checkout's code when two checkouts with the same entry share the cache", async () => {
    const name = `twin-${process.pid}-${Date.now()}`;
    const checkout = (word: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'zhipei-checkout-'));
      const entry = join(dir, `${name}.ts`);
      writeFileSync(
        entry,
        `import { parentPort } from 'node:worker_threads';\nparentPort!.postMessage('${word}');\n`,
      );
      return pathToFileURL(entry);
    };
    const a = checkout('from a');
    const b = checkout('from b');
    expect(await run(a, {})).toBe('from a');
    forgetBundles();
    expect(await run(b, {})).toBe('from b');
    forgetBundles();
    expect(await run(a, {})).toBe('from a');
  });
});
