// The buyers' agent messages in their other sessions: looked up in the run's sessions by day
// (AgentSessionDays) or probed per buyer, the rows must be the same, on every engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/time.js';
import type { ChatMessage } from '../../src/domain/types.js';
import {
  type AgentSession,
  AgentSessionDays,
  type DaySessions,
  MAX_DAYS_PER_READ,
  type ReadDay,
} from '../../src/store/repositories/agent-session-days.js';
import {
  type BuyerAgentMessage,
  InspectionRepository,
} from '../../src/store/repositories/inspection.repository.js';
import type { Store } from '../../src/store/store.js';
import { enginesUnderTest } from '../helpers/engines.js';
import { load, message, SHOP, toRow } from './fixtures.js';

const DAY = 86_400;
const AGENTS = ['s1:小禾', 's1:阿木', 's1:青青'];
const FIRST_DAY = '2026-03-10';

/**
 * Buyers b0..b5 over 20 days: some days a session answered by an agent (two agent messages), some days
 * one the bot alone answered, some days one nobody answered; now and then two agents on one day.
 */
function manyDays(): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let day = 0; day < 20; day++) {
    for (let b = 0; b < 6; b++) {
      const kind = (day * 7 + b * 3) % 5;
      const buyer = `b${b}`;
      const agent = AGENTS[(day + b) % AGENTS.length];
      const t = day * DAY + b * 600;
      const id = `${day}-${b}`;
      out.push(message(`${id}-q`, buyer, agent, 'buyer', t, '在吗'));
      if (kind <= 2) {
        out.push(message(`${id}-a1`, buyer, agent, 'agent', t + 20, '您好，在的'));
        out.push(message(`${id}-a2`, buyer, agent, 'agent', t + 40, '亲，还有什么可以帮您'));
      } else if (kind === 3) out.push(message(`${id}-bot`, buyer, agent, 'bot', t + 5, '自动回复：稍等'));
      if (kind === 0) {
        const other = AGENTS[(day + b + 1) % AGENTS.length];
        out.push(message(`${id}-x`, buyer, other, 'agent', t + 300, '您好，我来跟进'));
      }
    }
  }
  return out;
}

