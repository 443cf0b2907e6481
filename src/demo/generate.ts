// The demo shop generator: a pure, deterministic-by-seed stream of days, each with its chats (sorted by
// time, with stable ids), orders, refunds and the ground truth of the defects planted in it. Days are
// generated one at a time so that a multi-million-message shop is generated in bounded memory.
import {
  addDays,
  dayNumberToString,
  dayStringToNumber,
  localDayNumber,
  startOfLocalDay,
} from '../domain/time.js';
import {
  type AgentProfile,
  type ChatMessage,
  DEFAULT_TIME_ZONE,
  type Order,
  type Refund,
  type Shop,
} from '../domain/types.js';
import { buildAgents, CHAT_ROLES, type DemoAgent, onShift } from './agents.js';
import { SHOP_ID, SHOP_NAME } from './catalog.js';
import {
  type ConversationKind,
  ConversationWriter,
  type DayOutput,
  newBuyer,
  newOrderId,
  orderStatus,
  type Staff,
  type WorldState,
} from './conversation.js';
import { cumulative, Rng } from './prng.js';
import {
  type AgentMessageRef,
  type GenMessage,
  missedReminderTruth,
  type PlantedDefect,
  sessionTruth,
} from './truth.js';

export type { PlantedDefect } from './truth.js';

export interface DemoOptions {
  seed?: number;
  /** Target number of chat messages (approximate). */
  messages?: number;
  days?: number;
  agents?: number;
  /** YYYY-MM-DD; by default chosen so that 2026-11-11 (Double 11) falls in the range. */
  startDay?: string;
}

export interface DemoDay {
  /** YYYY-MM-DD in the shop's time zone. */
  date: string;
  /** Sorted by time; ids are stable (m000000001 …). Messages of conversations crossing midnight land in the next day. */
  messages: ChatMessage[];
  /** Orders placed by this day's conversations (and the day's silent orders, and older orders after-sales talks about). */
  orders: Order[];
  refunds: Refund[];
  /**
   * Planted defects found in this day's sessions; a missed payment reminder is reported once its 24 h
   * window has been generated, so it may come with the next day (its `date` is the session's day).
   */
  planted: PlantedDefect[];
}

export interface ResolvedDemoOptions {
  seed: number;
  agents: number;
  days: number;
  startDay: string;
  /** Per-day message targets. */
  targets: number[];
}

export interface DemoShop {
  shop: Shop;
  agents: AgentProfile[];
  /** Each iteration regenerates the same days from the seed. */
  days: Iterable<DemoDay>;
  options: ResolvedDemoOptions;
}

export const DOUBLE_11 = '2026-11-11';
export const DEFAULT_MESSAGES = 300_000;
const HOUR = 3_600_000;
const MIN = 60_000;

/** Relative chat volume of a day (Double 11 is ten times a normal day). */
function dayWeight(day: string, jitter: number): number {
  const md = day.slice(5);
  if (md === '11-11') return 10;
  if (md === '11-10') return 1.6;
  if (md === '11-12') return 1.5;
  if (md >= '11-13' && md <= '11-18') return 1.2 * jitter;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return (dow === 0 || dow === 6 ? 1.12 : 1) * jitter;
}

export function resolveDemoOptions(options: DemoOptions = {}): ResolvedDemoOptions {
  const seed = (options.seed ?? 1) >>> 0;
  const agents = Math.max(2, Math.floor(options.agents ?? 67));
  const messages = options.messages ?? (options.days === undefined ? DEFAULT_MESSAGES : undefined);
  const days =
    options.days !== undefined
      ? Math.max(1, Math.floor(options.days))
      : Math.min(30, Math.max(3, Math.round((messages ?? DEFAULT_MESSAGES) / 10_000)));
  const startDay = options.startDay ?? addDays(DOUBLE_11, -Math.floor((days * 2) / 3));
  if (Number.isNaN(dayStringToNumber(startDay)))
    throw new Error(`startDay must be YYYY-MM-DD, got ${startDay}`);
  const jitterRng = new Rng(seed ^ 0x1badf00d);
  const weights: number[] = [];
  for (let i = 0; i < days; i++) weights.push(dayWeight(addDays(startDay, i), 0.9 + jitterRng.next() * 0.2));
  const total = weights.reduce((a, b) => a + b, 0);
  const perWeight = messages !== undefined ? messages / total : (10_000 * agents) / 67;
  return {
    seed,
    agents,
    days,
    startDay,
    targets: weights.map((w) => Math.max(1, Math.round(w * perWeight))),
  };
}

