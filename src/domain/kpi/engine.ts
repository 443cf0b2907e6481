// The KPI engine's single pass: sessions, response runs, credit, reminders and inquiries, buyer by buyer.
// computeAgentDays() sums these facts into daily parts; explainMetric() lists them. Both read the same
// facts, so a figure and its explanation cannot disagree. Pure; O(n log n) in the number of messages and
// orders (maps keyed by shop and buyer, binary searches inside a buyer).
import { TIME, localDayNumber } from '../time.js';
import type { ChatMessage, Order } from '../types.js';
import { creditAmong } from './credit.js';
import { groupByShopBuyer, inTimeOrder } from './message-index.js';
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
  runs: ResponseRun[];
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

const AGENT_SLOTS = 4_194_304; // 2^22 agents; key = day × slots + agent index stays a safe integer

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

/** Runs the engine over the input and hands each (shop, buyer)'s facts to `visit`. */
export function analyzeBuyers(input: KpiInput, visit: (facts: BuyerFacts) => void): void {
  const { settings } = input;
  validateKpiSettings(settings);
  const tz = settings.timeZone;
  const messagesByBuyer = groupByShopBuyer(inTimeOrder(input.messages));
  const ordersByBuyer = groupByShopBuyer(input.orders);
  const agentIndex = new Map<string, number>();
  const sessionByKey = new Map<number, SessionState>();

  const processBuyer = (shop: string, buyer: string, messages: readonly ChatMessage[], orders: Order[]) => {
    sessionByKey.clear();
    const sessions: SessionState[] = [];
    const agentMessages: ChatMessage[] = [];
    for (const m of messages) {
      const isBuyer = m.from === 'buyer';
      if (!isBuyer && m.from !== 'agent') continue; // bots and system messages are nobody's reply
      const day = localDayNumber(m.at, tz);
      let agentId = agentIndex.get(m.agent);
      if (agentId === undefined) {
        agentId = agentIndex.size;
        agentIndex.set(m.agent, agentId);
      }
      const key = day * AGENT_SLOTS + agentId;
      let s = sessionByKey.get(key);
      if (!s) {
        const walker = new RunWalker();
        s = {
          shop,
          agent: m.agent,
          buyer,
          dayNumber: day,
          firstAt: m.at,
          firstMessageId: m.id,
          buyerMessages: 0,
          agentMessages: 0,
          firstBuyerAt: null,
          firstBuyerMessageId: null,
          runs: walker.runs,
          inquiry: null,
          walker,
        };
        sessionByKey.set(key, s);
        sessions.push(s);
      }
      if (isBuyer) {
        s.buyerMessages++;
        if (s.firstBuyerAt === null) {
          s.firstBuyerAt = m.at;
          s.firstBuyerMessageId = m.id;
        }
      } else {
        s.agentMessages++;
        agentMessages.push(m);
      }
      s.walker.push(m);
    }

    const orderFacts: OrderFacts[] = orders.map((order) => {
      const creationDay = localDayNumber(order.createdAt, tz);
      return {
        order,
        creationDay,
        credit: creditAmong(agentMessages, order.createdAt, creationDay, settings),
        reminder: reminderAmong(agentMessages, order),
      };
    });
    for (let i = 1; i < orderFacts.length; i++) {
      if (orderFacts[i].order.createdAt < orderFacts[i - 1].order.createdAt) {
        orderFacts.sort(byCreation); // stable
        break;
      }
    }

    for (const s of sessions) {
      if (s.firstBuyerAt !== null && s.agentMessages > 0) s.inquiry = inquiryOf(s, s.firstBuyerAt);
    }
    visit({ shop, buyer, sessions, orders: orderFacts });

    function inquiryOf(s: SessionState, t: number): InquiryFacts {
      const d = s.dayNumber;
      const at = firstOrderAtOrAfter(orderFacts, t);
      let orderBefore: Order | null = null;
      // An order on day D before t lies within 26 h before t (25-hour days included).
      for (let j = at - 1; j >= 0 && orderFacts[j].order.createdAt > t - 2 * TIME.DAY_MS; j--) {
        if (orderFacts[j].creationDay === d) {
          orderBefore = orderFacts[j].order;
          break;
        }
      }
      let ordered: Order | null = null;
      let paid: Order | null = null;
      const lastPaidDay = d + settings.paidWindowDays;
      // Orders of D or D + 1 lie within 3 days after t.
      for (let j = at; j < orderFacts.length && orderFacts[j].order.createdAt < t + 3 * TIME.DAY_MS; j++) {
        const o = orderFacts[j];
        if (o.creationDay > d + 1 || o.credit === null || o.credit.agent !== s.agent) continue;
        ordered ??= o.order;
        if (o.order.paidAt !== null && localDayNumber(o.order.paidAt, tz) <= lastPaidDay) {
          paid = o.order;
          break;
        }
      }
      return { orderBefore, ordered, paid };
    }
  };

  for (const [shop, byBuyer] of messagesByBuyer) {
    const shopOrders = ordersByBuyer.get(shop);
    for (const [buyer, messages] of byBuyer) processBuyer(shop, buyer, messages, shopOrders?.get(buyer) ?? []);
  }
  for (const [shop, byBuyer] of ordersByBuyer) {
    const shopMessages = messagesByBuyer.get(shop);
    for (const [buyer, orders] of byBuyer) {
      if (!shopMessages?.has(buyer)) processBuyer(shop, buyer, [], orders);
    }
  }
}
