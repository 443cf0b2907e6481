// The KPI engine's single pass: sessions, response runs, credit, reminders and inquiries, buyer by buyer.
// computeAgentDays() sums these facts into daily parts; explainMetric() lists them. Both read the same
// facts, so a figure and its explanation cannot disagree. Pure.
//
// Cost: one hash lookup per message (buyer id), a counting sort by buyer into typed arrays (input order
// kept), then work local to each buyer (sessions found by a short scan, orders by binary search):
// O(n log n) overall, no per-message allocation besides the session records.
import { localDayNumber, zoneOffsetMs } from '../time.js';
import type { ChatMessage, Order } from '../types.js';
import { creditAmong } from './credit.js';
import { inTimeOrder } from './message-index.js';
import { reminderAmong } from './reminders.js';
import { type ResponseRun, RunWalker } from './response-runs.js';
import { type KpiSettings, validateKpiSettings } from './settings.js';

export interface KpiInput {
  settings: KpiSettings;
  /** YYYY-MM-DD days (shop time zone) to compute. */
  days: readonly string[];
  /** In time order, equal times in input (seq) order; sorted here (stably) if they are not. */
  messages: readonly ChatMessage[];
  orders: readonly Order[];
}

export interface InquiryFacts {
  /** An order of the buyer in the shop created on the session's day before its first buyer message (then not an inquiry). */
  orderBefore: Order | null;
  /** The first order credited to the session's agent, created at/after the first buyer message, on D or D + 1. */
  ordered: Order | null;
  /** The first such order paid by the end of D + paidWindowDays. */
  paid: Order | null;
}

export interface SessionFacts {
  shop: string;
  agent: string;
  buyer: string;
  dayNumber: number;
  /** Time and id of the session's first buyer or agent message. */
  firstAt: number;
  firstMessageId: string;
  buyerMessages: number;
  agentMessages: number;
  firstBuyerAt: number | null;
  firstBuyerMessageId: string | null;
  /** Response-run summary (see response-runs.ts). */
  responseSumMs: number;
  responseCount: number;
  slowResponses: number;
  /** The first run's response time; null when the first run is unanswered or there is none. */
  firstResponseMs: number | null;
  /** 1 when the session ends with an open run. */
  unanswered: number;
  /** The runs themselves, when the engine was asked to keep them (explain); otherwise empty. */
  runs: readonly ResponseRun[];
  /** Set for received sessions (at least one buyer and one agent message); null otherwise. */
  inquiry: InquiryFacts | null;
}

export interface OrderFacts {
  order: Order;
  creationDay: number;
  credit: ChatMessage | null;
  reminder: ChatMessage | null;
}

export interface BuyerFacts {
  shop: string;
  buyer: string;
  /** In order of each session's first message. */
  sessions: SessionFacts[];
  /** In creation order. */
  orders: OrderFacts[];
}

