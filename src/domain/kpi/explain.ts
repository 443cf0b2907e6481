// explainMetric(): the sessions, response runs and orders behind one agent's KPI figure, each with
// whether and how much it counts and why. Reads the same engine facts as computeAgentDays(), so pooling
// the items' contributions gives exactly the figure. Pure.
import { dayNumberToString, formatLocal } from '../time.js';
import type { Order } from '../types.js';
import { dayNumbersOf } from './compute.js';
import { analyzeBuyers, type KpiInput, type OrderFacts, type SessionFacts } from './engine.js';
import type { KpiMetricKey } from './metrics.js';
import type { ResponseRun } from './response-runs.js';

/** Machine-readable reason; `why` / `whyEn` say it in words with the ids and times. */
export type ExplainCode =
  | 'consulted'
  | 'no_buyer_message'
  | 'received'
  | 'not_received'
  | 'messages'
  | 'answered'
  | 'unanswered'
  | 'slow'
  | 'not_slow'
  | 'first_run_answered'
  | 'first_run_unanswered'
  | 'inquiry'
  | 'order_before_chat'
  | 'ordered'
  | 'not_ordered'
  | 'paid'
  | 'not_paid_in_window'
  | 'credited_paid'
  | 'credited_unpaid'
  | 'buyer_already_counted'
  | 'credited_to_other'
  | 'silent_order'
  | 'reminded'
  | 'reminded_paid'
  | 'reminded_unpaid'
  | 'paid_at_creation'
  | 'reminded_by_other'
  | 'no_reminder';

export interface ExplainSession {
  firstAt: number;
  firstMessageId: string;
  firstBuyerAt: number | null;
  firstBuyerMessageId: string | null;
  buyerMessages: number;
  agentMessages: number;
}

export interface ExplainOrder {
  orderId: string;
  createdAt: number;
  paidAt: number | null;
  amountFen: number;
  creditedAgent: string | null;
  creditedMessageId: string | null;
  creditedAt: number | null;
  reminderAgent: string | null;
  reminderMessageId: string | null;
  reminderAt: number | null;
}

export interface ExplainItem {
  metric: KpiMetricKey;
  kind: 'session' | 'run' | 'order';
  shop: string;
  /** The explained agent. */
  agent: string;
  buyer: string;
  /** The KPI day the item counts on: the session's day, or the order's creation day. */
  day: string;
  /** Sort time: the session's first message, the run's first buyer message, or the order's creation. */
  at: number;
  /** Whether the item is part of the figure (numerator or denominator); excluded items are context. */
  included: boolean;
  /** Contribution to the numerator: 1 per counted item, messages for message counts, ms for seconds, fen for money. */
  numerator: number;
  /** Contribution to the denominator for rates and means (sessions, runs, buyers); null for counts and sums. */
  denominator: number | null;
  code: ExplainCode;
  /** Chinese. */
  why: string;
  whyEn: string;
  session?: ExplainSession;
  run?: ResponseRun;
  /** The order counted, or the order that decided the outcome (e.g. the order before the chat). */
  order?: ExplainOrder;
}

const RATE_METRICS = new Set<KpiMetricKey>([
  'reply_rate',
  'answer_question_ratio',
  'avg_response_s',
  'avg_first_response_s',
  'inquiry_conversion_rate',
  'avg_order_value',
  'reminder_success_rate',
]);

const SESSION_METRICS = new Set<KpiMetricKey>([
  'consulted_buyers',
  'received_buyers',
  'reply_rate',
  'buyer_messages',
  'agent_messages',
  'answer_question_ratio',
  'avg_first_response_s',
  'inquiry_buyers',
  'inquiry_ordered_buyers',
  'inquiry_paid_buyers',
  'inquiry_conversion_rate',
]);

const RUN_METRICS = new Set<KpiMetricKey>(['avg_response_s', 'slow_responses', 'unanswered_questions']);

function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

type Verdict = {
  included: boolean;
  numerator: number;
  denominator: number;
  code: ExplainCode;
  why: string;
  whyEn: string;
};

