// The sessions of a PostgreSQL import, written while the import goes on rather than all at its end.
//
// Session counts are gathered in memory, per batch copied straight into `messages` (SessionDeltas).
// Chat exports run in time order and a session is one thread-day, so once a shop's messages have reached
// day D the shop's sessions of days before D-1 are over: they are COPied straight into `sessions` (inside
// a savepoint) while the import goes on, in the same pipeline as the message batches. The last days go at
// finish.
//
// A COPY that meets a session already stored (an earlier import of the same days, or a file out of time
// order) is rolled back, and those counts go the careful way: into a temp table, summed into `sessions` by
// one upsert at finish. After a few such collisions every later count goes that way. The careful way is
// also the only way for staged message batches, whose counts are summed in SQL (postgres-import-writer.ts).
import type pg from 'pg';
import { addDays } from '../../domain/time.js';
import { nameFromNick } from '../import-writer.js';
import { type SessionDelta, SessionDeltas, sessionDeltaValues, sortById } from '../session-delta.js';
import { copyLine } from './copy-format.js';
import { copyIn, copyUnlessStored } from './copy-text.js';

const SESSION_COLUMNS =
  'shop, id, agent, buyer, day, first_at, last_at, message_count, buyer_messages, agent_messages, bot_messages';

/** Below this many held sessions a flush waits: each flush costs a few round trips. */
const CLOSED_FLUSH_MIN = 2_000;
/**
 * Sessions held in memory at most (~200 bytes each): past this everything held is written, open or not.
 * A Double-11 day of a big shop and the day before must fit, or their sessions would be written twice.
 */
const HELD_MAX = 200_000;
/** People remembered as sent, at most. */
const PEOPLE_MAX = 500_000;
/** Direct COPYs that may meet stored sessions before every later count goes the careful way. */
const MAX_COLLISIONS = 3;

/** The temp tables the sink needs, created in the import's transaction (dropped at commit). */
export const SESSION_TEMP_TABLES = `
  CREATE TEMP TABLE session_deltas (shop text, id text, agent text, buyer text, day text, first_at bigint,
    last_at bigint, message_count bigint, buyer_messages bigint, agent_messages bigint, bot_messages bigint)
    ON COMMIT DROP;
  CREATE TEMP TABLE direct_sessions (shop text, id text) ON COMMIT DROP;`;

export class PostgresSessionSink {
  private readonly deltas = new SessionDeltas();
  /** Direct COPYs rolled back because they met a stored session. */
  private collisions = 0;
  /** Sessions created by a direct COPY (each exactly once: the COPY fails on any stored one). */
  private copied = 0;
  /** Whether any counts went to the temp table (so finish must sum them in). */
  private staged = false;
  /** Per shop, the latest session day seen. */
  private readonly newestDay = new Map<string, string>();
  private lastShop = '';
  private lastNewest = '';
  /** Buyers (shop U+0000 nick) and agents (shop U+0001 nick) sent by addPeople in this import. */
  private readonly people = new Set<string>();

  constructor(private readonly client: pg.PoolClient) {}

  /** Adds a batch's counts of a session whose messages were copied straight into `messages`. */
  add(session: SessionDelta): void {
    this.deltas.merge(session);
    const { shop, day } = session;
    if (shop !== this.lastShop) {
      this.lastShop = shop;
      this.lastNewest = this.newestDay.get(shop) ?? '';
    }
    if (day > this.lastNewest) {
      this.lastNewest = day;
      this.newestDay.set(shop, day);
    }
  }

  /** Notes that counts were summed into the temp table in SQL (staged message batches). */
  markStaged(): void {
    this.staged = true;
  }

  /** After a batch: stores the sessions whose day is over, or everything when too many are held. */
  async afterBatch(): Promise<void> {
    if (this.deltas.size >= HELD_MAX) return this.store(this.deltas.drain());
    if (this.deltas.size < CLOSED_FLUSH_MIN) return;
    // A day before the shop's yesterday is over, even when the export is a little out of order.
    const closed = this.deltas.drainBefore((shop) => addDays(this.newestDay.get(shop)!, -1));
    if (closed.length > 0) await this.store(closed);
  }

