// Messages cross from the read-ahead worker to the importing thread as a few strings and one typed array
// per batch: copying a string between threads is a memcpy and a typed array's buffer is handed over,
// while structured-cloning thousands of small objects costs the receiving thread more than parsing the
// JSON did. Session fields (shop, agent, buyer, day) go once per session per batch; senders and kinds as
// small numbers into a per-batch word list.
import type { ChatMessage, Sender } from '../../domain/types.js';
import { sessionKeyText, sessionKeysOf } from '../../store/encoded-messages.js';

/** A message ready for the store: its session day and id already assigned. */
export interface PreparedMessage extends ChatMessage {
  sessionId: string;
  day: string;
}

export interface PackedMessages {
  /** Per session of the batch, its key (sessionKeyText). */
  sessions: string;
  /** The batch's distinct senders and kinds, each followed by SEP. */
  words: string;
  /** Per message: id and text, each followed by SEP. */
  strings: string;
  /** Per message: line, at (epoch ms), session index, sender word index, kind word index. */
  numbers: Float64Array;
  count: number;
}

const SEP = '\u0001';
const NUMBERS = 5;

/** Packs a batch, or returns null when some value contains the separator itself (then send objects). */
export function packMessages(lines: number[], messages: PreparedMessage[]): PackedMessages | null {
  const sessions = new Indexer();
  const words = new Indexer();
  // Appending builds a rope that is flattened once; cheaper than Array.join over two-byte strings.
  let sessionFields = '';
  let strings = '';
  const numbers = new Float64Array(messages.length * NUMBERS);
  for (let i = 0, k = 0; i < messages.length; i++, k += NUMBERS) {
    const m = messages[i];
    // Ids, nicks, kinds and texts are free text: a separator inside one would shift every field after it.
    if (m.text.includes(SEP) || m.id.includes(SEP) || m.kind.includes(SEP)) return null;
    const session = sessions.indexOf(m.sessionId);
    if (sessions.added) {
      const key = sessionKeyText(m);
      if (key === null) return null;
      sessionFields += key;
    }
    strings += m.id + SEP + m.text + SEP;
    numbers[k] = lines[i];
    numbers[k + 1] = m.at;
    numbers[k + 2] = session;
    numbers[k + 3] = words.indexOf(m.from);
    numbers[k + 4] = words.indexOf(m.kind);
  }
  return { sessions: sessionFields, words: words.joined(), strings, numbers, count: messages.length };
}

/** The batch as messages and their line numbers, in file order. */
export function unpackMessages(packed: PackedMessages): { lines: number[]; messages: PreparedMessage[] } {
  const sessions = sessionKeysOf(packed.sessions);
  const words = packed.words.split(SEP);
  const f = packed.strings.split(SEP);
  const n = packed.numbers;
  const lines: number[] = new Array(packed.count);
  const messages: PreparedMessage[] = new Array(packed.count);
  for (let i = 0, k = 0; i < packed.count; i++, k += NUMBERS) {
    const s = sessions[n[k + 2]];
    lines[i] = n[k];
    messages[i] = {
      shop: s.shop,
      id: f[2 * i],
      buyer: s.buyer,
      agent: s.agent,
      from: words[n[k + 3]] as Sender,
      at: n[k + 1],
      text: f[2 * i + 1],
      kind: words[n[k + 4]],
      sessionId: s.id,
      day: s.day,
    };
  }
  return { lines, messages };
}

/** Small dense numbers for repeated strings, in order of first appearance. */
class Indexer {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  /** Whether the last indexOf() met its value for the first time. */
  added = false;

  indexOf(value: string): number {
    let i = this.index.get(value);
    this.added = i === undefined;
    if (i === undefined) {
      i = this.values.length;
      this.index.set(value, i);
      this.values.push(value);
    }
    return i;
  }

  joined(): string {
    return this.values.map((v) => v + SEP).join('');
  }
}