/**
 * The items behind `agent`'s figure for `metric` over `days` (default: input.days), sorted by day and time.
 * Pooling them (Σ numerator, Σ denominator, as in poolParts) reproduces the figure exactly.
 * Exact when the input holds the data requiredWindow(days) declares.
 */
export function explainMetric(
  input: KpiInput,
  agent: string,
  metric: KpiMetricKey,
  days: readonly string[] = input.days,
): ExplainItem[] {
  const wanted = dayNumbersOf(days);
  const { settings } = input;
  const tz = settings.timeZone;
  const slowMs = settings.slowThresholdS * 1000;
  const t = (ms: number) => formatLocal(ms, tz);
  const isRate = RATE_METRICS.has(metric);
  const items: ExplainItem[] = [];

  const push = (
    base: Pick<ExplainItem, 'kind' | 'shop' | 'buyer' | 'at' | 'session' | 'run' | 'order'>,
    day: number,
    v: Verdict,
  ) => {
    items.push({
      metric,
      kind: base.kind,
      shop: base.shop,
      agent,
      buyer: base.buyer,
      day: dayNumberToString(day),
      at: base.at,
      included: v.included,
      numerator: v.numerator,
      denominator: isRate ? v.denominator : null,
      code: v.code,
      why: v.why,
      whyEn: v.whyEn,
      ...(base.session ? { session: base.session } : {}),
      ...(base.run ? { run: base.run } : {}),
      ...(base.order ? { order: base.order } : {}),
    });
  };

  const v = (
    included: boolean,
    numerator: number,
    denominator: number,
    code: ExplainCode,
    why: string,
    whyEn: string,
  ): Verdict => ({ included, numerator, denominator, code, why, whyEn });

  const orderRef = (o: Order, facts?: OrderFacts): ExplainOrder => ({
    orderId: o.orderId,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    amountFen: o.amountFen,
    creditedAgent: facts?.credit?.agent ?? null,
    creditedMessageId: facts?.credit?.id ?? null,
    creditedAt: facts?.credit?.at ?? null,
    reminderAgent: facts?.reminder?.agent ?? null,
    reminderMessageId: facts?.reminder?.id ?? null,
    reminderAt: facts?.reminder?.at ?? null,
  });

  // ---- sessions -------------------------------------------------------------------------------------
  const sessionVerdict = (s: SessionFacts): [Verdict, Order | null] => {
    const b = s.buyerMessages;
    const a = s.agentMessages;
    if (metric === 'buyer_messages') {
      return [v(b > 0, b, 0, 'messages', `计入：买家消息 ${b} 条`, `counted: ${b} buyer messages`), null];
    }
    if (metric === 'agent_messages') {
      return [v(a > 0, a, 0, 'messages', `计入：客服消息 ${a} 条`, `counted: ${a} agent messages`), null];
    }
    if (metric === 'answer_question_ratio') {
      return [
        v(
          true,
          a,
          b,
          'messages',
          `客服消息 ${a} 条 / 买家消息 ${b} 条`,
          `${a} agent messages / ${b} buyer messages`,
        ),
        null,
      ];
    }
    if (b === 0) {
      return [
        v(false, 0, 0, 'no_buyer_message', '不计：买家当天未发消息', 'excluded: no buyer message that day'),
        null,
      ];
    }
    if (metric === 'consulted_buyers') {
      return [
        v(true, 1, 1, 'consulted', `计入：买家发了 ${b} 条消息`, `counted: buyer sent ${b} messages`),
        null,
      ];
    }
    const first = `${t(s.firstBuyerAt!)}`;
    if (metric === 'avg_first_response_s') {
      const ms = s.firstResponseMs;
      if (ms === null) {
        return [
          v(
            false,
            0,
            0,
            'first_run_unanswered',
            `不计：首轮提问（${first}）未回复`,
            `excluded: first run (${first}) unanswered`,
          ),
          null,
        ];
      }
      const sec = seconds(ms);
      return [
        v(
          true,
          ms,
          1,
          'first_run_answered',
          `计入：首轮 ${sec} 秒内回复`,
          `counted: first run answered in ${sec} s`,
        ),
        null,
      ];
    }
    if (a === 0) {
      const rate = metric === 'reply_rate';
      return [
        v(
          rate,
          0,
          rate ? 1 : 0,
          'not_received',
          '不计：客服当天未回复',
          'excluded: no agent message that day',
        ),
        null,
      ];
    }
    if (metric === 'received_buyers' || metric === 'reply_rate') {
      return [
        v(
          true,
          1,
          1,
          'received',
          `计入：买家 ${b} 条，客服 ${a} 条`,
          `counted: buyer ${b}, agent ${a} messages`,
        ),
        null,
      ];
    }
    const q = s.inquiry!;
    if (q.orderBefore !== null) {
      const o = q.orderBefore;
      return [
        v(
          false,
          0,
          0,
          'order_before_chat',
          `不计：买家 ${t(o.createdAt)} 已下单 ${o.orderId}，早于咨询 ${first}（非询单）`,
          `excluded: order before chat (order ${o.orderId} created ${t(o.createdAt)}, chat ${first})`,
        ),
        o,
      ];
    }
    if (metric === 'inquiry_buyers') {
      return [
        v(
          true,
          1,
          1,
          'inquiry',
          `计入：询单，首条买家消息 ${first}`,
          `counted: inquiry, first buyer message ${first}`,
        ),
        null,
      ];
    }
    const isRateMetric = metric === 'inquiry_conversion_rate';
    if (q.ordered === null) {
      return [
        v(
          isRateMetric,
          0,
          1,
          'not_ordered',
          '未转化：当天及次日无归属本客服、咨询后创建的订单',
          'not converted: no order credited to this agent created after the chat on that day or the next',
        ),
        null,
      ];
    }
    if (metric === 'inquiry_ordered_buyers') {
      const o = q.ordered;
      return [
        v(
          true,
          1,
          1,
          'ordered',
          `计入：询单下单，订单 ${o.orderId} 创建于 ${t(o.createdAt)}`,
          `inquiry ordered: order ${o.orderId} created ${t(o.createdAt)}`,
        ),
        o,
      ];
    }
    if (q.paid === null) {
      const o = q.ordered;
      const paid = o.paidAt === null ? '未付款' : `${t(o.paidAt)} 付款`;
      const paidEn = o.paidAt === null ? 'unpaid' : `paid ${t(o.paidAt)}`;
      return [
        v(
          isRateMetric,
          0,
          1,
          'not_paid_in_window',
          `未转化：订单 ${o.orderId} ${paid}，未在咨询日后 ${settings.paidWindowDays} 天内付款`,
          `not converted: order ${o.orderId} ${paidEn}, not paid by the end of day +${settings.paidWindowDays}`,
        ),
        o,
      ];
    }
    const o = q.paid;
    return [
      v(
        true,
        1,
        1,
        'paid',
        `计入：询单付款，订单 ${o.orderId} ${t(o.paidAt!)} 付款`,
        `inquiry paid: order ${o.orderId} paid ${t(o.paidAt!)}`,
      ),
      o,
    ];
  };

  // ---- runs -----------------------------------------------------------------------------------------
  const runVerdict = (r: ResponseRun): Verdict => {
    const start = t(r.startAt);
    if (r.responseMs === null) {
      if (metric === 'unanswered_questions') {
        return v(
          true,
          1,
          1,
          'unanswered',
          `计入：${start} 的提问至会话结束未回复`,
          `counted: question at ${start} left unanswered`,
        );
      }
      return v(
        false,
        0,
        0,
        'unanswered',
        `不计：${start} 的提问未回复`,
        `excluded: question at ${start} unanswered`,
      );
    }
    const sec = seconds(r.responseMs);
    if (metric === 'avg_response_s') {
      return v(
        true,
        r.responseMs,
        1,
        'answered',
        `计入：${start} 的提问 ${sec} 秒后回复`,
        `counted: answered in ${sec} s`,
      );
    }
    if (metric === 'unanswered_questions') {
      return v(false, 0, 0, 'answered', `不计：${sec} 秒后已回复`, `excluded: answered in ${sec} s`);
    }
    // slow_responses
    if (r.responseMs > slowMs) {
      return v(
        true,
        1,
        1,
        'slow',
        `计入：${sec} 秒后回复，超过 ${settings.slowThresholdS} 秒`,
        `counted: answered in ${sec} s, over ${settings.slowThresholdS} s`,
      );
    }
    return v(false, 0, 0, 'not_slow', `不计：${sec} 秒内回复`, `excluded: answered in ${sec} s`);
  };

  // ---- orders ---------------------------------------------------------------------------------------
  const orderVerdict = (o: OrderFacts, firstOfBuyerDay: boolean): Verdict => {
    const order = o.order;
    const id = order.orderId;
    if (
      metric === 'reminded_orders' ||
      metric === 'reminder_paid_orders' ||
      metric === 'reminder_success_rate'
    ) {
      const rem = o.reminder;
      if (rem !== null && rem.agent === agent) {
        const when = `${t(rem.at)}`;
        if (metric === 'reminded_orders') {
          return v(
            true,
            1,
            1,
            'reminded',
            `计入：订单 ${id} 创建后于 ${when} 催付`,
            `counted: order ${id} reminded at ${when}`,
          );
        }
        if (order.paidAt !== null) {
          return v(
            true,
            1,
            1,
            'reminded_paid',
            `计入：${when} 催付，订单 ${id} 于 ${t(order.paidAt)} 付款`,
            `counted: reminded at ${when}, order ${id} paid ${t(order.paidAt)}`,
          );
        }
        return v(
          metric === 'reminder_success_rate',
          0,
          1,
          'reminded_unpaid',
          `不计：${when} 催付，订单 ${id} 未付款`,
          `excluded: reminded at ${when}, order ${id} unpaid`,
        );
      }
      if (order.paidAt !== null && order.paidAt <= order.createdAt) {
        return v(
          false,
          0,
          0,
          'paid_at_creation',
          `不计：订单 ${id} 下单即付款`,
          `excluded: order ${id} paid at creation`,
        );
      }
      if (rem !== null) {
        return v(
          false,
          0,
          0,
          'reminded_by_other',
          `不计：订单 ${id} 由 ${rem.agent} 于 ${t(rem.at)} 催付`,
          `excluded: order ${id} reminded by ${rem.agent} at ${t(rem.at)}`,
        );
      }
      return v(
        false,
        0,
        0,
        'no_reminder',
        `不计：订单 ${id} 创建后 24 小时内、付款前无客服消息`,
        `excluded: no agent message within 24 h after order ${id} and before its payment`,
      );
    }
    // sales_amount, paying_buyers, avg_order_value
    const c = o.credit;
    if (c === null) {
      return v(
        false,
        0,
        0,
        'silent_order',
        `不计：静默下单，订单 ${id} 创建前（当天或前 ${settings.creditWindowDays} 天）无客服消息`,
        `excluded: silent order ${id}, no agent message before it on its day or the ${settings.creditWindowDays} day(s) before`,
      );
    }
    if (c.agent !== agent) {
      return v(
        false,
        0,
        0,
        'credited_to_other',
        `不计：订单 ${id} 归属 ${c.agent}（其 ${t(c.at)} 的消息为下单前最后一条客服消息）`,
        `excluded: order ${id} credited to ${c.agent} (last agent message ${t(c.at)})`,
      );
    }
    if (order.paidAt === null) {
      return v(false, 0, 0, 'credited_unpaid', `不计：订单 ${id} 未付款`, `excluded: order ${id} unpaid`);
    }
    const amount = yuan(order.amountFen);
    if (metric === 'avg_order_value' && !firstOfBuyerDay) {
      return v(
        true,
        order.amountFen,
        0,
        'buyer_already_counted',
        `计入金额：订单 ${id} 付款 ¥${amount}（该买家当天已计入人数）`,
        `counted amount: order ${id} paid ¥${amount} (buyer already counted that day)`,
      );
    }
    if (metric === 'sales_amount') {
      return v(
        true,
        order.amountFen,
        0,
        'credited_paid',
        `计入：订单 ${id} 付款 ¥${amount}，归属消息 ${t(c.at)}`,
        `counted: order ${id} paid ¥${amount}, credited by message at ${t(c.at)}`,
      );
    }
    if (!firstOfBuyerDay) {
      return v(
        false,
        0,
        0,
        'buyer_already_counted',
        `不计：该买家当天已计入`,
        `excluded: buyer already counted that day`,
      );
    }
    return v(
      true,
      metric === 'avg_order_value' ? order.amountFen : 1,
      1,
      'credited_paid',
      `计入：买家当天首笔归属付款订单 ${id}（¥${amount}）`,
      `counted: buyer's first paid order credited that day, ${id} (¥${amount})`,
    );
  };

  const creditWindow = settings.creditWindowDays;
  const keepRuns = RUN_METRICS.has(metric);
  analyzeBuyers(
    input,
    ({ shop, buyer, sessions, orders }) => {
      const mine = sessions.filter((s) => s.agent === agent);
      // Every item involves the agent's own message, hence one of the agent's sessions with this buyer.
      if (mine.length === 0) return;
      if (SESSION_METRICS.has(metric) || RUN_METRICS.has(metric)) {
        const factsByOrder = new Map(orders.map((o) => [o.order, o]));
        for (const s of mine) {
          if (!wanted.has(s.dayNumber)) continue;
          const session: ExplainSession = {
            firstAt: s.firstAt,
            firstMessageId: s.firstMessageId,
            firstBuyerAt: s.firstBuyerAt,
            firstBuyerMessageId: s.firstBuyerMessageId,
            buyerMessages: s.buyerMessages,
            agentMessages: s.agentMessages,
          };
          if (RUN_METRICS.has(metric)) {
            for (const r of s.runs)
              push({ kind: 'run', shop, buyer, at: r.startAt, session, run: r }, s.dayNumber, runVerdict(r));
            continue;
          }
          const [verdict, decidingOrder] = sessionVerdict(s);
          const order = decidingOrder ? orderRef(decidingOrder, factsByOrder.get(decidingOrder)) : undefined;
          push({ kind: 'session', shop, buyer, at: s.firstAt, session, order }, s.dayNumber, verdict);
        }
        return;
      }
      // Order metrics: orders credited to or reminded by the agent, and, as context, orders of buyers the
      // agent chatted with on the order's day or within the credit window before it.
      const firstSeen = new Set<string>();
      for (const o of orders) {
        if (!wanted.has(o.creationDay)) continue;
        let firstOfBuyerDay = false;
        if (o.credit !== null && o.credit.agent === agent && o.order.paidAt !== null) {
          const key = String(o.creationDay);
          firstOfBuyerDay = !firstSeen.has(key);
          firstSeen.add(key);
        }
        const relevant =
          o.credit?.agent === agent ||
          o.reminder?.agent === agent ||
          mine.some((s) => s.dayNumber <= o.creationDay && s.dayNumber >= o.creationDay - creditWindow);
        if (!relevant) continue;
        push(
          { kind: 'order', shop, buyer, at: o.order.createdAt, order: orderRef(o.order, o) },
          o.creationDay,
          orderVerdict(o, firstOfBuyerDay),
        );
      }
    },
    keepRuns,
  );

  const kindRank = { session: 0, run: 1, order: 2 } as const;
  return items.sort(
    (a, b) =>
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      a.at - b.at ||
      (a.buyer < b.buyer ? -1 : a.buyer > b.buyer ? 1 : 0) ||
      (a.shop < b.shop ? -1 : a.shop > b.shop ? 1 : 0) ||
      kindRank[a.kind] - kindRank[b.kind],
  );
}