  /** Stores what is left and sums the careful way's counts in; returns the sessions created or grown. */
  async finish(): Promise<number> {
    await this.store(this.deltas.drain());
    if (!this.staged) return this.copied;
    // Buyers and agents first seen in this file: once per session, not once per message.
    await this.client.query(
      `INSERT INTO buyers (shop, nick) SELECT DISTINCT shop, buyer FROM session_deltas ON CONFLICT DO NOTHING;
       INSERT INTO agents (shop, nick, name)
       SELECT DISTINCT shop, agent, CASE WHEN position(':' in agent) > 0 AND position(':' in agent) < length(agent)
                                        THEN substr(agent, position(':' in agent) + 1) ELSE agent END
       FROM session_deltas ON CONFLICT DO NOTHING;`,
    );
    const { rows } = await this.client.query<{ n: number }>(
      `WITH added AS (
         INSERT INTO sessions (${SESSION_COLUMNS}, revision)
         SELECT shop, id, MIN(agent), MIN(buyer), MIN(day), MIN(first_at), MAX(last_at), SUM(message_count),
                SUM(buyer_messages), SUM(agent_messages), SUM(bot_messages), 1
         FROM session_deltas GROUP BY shop, id
         ON CONFLICT (shop, id) DO UPDATE SET
           first_at = LEAST(sessions.first_at, excluded.first_at),
           last_at = GREATEST(sessions.last_at, excluded.last_at),
           message_count = sessions.message_count + excluded.message_count,
           buyer_messages = sessions.buyer_messages + excluded.buyer_messages,
           agent_messages = sessions.agent_messages + excluded.agent_messages,
           bot_messages = sessions.bot_messages + excluded.bot_messages,
           revision = sessions.revision + 1
         RETURNING shop, id
       )
       -- A session copied earlier in this import and grown again here is one session, not two.
       SELECT COUNT(*) AS n FROM added a
       WHERE NOT EXISTS (SELECT 1 FROM direct_sessions d WHERE d.shop = a.shop AND d.id = a.id)`,
    );
    return this.copied + Number(rows[0].n);
  }

  private async store(list: SessionDelta[]): Promise<void> {
    if (list.length === 0) return;
    sortById(list);
    if (this.collisions < MAX_COLLISIONS && (await this.copyDirect(list))) return;
    let text = '';
    for (const d of list) text += copyLine(sessionDeltaValues(d));
    await copyIn(this.client, 'COPY session_deltas FROM STDIN', text);
    this.staged = true;
  }

  /** COPY into sessions, with their buyers and agents; false (nothing written) when one is stored already. */
  private async copyDirect(list: SessionDelta[]): Promise<boolean> {
    let sessions = '';
    let ids = '';
    for (const d of list) {
      sessions += copyLine([...sessionDeltaValues(d), 1]);
      ids += copyLine([d.shop, d.id]);
    }
    const statement = `COPY sessions (${SESSION_COLUMNS}, revision) FROM STDIN`;
    if (!(await copyUnlessStored(this.client, statement, sessions))) {
      this.collisions++;
      return false;
    }
    await copyIn(this.client, 'COPY direct_sessions FROM STDIN', ids);
    await this.addPeople(list);
    this.copied += list.length;
    return true;
  }

  /** The sessions' buyers and agents, when not known yet (agents seen only in chats get the nick's name). */
  private async addPeople(list: SessionDelta[]): Promise<void> {
    const b: [string, string][] = [];
    const a: [string, string][] = [];
    // Bounded on any file: a forgotten person is merely sent again (and skipped by ON CONFLICT).
    if (this.people.size > PEOPLE_MAX) this.people.clear();
    for (const d of list) {
      // Each person goes to the server once per import, however many of its sessions are flushed later.
      const buyer = `${d.shop}\u0000${d.buyer}`;
      if (!this.people.has(buyer)) {
        this.people.add(buyer);
        b.push([d.shop, d.buyer]);
      }
      const agent = `${d.shop}\u0001${d.agent}`;
      if (!this.people.has(agent)) {
        this.people.add(agent);
        a.push([d.shop, d.agent]);
      }
    }
    if (b.length === 0 && a.length === 0) return;
    await this.client.query(
      `WITH b AS (INSERT INTO buyers (shop, nick) SELECT * FROM unnest($1::text[], $2::text[])
                  ON CONFLICT DO NOTHING)
       INSERT INTO agents (shop, nick, name) SELECT * FROM unnest($3::text[], $4::text[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [
        b.map((x) => x[0]),
        b.map((x) => x[1]),
        a.map((x) => x[0]),
        a.map((x) => x[1]),
        a.map((x) => nameFromNick(x[1])),
      ],
    );
  }
}