export function generateDemoShop(options: DemoOptions = {}): DemoShop {
  const resolved = resolveDemoOptions(options);
  const shop: Shop = { id: SHOP_ID, name: SHOP_NAME, timeZone: DEFAULT_TIME_ZONE };
  const agents = buildAgents(
    new Rng(resolved.seed ^ 0x2545f491),
    resolved.agents,
    shop.id,
    resolved.startDay,
  );
  return {
    shop,
    agents: agents.map((a) => ({ ...a.profile })),
    days: { [Symbol.iterator]: () => generateDays(resolved, shop, agents) },
    options: resolved,
  };
}

// ------------------------------------------------------------------ staffing

const NORMAL_HOURS = [
  0.5, 0.3, 0.15, 0.08, 0.06, 0.08, 0.2, 0.45, 0.9, 1.6, 2.0, 1.9, 1.4, 1.6, 1.9, 2.0, 1.9, 1.6, 1.4, 1.7,
  2.2, 2.4, 2.0, 1.3,
];
const PROMO_HOURS = [
  4.5, 3.0, 1.4, 0.4, 0.2, 0.2, 0.4, 0.8, 1.3, 1.9, 2.1, 2.0, 1.6, 1.7, 1.9, 2.0, 1.9, 1.7, 1.6, 1.9, 2.4,
  2.6, 2.4, 2.0,
];

class DayStaff implements Staff {
  private cache = new Map<string, DemoAgent[]>();
  constructor(
    private readonly rng: Rng,
    private readonly agents: readonly DemoAgent[],
    private readonly dayStart: number,
    private readonly promo: boolean,
  ) {}

  private onDuty(role: string, at: number): DemoAgent[] {
    const minute = Math.floor((at - this.dayStart) / MIN);
    const slot = Math.floor(minute / 15);
    const key = `${role}:${slot}`;
    let list = this.cache.get(key);
    if (!list) {
      const m = ((slot * 15) % 1440) + 7;
      const allDay = this.promo && (m < 3 * 60 || m >= 8 * 60);
      list = this.agents.filter((a) => a.role === role && onShift(a, m, allDay));
      this.cache.set(key, list);
    }
    return list;
  }

  pick(roles: readonly string[], at: number): DemoAgent | null {
    const rng = this.rng;
    const first = rng.int(0, roles.length - 1);
    for (let k = 0; k < roles.length; k++) {
      const list = this.onDuty(roles[(first + k) % roles.length], at);
      if (list.length === 0) continue;
      // Better agents take a larger share of the queue.
      for (let attempt = 0; attempt < 4; attempt++) {
        const a = list[Math.floor(rng.next() * list.length)];
        if (rng.next() < (0.5 + a.skill) / 1.5) return a;
      }
      return list[Math.floor(rng.next() * list.length)];
    }
    return null;
  }

  anyPresale(): DemoAgent {
    const presale = this.agents.filter((a) => a.role === 'presale');
    const pool = presale.length > 0 ? presale : this.agents.filter((a) => CHAT_ROLES.includes(a.role));
    return pool[Math.floor(this.rng.next() * pool.length)];
  }
}

// ------------------------------------------------------------------ the day stream

const KINDS: readonly ConversationKind[] = [
  'presale',
  'presale_after_order',
  'missing',
  'damage',
  'mold',
  'late',
  'other_refund',
  'exchange',
  'invoice',
];

function kindWeights(promo: boolean, afterPromo: boolean): number[] {
  if (promo) return [88, 3, 1.6, 0.8, 0.6, 2.6, 2.4, 0.5, 0.5];
  const a = afterPromo ? 1.3 : 1;
  return [76, 3, 4.5 * a, 2 * a, 1.5 * a, 6 * a, 3 * a, 1 * a, 1 * a];
}

function pad9(n: number): string {
  const s = String(n);
  return s.length >= 9 ? s : '000000000'.slice(s.length) + s;
}

