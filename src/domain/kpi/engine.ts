// The KPI engine's single pass: sessions, response runs, credit, reminders and inquiries, buyer by buyer.
// computeAgentDays() sums these facts into daily parts; explainMetric() lists them. Both read the same
// facts, so a figure and its explanation cannot disagree. Pure.
//
// Cost: one pass over the messages in time order with one hash lookup per message (the buyer's state;
// its sessions are found by a short scan), then work local to each buyer (orders by binary search):
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

interface BuyerState {
  shop: string;
  buyer: string;
  /** In order of each session's first message. */
  sessions: SessionState[];
  /** The buyer's human agent messages in this shop, in order (credit and reminders search them). */
  agentMessages: ChatMessage[];
  orders: Order[];
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

  const statesByShop = new Map<string, Map<string, BuyerState>>();
  const states: BuyerState[] = [];
  let lastShop: string | null = null;
  let lastStates: Map<string, BuyerState> = new Map();
  const stateOf = (shop: string, buyer: string): BuyerState => {
    if (shop !== lastShop) {
      let m = statesByShop.get(shop);
      if (!m) {
        m = new Map();
        statesByShop.set(shop, m);
      }
      lastShop = shop;
      lastStates = m;
    }
    let st = lastStates.get(buyer);
    if (st === undefined) {
      st = { shop, buyer, sessions: [], agentMessages: [], orders: [] };
      lastStates.set(buyer, st);
      states.push(st);
    }
    return st;
  };

  // One pass over the messages in time order builds the sessions and their runs. Input is expected
  // sorted; when it is not, the pass stops, the messages are sorted (stably) and the pass starts over.
  const sessionPass = (messages: readonly ChatMessage[]): boolean => {
    let hour = Number.NaN;
    let offset = 0;
    let prevAt = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      const at = m.at;
      if (at < prevAt) return false;
      prevAt = at;
      const isBuyer = m.from === 'buyer';
      if (!isBuyer && m.from !== 'agent') continue; // bots and system messages are nobody's reply
      const h = Math.floor(at / HOUR_MS);
      if (h !== hour) {
        hour = h;
        offset = zoneOffsetMs(at, tz); // constant within a UTC hour (see time.ts)
      }
      const day = Math.floor((at + offset) / DAY_MS);
      const st = stateOf(m.shop, m.buyer);
      const sessions = st.sessions;
      // Find the (agent, day) session, scanning back from the newest. Sessions are listed in time order and
      // a local day never runs back by more than one, so once a session is two days older none matches.
      let s: SessionState | undefined;
      for (let j = sessions.length - 1; j >= 0; j--) {
        const c = sessions[j];
        if (c.dayNumber === day && c.agent === m.agent) {
          s = c;
          break;
        }
        if (c.dayNumber < day - 1) break;
      }
      if (s === undefined) {
        const walker = new RunWalker({ collect: keepRuns, slowMs });
        s = {
          shop: st.shop,
          agent: m.agent,
          buyer: st.buyer,
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
          walker,
        };
        sessions.push(s);
      }
      if (isBuyer) {
        s.buyerMessages++;
        if (s.firstBuyerAt === null) {
          s.firstBuyerAt = at;
          s.firstBuyerMessageId = m.id;
        }
      } else {
        s.agentMessages++;
        st.agentMessages.push(m);
      }
      s.walker.push(m);
    }
    return true;
  };
  if (!sessionPass(input.messages)) {
    statesByShop.clear();
    states.length = 0;
    lastShop = null;
    sessionPass(inTimeOrder(input.messages));
  }
  for (const o of input.orders) stateOf(o.shop, o.buyer).orders.push(o);

  for (const st of states) {
    const orderFacts: OrderFacts[] = [];
    for (const order of st.orders) {
      const creationDay = localDayNumber(order.createdAt, tz);
      orderFacts.push({
        order,
        creationDay,
        credit: creditAmong(st.agentMessages, order.createdAt, creationDay, settings),
        reminder: reminderAmong(st.agentMessages, order),
      });
    }
    for (let k = 1; k < orderFacts.length; k++) {
      if (orderFacts[k].order.createdAt < orderFacts[k - 1].order.createdAt) {
        orderFacts.sort(byCreation); // stable: equal times keep input order
        break;
      }
    }
    for (const s of st.sessions) {
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
    visit({ shop: st.shop, buyer: st.buyer, sessions: st.sessions, orders: orderFacts });
  }
}
