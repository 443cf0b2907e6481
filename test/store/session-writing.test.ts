// Sessions are written while a big import goes on (PostgreSQL copies the sessions of finished days straight
// in) and summed the careful way when the file is out of time order. Whatever the path, every stored
// session must hold exactly the counts of its stored messages, and the import must report each session
// it created or grew once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportService } from '../../src/services/import.service.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';

const SHOP = 'sess';
const DAYS = 6;
const PER_DAY = 1_000;

interface Line {
  /** Default: the test shop. */
  shop?: string;
  id: string;
  buyer: number;
  day: number;
  second: number;
  from: 'buyer' | 'agent';
}

/** Two messages (buyer, then agent) per buyer and day, in time order: 12,000 sessions' worth of days. */
function inOrder(): Line[] {
  const out: Line[] = [];
  for (let day = 0; day < DAYS; day++) {
    for (let s = 0; s < PER_DAY; s++) {
      out.push({ id: `d${day}b${s}q`, buyer: s, day, second: s * 2, from: 'buyer' });
      out.push({ id: `d${day}b${s}a`, buyer: s, day, second: s * 2 + 1, from: 'agent' });
    }
  }
  return out;
}

function write(lines: Line[]): string {
  const text = lines
    .map((l) =>
      JSON.stringify({
        shop: l.shop ?? SHOP,
        id: l.id,
        buyer: `buyer${l.buyer}`,
        agent: `${l.shop ?? SHOP}:客服${l.buyer % 20}`,
        from: l.from,
        // 10:00 Shanghai time on 2026-11-01 + day, + seconds
        at: new Date(Date.UTC(2026, 10, 1 + l.day, 2, 0, 0) + l.second * 1_000).toISOString(),
        text: l.from === 'buyer' ? '在吗' : '亲，在的',
      }),
    )
    .join('\n');
  const path = join(mkdtempSync(join(tmpdir(), 'zhipei-sess-')), 'chats.jsonl');
  writeFileSync(path, `${text}\n`);
  return path;
}

/** Every session against its own stored messages; returns the number of sessions. */
async function expectSessionsMatchMessages(store: Store): Promise<number> {
  const messages = await store.db.selectFrom('messages').select(['session_id', 'sender', 'at']).execute();
  const truth = new Map<string, { n: number; buyer: number; agent: number; first: number; last: number }>();
  for (const m of messages) {
    const at = Number(m.at);
    const t = truth.get(m.session_id) ?? { n: 0, buyer: 0, agent: 0, first: at, last: at };
    t.n++;
    if (m.sender === 'buyer') t.buyer++;
    if (m.sender === 'agent') t.agent++;
    t.first = Math.min(t.first, at);
    t.last = Math.max(t.last, at);
    truth.set(m.session_id, t);
  }
  const sessions = await store.db.selectFrom('sessions').selectAll().execute();
  expect(sessions.length).toBe(truth.size);
  for (const s of sessions) {
    const t = truth.get(s.id);
    expect(t, s.id).toBeDefined();
    expect([
      s.message_count,
      s.buyer_messages,
      s.agent_messages,
      Number(s.first_at),
      Number(s.last_at),
    ]).toEqual([t!.n, t!.buyer, t!.agent, t!.first, t!.last]);
  }
  return sessions.length;
}

