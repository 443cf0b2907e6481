// The `zhipei` command as a user runs it: a real process, a real store file, real exit codes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'zhipei.js');
const FIX = join(import.meta.dirname, '..', 'fixtures', 'import');

async function zhipei(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('zhipei CLI', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhipei-cli-'));
    db = join(dir, 'z.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports files, reports status as JSON, and honours ZHIPEI_DB', async () => {
    const r = await zhipei(['import', '--db', db, join(FIX, 'chats.jsonl'), join(FIX, 'orders.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/chats\.jsonl: chats-jsonl, 7 records, 7 new/);
    const s = await zhipei(['status', '--json'], { ZHIPEI_DB: db });
    expect(JSON.parse(s.stdout)).toMatchObject({ messages: 7, orders: 4, shops: 2 });
  });

  it('a bad file exits non-zero with file, line and field, and no stack trace', async () => {
    const r = await zhipei(['import', '--db', db, join(FIX, 'bad', 'bad-amount.csv')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/bad-amount\.csv:3: field "amount": not a number/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const s = await zhipei(['status', '--json', '--db', db]);
    expect(JSON.parse(s.stdout).orders).toBe(4);
  });

  it('demo --out is deterministic by seed and writes the truth file', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    expect((await zhipei(['demo', '--out', a, '--messages', '3000', '--seed', '5'])).code).toBe(0);
    expect((await zhipei(['demo', '--out', b, '--messages', '3000', '--seed', '5'])).code).toBe(0);
    for (const f of ['agents.csv', 'chats.jsonl', 'orders.csv', 'refunds.csv', 'truth/planted.jsonl']) {
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    }
    const planted = readFileSync(join(a, 'truth', 'planted.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(planted.length).toBeGreaterThan(10);
    expect(planted[0]).toHaveProperty('rule');
  });

  it('demo into a store, then kpi --json and kpi explain', async () => {
    const demoDb = join(dir, 'demo.db');
    const d = await zhipei(['demo', '--db', demoDb, '--messages', '4000', '--agents', '8']);
    expect(d.code).toBe(0);
    const k = await zhipei(['kpi', '--db', demoDb, '--from', '2026-01-01', '--to', '2026-12-31', '--json']);
    expect(k.code).toBe(0);
    const report = JSON.parse(k.stdout);
    expect(report.agents.length).toBeGreaterThan(1);
    expect(report.total.consulted_buyers).toBeGreaterThan(50);
    const agent = report.agents[0].agent;
    const e = await zhipei([
      'kpi',
      'explain',
      '--db',
      demoDb,
      '--agent',
      agent,
      '--metric',
      'consulted_buyers',
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
      '--json',
    ]);
    expect(e.code).toBe(0);
    const items = JSON.parse(e.stdout);
    expect(items.filter((i: { included: boolean }) => i.included).length).toBe(
      report.agents[0].consulted_buyers,
    );
    const t = await zhipei(['kpi', '--db', demoDb, '--from', '2026-01-01', '--to', '2026-12-31']);
    expect(t.stdout).toContain('询单转化率');
    const x = await zhipei([
      'kpi',
      '--db',
      demoDb,
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
      '--xlsx',
      join(dir, 'kpi.xlsx'),
    ]);
    expect(x.code).toBe(0);
    expect(readFileSync(join(dir, 'kpi.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('shop set stores KPI settings and refuses a bad zone with a clear message', async () => {
    const ok = await zhipei([
      'shop',
      'set',
      '--db',
      db,
      '--shop',
      'new-shop',
      '--time-zone',
      'Europe/Berlin',
      '--slow-threshold',
      '45',
    ]);
    expect(ok.code).toBe(0);
    const list = await zhipei(['shop', 'list', '--db', db, '--json']);
    expect(JSON.parse(list.stdout).find((s: { id: string }) => s.id === 'new-shop')).toMatchObject({
      timeZone: 'Europe/Berlin',
      settings: { kpi: { slowThresholdS: 45 } },
    });
    const bad = await zhipei([
      'shop',
      'set',
      '--db',
      db,
      '--shop',
      'new-shop',
      '--time-zone',
      'Mars/Olympus',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown time zone "Mars\/Olympus"/);
  });

  it('unknown commands and bad flags are usage errors', async () => {
    expect((await zhipei(['frobnicate'])).code).toBe(2);
    const r = await zhipei(['kpi', '--db', db, '--from', '2026-13-01', '--to', '2026-11-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from must be a date/);
  });
});
