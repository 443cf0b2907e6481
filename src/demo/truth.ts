// Ground truth of the planted defects, computed from what was actually generated: timestamps for the
// timing rules, the orders and every agent message for missed payment reminders, and per-message tags
// (set where a message was drawn from a defect pool) for the language rules. Exact by construction:
// a session is listed for a rule if and only if the rule's definition (issue 4) holds on it.
import type { ChatMessage, Order } from '../domain/types.js';
import { BUYER_ACKS, BUYER_AFTER_OK, BUYER_CLOSINGS } from './phrases-buyer.js';

/** Hidden per-message tags (bit flags). */
export const TAG = {
  RUDE: 1,
  PROFANITY: 2,
  ADLAW: 4,
  OFF_PLATFORM: 8,
  REFUND_CONFIRM: 16,
  NEGATIVE: 32,
  CLAIM_MISSING: 64,
  ASK_HUMAN: 128,
  BOT_MISSED: 256,
} as const;

export interface GenMessage {
  m: ChatMessage;
  tags: number;
  /** Generation order: the tie-breaker for equal times. */
  seq: number;
  /** `agent \0 buyer`: the thread; with the local day, the session. */
  thread: string;
}

export interface PlantedDefect {
  rule: string;
  shop: string;
  agent: string;
  buyer: string;
  /** YYYY-MM-DD, the session's day. */
  date: string;
  message_id?: string;
  note?: string;
}

export const PLANTED_RULES = [
  'rude_language',
  'profanity',
  'adlaw_absolute',
  'off_platform',
  'slow_first_response',
  'slow_response',
  'unanswered',
  'no_greeting',
  'customer_negative',
  'no_empathy',
  'missed_payment_reminder',
  'refund_without_verification',
  'bot_failure',
  'repeated_reply',
] as const;

// 受欢迎 (popular) holds 欢迎 without greeting anyone: 这款很受欢迎 as an agent's first words is no greeting.
export const GREETING_RE =
  /您好|你好|亲|(?<!受)欢迎|在的|在呢|哈喽|嗨|hello|\bhi\b|早上好|上午好|中午好|下午好|晚上好/i;
export const EMPATHY_RE =
  /抱歉|不好意思|对不起|理解您|理解的|久等|给您带来|添麻烦|别着急|别急|消消气|别生气|辛苦|委屈|感受|心情/;
export const VERIFY_RE =
  /照片|视频|面单|核实|核对|称重|图片|截图|拍.{0,2}图|拍一下|拍个|查一下|查看|确认一下|监控|凭证|看一下|看下/;

/**
 * The agent telling the buyer to look at their own money ("退款已经操作好了，您看下支付宝") is not a check of
 * the claim. VERIFY_RE's loose 看下/查看 matched it, so the truth skipped a refund confirmed with no check at
 * all — against issue 4's definition (the check must be asking for evidence or checking, before the refund).
 */
const BUYER_LOOK_RE =
  /(?:您|你)?(?:看下|看一下|查看一下|查看)(?:您的?|你的?)?(?:支付宝|账户|余额|银行卡|零钱|到账)/g;

/** An agent message that checks a claim (asks for evidence, or checks the warehouse/records). */
export function isVerification(text: string): boolean {
  return VERIFY_RE.test(text.replace(BUYER_LOOK_RE, ''));
}