for (const engine of enginesUnderTest()) {
  describe(`session writing on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
    });
    afterEach(async () => cleanup());

    it('writes the sessions of a many-day file with exact counts, buyers and agents', async () => {
      const r = await new ImportService(store).importFile(write(inOrder()));
      expect(r.inserted).toBe(DAYS * PER_DAY * 2);
      expect(r.sessionsTouched).toBe(DAYS * PER_DAY);
      expect(await expectSessionsMatchMessages(store)).toBe(DAYS * PER_DAY);
      const counts = await store.status.counts();
      expect(counts.buyers).toBe(PER_DAY);
      expect(counts.agents).toBe(20);
      const names = await store.db.selectFrom('agents').select('name').orderBy('name').execute();
      expect(names[0].name).toBe('客服0');
    });

    it('takes two imports started at once one after the other, each numbered in one block', async () => {
      // Read-ahead on both: on PostgreSQL the import order numbers then come from the sequence via the
      // worker, and the second import waits for the first's lock.
      const lines = inOrder();
      const a = write(lines.filter((l) => l.day < 3));
      const b = write(lines.filter((l) => l.day >= 3));
      const service = new ImportService(store);
      const [ra, rb] = await Promise.all([
        service.importFile(a, { readAhead: true }),
        service.importFile(b, { readAhead: true }),
      ]);
      expect(ra.inserted + rb.inserted).toBe(DAYS * PER_DAY * 2);
      expect(await expectSessionsMatchMessages(store)).toBe(DAYS * PER_DAY);
      const rows = await store.db.selectFrom('messages').select(['id', 'seq']).orderBy('seq').execute();
      expect(new Set(rows.map((r) => Number(r.seq))).size).toBe(rows.length);
      // One file's messages, then the other's: the first half of the order belongs to one day range.
      const firstHalf = new Set(rows.slice(0, rows.length / 2).map((r) => r.id.slice(0, 2)));
      expect([
        ['d0', 'd1', 'd2'],
        ['d3', 'd4', 'd5'],
      ]).toContainEqual([...firstHalf].sort());
    });

    it('counts a late message of a finished day into its session, and the session once', async () => {
      const lines = inOrder();
      // After the last day: more of the first day, for 300 sessions stored already and 100 new ones.
      for (let s = 0; s < 300; s++)
        lines.push({ id: `late${s}`, buyer: s, day: 0, second: 5_000 + s, from: 'buyer' });
      for (let s = PER_DAY; s < PER_DAY + 100; s++)
        lines.push({ id: `new${s}`, buyer: s, day: 0, second: 6_000 + s, from: 'buyer' });
      const r = await new ImportService(store).importFile(write(lines));
      expect(r.inserted).toBe(DAYS * PER_DAY * 2 + 400);
      expect(r.sessionsTouched).toBe(DAYS * PER_DAY + 100);
      expect(await expectSessionsMatchMessages(store)).toBe(DAYS * PER_DAY + 100);
      expect((await store.status.counts()).buyers).toBe(PER_DAY + 100);
    });

    it('goes on writing finished days straight in after a late message in mid-file', async () => {
      const lines = inOrder();
      // After day 3 has begun: more of day 0 (its sessions are written by then), then the rest in order.
      const cut = lines.findIndex((l) => l.day === 3) + 500;
      const late: Line[] = [];
      for (let s = 0; s < 200; s++)
        late.push({ id: `mid${s}`, buyer: s, day: 0, second: 7_000 + s, from: 'agent' });
      lines.splice(cut, 0, ...late);
      const r = await new ImportService(store).importFile(write(lines));
      expect(r.inserted).toBe(DAYS * PER_DAY * 2 + 200);
      expect(r.sessionsTouched).toBe(DAYS * PER_DAY);
      expect(await expectSessionsMatchMessages(store)).toBe(DAYS * PER_DAY);
    });

    it('keeps each shop of a mixed file on its own days', async () => {
      // A second shop whose messages run two days behind the first's, interleaved line by line.
      const first = inOrder();
      const second = inOrder()
        .filter((l) => l.day < DAYS - 2)
        .map((l) => ({ ...l, shop: 'other', id: `o-${l.id}`, day: l.day }));
      const lines: Line[] = [];
      const lag = 2 * PER_DAY * 2;
      for (let i = 0; i < first.length; i++) {
        lines.push(first[i]);
        if (i >= lag && second[i - lag]) lines.push(second[i - lag]);
      }
      const r = await new ImportService(store).importFile(write(lines));
      expect(r.inserted).toBe(first.length + second.length);
      expect(r.sessionsTouched).toBe(DAYS * PER_DAY + (DAYS - 2) * PER_DAY);
      expect(await expectSessionsMatchMessages(store)).toBe(DAYS * PER_DAY + (DAYS - 2) * PER_DAY);
    });

    it('grows stored sessions on a second import and reports only those it touched', async () => {
      await new ImportService(store).importFile(write(inOrder()));
      const more: Line[] = [];
      for (let s = 0; s < 50; s++)
        more.push({ id: `more${s}`, buyer: s, day: 2, second: 9_000 + s, from: 'agent' });
      const r = await new ImportService(store).importFile(write(more));
      expect(r.inserted).toBe(50);
      expect(r.sessionsTouched).toBe(50);
      expect(await expectSessionsMatchMessages(store)).toBe(DAYS * PER_DAY);
      const grown = await store.db
        .selectFrom('sessions')
        .select('revision')
        .where('revision', '>', 1)
        .execute();
      expect(grown.length).toBe(50);
    });
  });
}