function* generateDays(
  resolved: ResolvedDemoOptions,
  shop: Shop,
  agents: readonly DemoAgent[],
): Generator<DemoDay> {
  const tz = shop.timeZone;
  const rng = new Rng(resolved.seed);
  const firstDayNumber = dayStringToNumber(resolved.startDay);
  const startMs = startOfLocalDay(resolved.startDay, tz);
  const endMs = startOfLocalDay(firstDayNumber + resolved.days, tz) - 1;
  const world: WorldState = {
    rng,
    shop: shop.id,
    seq: 0,
    orderCounter: 0,
    refundCounter: 0,
    buyerCounter: 0,
    buyers: [],
    paidOrders: [],
    paidOrdersNext: 0,
    endMs,
    startMs,
  };
  let messageCounter = 0;
  let carry: GenMessage[] = [];
  let pendingOrders: Order[] = [];
  /** Agent messages per local day number, per buyer (for credit and payment reminders). */
  const agentIndex = new Map<number, Map<string, AgentMessageRef[]>>();
  /** Sessions already holding a missed-reminder finding (session key → day number). */
  const reminderSessions = new Map<string, number>();

  for (let d = 0; d < resolved.days; d++) {
    const dayNumber = firstDayNumber + d;
    const date = dayNumberToString(dayNumber);
    const dayStart = startOfLocalDay(dayNumber, tz);
    const nextStart = startOfLocalDay(dayNumber + 1, tz);
    const promo = date.slice(5) === '11-11';
    const afterPromo = date.slice(5) >= '11-12' && date.slice(5) <= '11-18';
    const last = d === resolved.days - 1;
    const out: DayOutput = { messages: [], orders: [], refunds: [] };
    const staff = new DayStaff(rng, agents, dayStart, promo);
    const hourWeights = cumulative(promo ? PROMO_HOURS : NORMAL_HOURS);
    const kinds = cumulative(kindWeights(promo, afterPromo));
    const target = resolved.targets[d];
    let conversations = 0;

    while (out.messages.length < target) {
      const hour = rng.weightedCum(hourWeights);
      const start = dayStart + hour * HOUR + rng.int(0, 3599) * 1000;
      let kind = KINDS[rng.weightedCum(kinds)];
      if (kind === 'presale_after_order' && hour < 9) kind = 'presale';
      const humansAvailable = promo ? hour < 3 || hour >= 8 : hour >= 9;
      const buyer =
        world.buyers.length > 50 && rng.chance(0.3)
          ? world.buyers[rng.int(0, world.buyers.length - 1)]
          : newBuyer(world);
      new ConversationWriter(world, staff, out, { kind, start, buyer, promo, humansAvailable, hour }).run();
      conversations++;
    }

    // Silent orders (静默下单): buyers who order without chatting.
    const silent = Math.round(conversations * (promo ? 0.5 : 0.3));
    for (let i = 0; i < silent; i++) {
      const hour = rng.weightedCum(hourWeights);
      const createdAt = dayStart + hour * HOUR + rng.int(0, 3599) * 1000;
      const paidAt = rng.chance(0.93) ? createdAt + rng.int(10, 900) * 1000 : null;
      const buyer =
        world.buyers.length > 50 && rng.chance(0.2)
          ? world.buyers[rng.int(0, world.buyers.length - 1)]
          : newBuyer(world);
      const amountFen = rng.int(199, 4990) * 10;
      out.orders.push({
        shop: shop.id,
        orderId: newOrderId(world),
        buyer,
        createdAt,
        paidAt,
        amountFen,
        status: orderStatus(world, createdAt, paidAt),
        items: `${silentItem(rng)}×${rng.int(1, 3)}`,
      });
    }

    // Messages: this day's (carrying those past midnight to the next day), sorted, with ids.
    const all = carry.length > 0 ? carry.concat(out.messages) : out.messages;
    let emitted: GenMessage[];
    if (last) {
      emitted = all;
      carry = [];
    } else {
      emitted = [];
      carry = [];
      for (const g of all) (g.m.at < nextStart ? emitted : carry).push(g);
    }
    sortByTime(emitted);
    const messages: ChatMessage[] = new Array(emitted.length);
    for (let i = 0; i < emitted.length; i++) {
      const m = emitted[i].m;
      m.id = `m${pad9(++messageCounter)}`;
      messages[i] = m;
    }

    // Truth: sessions (agent, buyer, local day).
    const planted: PlantedDefect[] = [];
    const sessions = new Map<string, GenMessage[]>();
    for (const g of emitted) {
      const m = g.m;
      const dn = last ? localDayNumber(m.at, tz) : dayNumber;
      const key = last ? `${g.thread}\u0000${dn}` : g.thread;
      let s = sessions.get(key);
      if (!s) {
        s = [];
        sessions.set(key, s);
      }
      s.push(g);
      if (m.from === 'agent') {
        let byBuyer = agentIndex.get(dn);
        if (!byBuyer) {
          byBuyer = new Map();
          agentIndex.set(dn, byBuyer);
        }
        let refs = byBuyer.get(m.buyer);
        if (!refs) {
          refs = [];
          byBuyer.set(m.buyer, refs);
        }
        refs.push({ at: m.at, agent: m.agent, id: m.id });
      }
    }
    for (const s of sessions.values()) {
      sessionTruth(s, last ? dayNumberToString(localDayNumber(s[0].m.at, tz)) : date, planted);
    }

    // Truth: missed payment reminders, once each order's 24 h window is generated.
    pendingOrders = pendingOrders.concat(out.orders);
    const stillPending: Order[] = [];
    for (const o of pendingOrders) {
      if (!last && localDayNumber(o.createdAt + 24 * HOUR, tz) > dayNumber) {
        stillPending.push(o);
        continue;
      }
      const finding = evaluateOrder(o, agentIndex, tz);
      if (!finding) continue;
      // One finding per session, however many of its orders went unreminded.
      const sessionKey = `${finding.agent}\u0000${finding.buyer}\u0000${finding.date}`;
      if (reminderSessions.has(sessionKey)) continue;
      reminderSessions.set(sessionKey, dayStringToNumber(finding.date));
      planted.push(finding);
    }
    pendingOrders = stillPending;
    for (const dn of agentIndex.keys()) if (dn < dayNumber - 3) agentIndex.delete(dn);
    for (const [k, dn] of reminderSessions) if (dn < dayNumber - 3) reminderSessions.delete(k);

    yield { date, messages, orders: out.orders, refunds: out.refunds, planted };
  }
}