interface SessionState extends SessionFacts {
  agentId: number;
  walker: RunWalker;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const NO_RUNS: readonly ResponseRun[] = Object.freeze([]);

function byCreation(a: OrderFacts, b: OrderFacts): number {
  return a.order.createdAt - b.order.createdAt;
}

/** First index with createdAt >= t. */
function firstOrderAtOrAfter(orders: readonly OrderFacts[], t: number): number {
  let lo = 0;
  let hi = orders.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (orders[mid].order.createdAt < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function inquiryOf(
  s: SessionFacts,
  t: number,
  orders: readonly OrderFacts[],
  settings: KpiSettings,
): InquiryFacts {
  const d = s.dayNumber;
  const at = firstOrderAtOrAfter(orders, t);
  let orderBefore: Order | null = null;
  // An order on day D before t lies less than 26 h before t (25-hour days included).
  for (let j = at - 1; j >= 0 && orders[j].order.createdAt > t - 2 * DAY_MS; j--) {
    if (orders[j].creationDay === d) {
      orderBefore = orders[j].order;
      break;
    }
  }
  let ordered: Order | null = null;
  let paid: Order | null = null;
  const lastPaidDay = d + settings.paidWindowDays;
  // Orders of D or D + 1 lie less than 3 days after t.
  for (let j = at; j < orders.length && orders[j].order.createdAt < t + 3 * DAY_MS; j++) {
    const o = orders[j];
    if (o.creationDay > d + 1 || o.credit === null || o.credit.agent !== s.agent) continue;
    ordered ??= o.order;
    if (o.order.paidAt !== null && localDayNumber(o.order.paidAt, settings.timeZone) <= lastPaidDay) {
      paid = o.order;
      break;
    }
  }
  return { orderBefore, ordered, paid };
}

/**
 * Runs the engine over the input and hands each (shop, buyer)'s facts to `visit`, for every buyer with a
 * human message or an order. `keepRuns` keeps each session's response runs (for explanations).
 */
export function analyzeBuyers(input: KpiInput, visit: (facts: BuyerFacts) => void, keepRuns = false): void {
  const { settings } = input;
  validateKpiSettings(settings);
  const tz = settings.timeZone;
  const slowMs = settings.slowThresholdS * 1000;
  const orders = input.orders;

  // Buyer ids per (shop, buyer).
  const idsByShop = new Map<string, Map<string, number>>();
  const buyerShop: string[] = [];
  const buyerName: string[] = [];
  let lastShop: string | null = null;
  let lastIds: Map<string, number> = new Map();
  const buyerId = (shop: string, buyer: string): number => {
    if (shop !== lastShop) {
      let ids = idsByShop.get(shop);
      if (!ids) {
        ids = new Map();
        idsByShop.set(shop, ids);
      }
      lastShop = shop;
      lastIds = ids;
    }
    let id = lastIds.get(buyer);
    if (id === undefined) {
      id = buyerShop.length;
      lastIds.set(buyer, id);
      buyerShop.push(shop);
      buyerName.push(buyer);
    }
    return id;
  };

  // Pass 1 over the messages in time order: the buyer id of each human message. Input is expected sorted;
  // when it is not, it is sorted (stably) and the pass is made again.
  let messages = input.messages;
  let n = messages.length;
  let msgBuyer = new Int32Array(n);
  const firstPass = (): boolean => {
    let prevAt = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const m = messages[i];
      if (m.at < prevAt) return false;
      prevAt = m.at;
      // Bots and system messages are nobody's reply and open nothing: they take no part.
      msgBuyer[i] = m.from === 'buyer' || m.from === 'agent' ? buyerId(m.shop, m.buyer) : -1;
    }
    return true;
  };
  if (!firstPass()) {
    messages = inTimeOrder(messages);
    n = messages.length;
    msgBuyer = new Int32Array(n);
    firstPass();
  }
  const orderBuyer = new Int32Array(orders.length);
  for (let i = 0; i < orders.length; i++) orderBuyer[i] = buyerId(orders[i].shop, orders[i].buyer);

  // Counting sort by buyer (input order kept inside each buyer).
  const buyers = buyerShop.length;
  const bucketStarts = (ofItem: Int32Array): Int32Array => {
    const start = new Int32Array(buyers + 1);
    for (let i = 0; i < ofItem.length; i++) if (ofItem[i] >= 0) start[ofItem[i] + 1]++;
    for (let b = 0; b < buyers; b++) start[b + 1] += start[b];
    return start;
  };
  const orderStart = bucketStarts(orderBuyer);
  const orderIdx = new Int32Array(orderStart[buyers]);
  const orderPos = orderStart.slice(0, buyers);
  for (let i = 0; i < orders.length; i++) orderIdx[orderPos[orderBuyer[i]]++] = i;

  // Pass 2, again in time order (sequential reads), lays out what the sessions need by buyer in typed
  // arrays, so that the per-buyer walk reads memory in order and touches a message object only for ids.
  const msgStart = bucketStarts(msgBuyer);
  const human = msgStart[buyers];
  const pIdx = new Int32Array(human);
  const pAt = new Float64Array(human);
  const pDay = new Int32Array(human);
  const pAgent = new Int32Array(human);
  const pIsBuyer = new Uint8Array(human);
  const agentIds = new Map<string, number>();
  {
    const pos = msgStart.slice(0, buyers);
    let hour = Number.NaN;
    let offset = 0;
    let lastAgent: string | null = null;
    let lastAgentId = -1;
    for (let i = 0; i < n; i++) {
      const b = msgBuyer[i];
      if (b < 0) continue;
      const m = messages[i];
      const at = m.at;
      const h = Math.floor(at / HOUR_MS);
      if (h !== hour) {
        hour = h;
        offset = zoneOffsetMs(at, tz); // constant within a UTC hour (see time.ts)
      }
      if (m.agent !== lastAgent) {
        lastAgent = m.agent;
        let id = agentIds.get(lastAgent);
        if (id === undefined) {
          id = agentIds.size;
          agentIds.set(lastAgent, id);
        }
        lastAgentId = id;
      }
      const p = pos[b]++;
      pIdx[p] = i;
      pAt[p] = at;
      pDay[p] = Math.floor((at + offset) / DAY_MS);
      pAgent[p] = lastAgentId;
      pIsBuyer[p] = m.from === 'buyer' ? 1 : 0;
    }
  }

  const agentMessages: ChatMessage[] = [];
  for (let b = 0; b < buyers; b++) {
    const shop = buyerShop[b];
    const buyer = buyerName[b];
    agentMessages.length = 0;
    const sessions: SessionState[] = [];
    for (let k = msgStart[b]; k < msgStart[b + 1]; k++) {
      const day = pDay[k];
      const agentId = pAgent[k];
      const at = pAt[k];
      // Find the (agent, day) session, scanning back from the newest. Sessions are listed in time order and
      // a local day never runs back by more than one, so once a session is two days older none matches.
      let s: SessionState | undefined;
      for (let j = sessions.length - 1; j >= 0; j--) {
        const c = sessions[j];
        if (c.dayNumber === day && c.agentId === agentId) {
          s = c;
          break;
        }
        if (c.dayNumber < day - 1) break;
      }
      if (s === undefined) {
        const m = messages[pIdx[k]];
        const walker = new RunWalker({ collect: keepRuns, slowMs });
        s = {
          shop,
          agent: m.agent,
          buyer,
          dayNumber: day,
          firstAt: at,
          firstMessageId: m.id,
          buyerMessages: 0,
          agentMessages: 0,
          firstBuyerAt: null,
          firstBuyerMessageId: null,
          responseSumMs: 0,
          responseCount: 0,
          slowResponses: 0,
          firstResponseMs: null,
          unanswered: 0,
          runs: walker.runs ?? NO_RUNS,
          inquiry: null,
          agentId,
          walker,
        };
        sessions.push(s);
      }
      if (pIsBuyer[k] === 1) {
        s.buyerMessages++;
        if (s.firstBuyerAt === null) {
          s.firstBuyerAt = at;
          s.firstBuyerMessageId = messages[pIdx[k]].id;
        }
        s.walker.advance('buyer', at, keepRuns ? messages[pIdx[k]].id : '');
      } else {
        s.agentMessages++;
        const m = messages[pIdx[k]];
        agentMessages.push(m);
        s.walker.advance('agent', at, keepRuns ? m.id : '');
      }
    }

    const orderFacts: OrderFacts[] = [];
    for (let k = orderStart[b]; k < orderStart[b + 1]; k++) {
      const order = orders[orderIdx[k]];
      const creationDay = localDayNumber(order.createdAt, tz);
      orderFacts.push({
        order,
        creationDay,
        credit: creditAmong(agentMessages, order.createdAt, creationDay, settings),
        reminder: reminderAmong(agentMessages, order),
      });
    }
    for (let k = 1; k < orderFacts.length; k++) {
      if (orderFacts[k].order.createdAt < orderFacts[k - 1].order.createdAt) {
        orderFacts.sort(byCreation); // stable: equal times keep input order
        break;
      }
    }

    for (const s of sessions) {
      const w = s.walker;
      s.responseSumMs = w.closedSumMs;
      s.responseCount = w.closedCount;
      s.slowResponses = w.slowCount;
      s.firstResponseMs = w.firstResponseMs;
      s.unanswered = w.isOpen ? 1 : 0;
      if (s.firstBuyerAt !== null && s.agentMessages > 0) {
        s.inquiry = inquiryOf(s, s.firstBuyerAt, orderFacts, settings);
      }
    }
    visit({ shop, buyer, sessions, orders: orderFacts });
  }
}
