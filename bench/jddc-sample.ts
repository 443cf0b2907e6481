// The JDDC sample (../shared/data/jddc-sample/chat_sessions.jsonl: real JD.com customer-service sessions,
// no timestamps, no agent ids) turned into chat messages, for tests and benchmarks only — never shipped.
// Deterministic: each session gets a day (spread over `days` days), an agent (`<shop>:客服N`), a start
// time between 09:00 and 21:00, and 20–60 s between consecutive messages, all from a hash of its id.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, startOfLocalDay } from '../src/domain/time.js';
import type { ChatMessage, ImportRecord } from '../src/domain/types.js';
import type { RecordSource } from '../src/services/import.service.js';

export const JDDC_SAMPLE_PATH = fileURLToPath(
  new URL('../../shared/data/jddc-sample/chat_sessions.jsonl', import.meta.url),
);

export interface JddcOptions {
  shop?: string;
  /** First day (YYYY-MM-DD, Asia/Shanghai). */
  startDay?: string;
  days?: number;
  agents?: number;
}

interface JddcTurn {
  role: string;
  text: string;
  is_transfer?: boolean;
  is_repeat?: boolean;
  sku?: string | null;
}

interface JddcSession {
  session_id: string;
  user_id: string;
  turns: JddcTurn[];
}

const TIME_ZONE = 'Asia/Shanghai';

/** A small deterministic generator seeded from a string (xorshift32 over a SHA-1 prefix). */
function rngFor(seed: string): () => number {
  let x = createHash('sha1').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

export function readJddcSessions(path = JDDC_SAMPLE_PATH): JddcSession[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JddcSession);
}

/** The sessions' turns as chat messages, session by session, each session's messages in time order. */
export function jddcMessages(sessions: readonly JddcSession[], options: JddcOptions = {}): ChatMessage[] {
  const shop = options.shop ?? 'jd-sample';
  const startDay = options.startDay ?? '2026-03-02';
  const days = options.days ?? 5;
  const agents = options.agents ?? 12;
  const out: ChatMessage[] = [];
  sessions.forEach((s, i) => {
    const rng = rngFor(s.session_id);
    const day = addDays(startDay, i % days);
    const agent = `${shop}:客服${1 + Math.floor(rng() * agents)}`;
    let at = startOfLocalDay(day, TIME_ZONE) + 9 * 3_600_000 + Math.floor(rng() * 12 * 3_600_000);
    s.turns.forEach((t, j) => {
      if (j > 0) at += 20_000 + Math.floor(rng() * 40_001);
      out.push({
        shop,
        id: `${s.session_id}-${j}`,
        buyer: s.user_id,
        agent,
        from: t.role === 'agent' ? 'agent' : 'buyer',
        at,
        text: t.text ?? '',
        kind: 'text',
      });
    });
  });
  return out;
}

/** The converted sample as an import source (for ImportService.importSource). */
export function jddcSource(messages: readonly ChatMessage[]): RecordSource {
  let read = 0;
  return {
    format: 'jddc-sample',
    bytesTotal: messages.length,
    bytesRead: () => read,
    *records(): Iterable<ImportRecord> {
      for (const m of messages) {
        read++;
        yield { type: 'message', line: read, value: m };
      }
    },
  };
}