const PUNCT_RE = /[\s，。！？、~～…,.!?;；:：'"“”‘’()（）[\]【】]|\[[^\]]*\]/g;

export function normalizeText(text: string): string {
  return text.replace(PUNCT_RE, '').toLowerCase();
}

const CLOSING_SET = new Set([...BUYER_CLOSINGS, ...BUYER_ACKS, ...BUYER_AFTER_OK].map(normalizeText));

export function isClosingPleasantry(text: string): boolean {
  return CLOSING_SET.has(normalizeText(text));
}

/** Characters of a text (the demo writes no astral-plane characters, so UTF-16 length is exact). */
function charLength(text: string): number {
  return text.length;
}

function addFinding(out: PlantedDefect[], rule: string, g: GenMessage, date: string, note?: string): void {
  const m = g.m;
  const p: PlantedDefect = { rule, shop: m.shop, agent: m.agent, buyer: m.buyer, date, message_id: m.id };
  if (note) p.note = note;
  out.push(p);
}

/** Appends the planted defects of one session (its messages in time order) to `out`. */
export function sessionTruth(session: readonly GenMessage[], date: string, out: PlantedDefect[]): void {
  const add = (rule: string, g: GenMessage, note?: string) => addFinding(out, rule, g, date, note);

  // Timing: response runs.
  let runStart = -1;
  let firstRunClosed = false;
  let slowFirst: GenMessage | null = null;
  let slowFirstS = 0;
  let slow: GenMessage | null = null;
  let slowS = 0;
  let firstAgent: GenMessage | null = null;
  let lastReplyIdx = -1;
  let firstNegativeIdx = -1;
  const langHits: (GenMessage | null)[] = [null, null, null, null];
  const textCounts = new Map<string, number>();
  let repeated: GenMessage | null = null;
  for (let i = 0; i < session.length; i++) {
    const g = session[i];
    const { from, at } = g.m;
    if (from === 'buyer') {
      if (runStart < 0) runStart = at;
      if (firstNegativeIdx < 0 && g.tags & TAG.NEGATIVE) firstNegativeIdx = i;
    } else if (from === 'agent') {
      lastReplyIdx = i;
      if (!firstAgent) firstAgent = g;
      if (runStart >= 0) {
        const rt = at - runStart;
        if (!firstRunClosed && rt > 30_000) {
          slowFirst = g;
          slowFirstS = rt / 1000;
        }
        firstRunClosed = true;
        if (!slow && rt > 60_000) {
          slow = g;
          slowS = rt / 1000;
        }
        runStart = -1;
      }
      if (g.tags & (TAG.RUDE | TAG.PROFANITY) && !langHits[0]) langHits[0] = g;
      if (g.tags & TAG.PROFANITY && !langHits[1]) langHits[1] = g;
      if (g.tags & TAG.ADLAW && !langHits[2]) langHits[2] = g;
      if (g.tags & TAG.OFF_PLATFORM && !langHits[3]) langHits[3] = g;
      if (!repeated && charLength(g.m.text) >= 6) {
        const c = (textCounts.get(g.m.text) ?? 0) + 1;
        textCounts.set(g.m.text, c);
        if (c >= 3) repeated = g;
      }
    } else if (from === 'bot') {
      lastReplyIdx = i;
    }
  }
  if (langHits[0]) add('rude_language', langHits[0]);
  if (langHits[1]) add('profanity', langHits[1]);
  if (langHits[2]) add('adlaw_absolute', langHits[2]);
  if (langHits[3]) add('off_platform', langHits[3]);
  if (slowFirst) add('slow_first_response', slowFirst, `first response ${slowFirstS}s`);
  if (slow) add('slow_response', slow, `response ${slowS}s`);

  // unanswered: trailing buyer messages that are not all closing pleasantries.
  let trailingQuestion: GenMessage | null = null;
  for (let i = lastReplyIdx + 1; i < session.length; i++) {
    const g = session[i];
    if (g.m.from === 'buyer' && !isClosingPleasantry(g.m.text)) trailingQuestion = g;
  }
  if (trailingQuestion) {
    let lastBuyer = trailingQuestion;
    for (let i = session.length - 1; i > lastReplyIdx; i--) {
      if (session[i].m.from === 'buyer') {
        lastBuyer = session[i];
        break;
      }
    }
    add('unanswered', lastBuyer);
  }

  if (firstAgent && !GREETING_RE.test(firstAgent.m.text)) add('no_greeting', firstAgent);

  if (firstNegativeIdx >= 0) {
    add('customer_negative', session[firstNegativeIdx]);
    let firstAfter: GenMessage | null = null;
    let empathic = false;
    for (let i = firstNegativeIdx + 1; i < session.length; i++) {
      const g = session[i];
      if (g.m.from !== 'agent') continue;
      if (!firstAfter) firstAfter = g;
      if (EMPATHY_RE.test(g.m.text)) {
        empathic = true;
        break;
      }
    }
    if (firstAfter && !empathic) add('no_empathy', firstAfter);
  }

  // refund_without_verification: claim of missing items, then a refund confirmed before any check.
  let claimIdx = -1;
  for (let i = 0; i < session.length; i++) {
    if (session[i].m.from === 'buyer' && session[i].tags & TAG.CLAIM_MISSING) {
      claimIdx = i;
      break;
    }
  }
  if (claimIdx >= 0) {
    for (let i = claimIdx + 1; i < session.length; i++) {
      const g = session[i];
      if (g.m.from !== 'agent') continue;
      if (isVerification(g.m.text)) break;
      if (g.tags & TAG.REFUND_CONFIRM) {
        add('refund_without_verification', g);
        break;
      }
    }
  }

  // bot_failure: the buyer's next message after a bot reply asks for a human, says it missed, or repeats.
  for (let i = 0; i < session.length; i++) {
    if (session[i].m.from !== 'bot') continue;
    let j = i + 1;
    while (j < session.length && session[j].m.from === 'system') j++;
    if (j >= session.length || session[j].m.from !== 'buyer') continue;
    const reaction = session[j];
    let hit = (reaction.tags & (TAG.ASK_HUMAN | TAG.BOT_MISSED)) !== 0;
    if (!hit) {
      const norm = normalizeText(reaction.m.text);
      if (norm.length > 0) {
        for (let k = 0; k < i; k++) {
          if (session[k].m.from === 'buyer' && normalizeText(session[k].m.text) === norm) {
            hit = true;
            break;
          }
        }
      }
    }
    if (hit) {
      add('bot_failure', session[i]);
      break;
    }
  }

  if (repeated) add('repeated_reply', repeated);
}

// ---------------------------------------------------------------- orders: missed payment reminders

export interface AgentMessageRef {
  at: number;
  agent: string;
  id: string;
}

/**
 * missed_payment_reminder for one order. `before` lists the agent messages to the buyer on the creation
 * day and the day before (any order), `after` those from creation to 24 h later. Returns the finding or null.
 */
export function missedReminderTruth(
  order: Order,
  credited: AgentMessageRef | null,
  afterCreation: readonly AgentMessageRef[],
  date: string,
): PlantedDefect | null {
  if (!credited) return null;
  const paidLate = order.paidAt === null || order.paidAt - order.createdAt > 30 * 60_000;
  if (!paidLate) return null;
  const until = Math.min(order.paidAt ?? Number.POSITIVE_INFINITY, order.createdAt + 24 * 3_600_000);
  for (const r of afterCreation) {
    if (r.at > order.createdAt && r.at < until) return null;
  }
  return {
    rule: 'missed_payment_reminder',
    shop: order.shop,
    agent: credited.agent,
    buyer: order.buyer,
    date,
    message_id: credited.id,
    note: `order ${order.orderId}`,
  };
}