/**
 * Stable counting sort by whole second: input is in generation order (seq), so equal times keep it.
 * Much cheaper than a comparator sort over a quarter of a million objects on Double 11.
 */
function sortByTime(list: GenMessage[]): void {
  if (list.length < 2) return;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let ordered = true;
  for (let i = 0; i < list.length; i++) {
    const at = list[i].m.at;
    if (at < min) min = at;
    if (at > max) max = at;
    if (i > 0 && at < list[i - 1].m.at) ordered = false;
  }
  if (ordered) return;
  const wholeSeconds = list.every((g) => g.m.at % 1000 === 0);
  if (!wholeSeconds || (max - min) / 1000 > 50_000_000) {
    list.sort((a, b) => a.m.at - b.m.at || a.seq - b.seq);
    return;
  }
  const base = min / 1000;
  const counts = new Uint32Array((max - min) / 1000 + 2);
  for (const g of list) counts[g.m.at / 1000 - base + 1]++;
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
  const copy = list.slice();
  for (const g of copy) list[counts[g.m.at / 1000 - base]++] = g;
}

function evaluateOrder(
  o: Order,
  index: Map<number, Map<string, AgentMessageRef[]>>,
  tz: string,
): PlantedDefect | null {
  if (o.paidAt !== null && o.paidAt - o.createdAt <= 30 * MIN) return null;
  const createdDay = localDayNumber(o.createdAt, tz);
  let credited: AgentMessageRef | null = null;
  for (const dn of [createdDay, createdDay - 1]) {
    const refs = index.get(dn)?.get(o.buyer);
    if (!refs) continue;
    for (let i = refs.length - 1; i >= 0; i--) {
      if (refs[i].at <= o.createdAt) {
        credited = refs[i];
        break;
      }
    }
    if (credited) break;
  }
  if (!credited) return null;
  const after: AgentMessageRef[] = [];
  for (const dn of [createdDay, createdDay + 1]) {
    const refs = index.get(dn)?.get(o.buyer);
    if (refs) for (const r of refs) if (r.at > o.createdAt) after.push(r);
  }
  const date = dayNumberToString(localDayNumber(credited.at, tz));
  return missedReminderTruth(o, credited, after, date);
}

const SILENT_ITEMS = [
  '和田大枣 1kg袋装',
  '若羌灰枣 500g',
  '新疆核桃 2斤装',
  '巴旦木 250g',
  '混合坚果礼盒 30袋装',
  '吐鲁番葡萄干 500g',
  '宁夏枸杞 250g',
  '巴旦木奶枣 258g',
];
function silentItem(rng: Rng): string {
  return rng.pick(SILENT_ITEMS);
}