function sorted(list: BuyerAgentMessage[]): BuyerAgentMessage[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

for (const engine of enginesUnderTest()) {
  describe(`the buyers' other agent messages on ${engine.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let repo: InspectionRepository;
    beforeEach(async () => {
      ({ store, cleanup } = await engine.fresh());
      await load(store, { messages: manyDays() });
      repo = new InspectionRepository(store.db, store.handle);
    });
    afterEach(async () => cleanup());

    it('gives the same rows from the held days as probed per buyer, batch after batch', async () => {
      const held = new AgentSessionDays(SHOP);
      const rows = manyDays().map(toRow);
      let nonEmpty = 0;
      for (let day = 0; day < 18; day++) {
        const first = addDays(FIRST_DAY, day);
        const days = { from: addDays(first, -1), to: addDays(first, 4) };
        const buyers = day % 2 ? ['b0', 'b2', 'b4'] : ['b1', 'b3', 'b5', 'b0'];
        // The batch's own sessions: its buyers' sessions of its first day.
        const own = rows.filter((m) => m.day === first && buyers.includes(m.buyer));
        const exclude = [...new Set(own.map((m) => m.sessionId))];
        const probed = await repo.otherAgentMessages(SHOP, buyers, days, exclude);
        const fromHeld = await repo.otherAgentMessages(SHOP, buyers, days, exclude, held);
        expect(sorted(fromHeld)).toEqual(sorted(probed));
        if (probed.length > 0) nonEmpty++;
        for (const m of fromHeld) {
          expect(buyers).toContain(m.buyer);
          expect(m.id).toMatch(/-(a1|a2|x)$/);
        }
      }
      expect(nonEmpty).toBeGreaterThan(10);
    });

    it('lists exactly the agent messages of the other sessions, leaving out bots and the excluded', async () => {
      const held = new AgentSessionDays(SHOP);
      const all = manyDays().map(toRow);
      const days = { from: '2026-03-11', to: '2026-03-13' };
      const own = all.find((m) => m.buyer === 'b1' && m.day === '2026-03-12')!.sessionId;
      const got = await repo.otherAgentMessages(SHOP, ['b1'], days, [own], held);
      const expected = all
        .filter(
          (m) =>
            m.buyer === 'b1' &&
            m.from === 'agent' &&
            m.day >= days.from &&
            m.day <= days.to &&
            m.sessionId !== own,
        )
        .map((m) => ({ id: m.id, buyer: m.buyer, agent: m.agent, at: m.at, seq: expect.any(Number) }));
      expect(expected.length).toBeGreaterThan(0);
      expect(sorted(got)).toEqual(sorted(expected as BuyerAgentMessage[]));
    });

    it('probes per buyer when a batch spans more days than it may read, with the same rows', async () => {
      const held = new AgentSessionDays(SHOP);
      const days = { from: FIRST_DAY, to: addDays(FIRST_DAY, MAX_DAYS_PER_READ + 3) };
      const probed = await repo.otherAgentMessages(SHOP, ['b2', 'b3'], days, []);
      expect(probed.length).toBeGreaterThan(0);
      expect(sorted(await repo.otherAgentMessages(SHOP, ['b2', 'b3'], days, [], held))).toEqual(
        sorted(probed),
      );
    });
  });
}

describe('AgentSessionDays', () => {
  const session = (day: string, buyer: string): AgentSession => [`s-${day}`, buyer, 'a'];
  const idsOf = (days: DaySessions[] | null, buyer: string) => days?.map((d) => d.get(buyer)?.[0][0]);

  it('reads only the days it does not hold, each once, and forgets the days left behind', async () => {
    const reads: string[] = [];
    const read: ReadDay = async (day) => {
      reads.push(day);
      return [session(day, 'b1')];
    };
    const held = new AgentSessionDays('s1');
    const a = await held.window('2026-03-01', '2026-03-04', read);
    expect(idsOf(a, 'b1')).toEqual(['s-2026-03-01', 's-2026-03-02', 's-2026-03-03', 's-2026-03-04']);
    expect(idsOf(a, 'b2')).toEqual([undefined, undefined, undefined, undefined]);
    await held.window('2026-03-02', '2026-03-05', read);
    await held.window('2026-03-02', '2026-03-05', read);
    expect(reads).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    // 03-01 was forgotten when a batch began at 03-02: asked for again, it is read again.
    await held.window('2026-03-01', '2026-03-02', read);
    expect(reads.slice(5)).toEqual(['2026-03-01']);
  });

  it('shares a read between batches loading at once, and a batch keeps days a later one forgets', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const reads: string[] = [];
    const read: ReadDay = async (day) => {
      reads.push(day);
      await gate;
      return [session(day, 'b1')];
    };
    const held = new AgentSessionDays('s1');
    const early = held.window('2026-03-01', '2026-03-03', read);
    const late = held.window('2026-03-03', '2026-03-04', read);
    release();
    const [e, l] = await Promise.all([early, late]);
    expect(reads).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    expect(idsOf(e, 'b1')).toEqual(['s-2026-03-01', 's-2026-03-02', 's-2026-03-03']);
    expect(idsOf(l, 'b1')).toEqual(['s-2026-03-03', 's-2026-03-04']);
  });

  it('does not keep a failed read', async () => {
    const held = new AgentSessionDays('s1');
    await expect(
      held.window('2026-03-01', '2026-03-01', () => Promise.reject(new Error('connection lost'))),
    ).rejects.toThrow('connection lost');
    const again = await held.window('2026-03-01', '2026-03-01', (day) => [session(day, 'b9')]);
    expect(idsOf(again, 'b9')).toEqual(['s-2026-03-01']);
  });

  it('returns null when more days are missing than one batch may read', async () => {
    const held = new AgentSessionDays('s1');
    const to = addDays('2026-03-01', MAX_DAYS_PER_READ);
    expect(await held.window('2026-03-01', to, () => [])).toBeNull();
    expect(await held.window('2026-03-01', addDays(to, -1), () => [])).toHaveLength(MAX_DAYS_PER_READ);
  });
});
