// Writes one conversation between a buyer and the shop: the store bot, one or two human agents (after a
// transfer), the orders it leads to and the refunds it settles. Text is composed from phrase pools with
// slots, affixes, punctuation variants and the occasional typo; planted defects are drawn per agent.
import type { ChatMessage, Order, Refund, Sender } from '../domain/types.js';
import type { DemoAgent } from './agents.js';
import {
  BUYER_NICK_HEADS,
  CITIES,
  EXPRESS,
  PRODUCTS,
  type Product,
  SHOP_NAME,
  SHOP_SHORT,
} from './catalog.js';
import * as A from './phrases-agent.js';
import * as B from './phrases-buyer.js';
import * as D from './phrases-defects.js';
import type { Rng } from './prng.js';
import { EMPATHY_RE, type GenMessage, GREETING_RE, normalizeText, TAG, VERIFY_RE } from './truth.js';

const SEC = 1000;
const MIN = 60_000;
const HOUR = 3_600_000;

/** Shared, mutable state of one generation run (counters, buyers, recent orders). */
export interface WorldState {
  rng: Rng;
  shop: string;
  seq: number;
  orderCounter: number;
  refundCounter: number;
  buyerCounter: number;
  buyers: string[];
  /** Recent paid orders, for after-sales conversations (ring buffer). */
  paidOrders: Order[];
  paidOrdersNext: number;
  /** Last instant of the generated period (order statuses depend on it). */
  endMs: number;
  /** First instant of the generated period. */
  startMs: number;
}

export interface DayOutput {
  messages: GenMessage[];
  orders: Order[];
  refunds: Refund[];
}

export interface Staff {
  /** An agent of one of the roles on shift at that instant, or null when nobody is. */
  pick(roles: readonly string[], at: number): DemoAgent | null;
  /** Any chat agent, ignoring shifts (the thread a night-time bot conversation lands in). */
  anyPresale(): DemoAgent;
}

export type ConversationKind =
  | 'presale'
  | 'presale_after_order'
  | 'missing'
  | 'damage'
  | 'mold'
  | 'late'
  | 'other_refund'
  | 'exchange'
  | 'invoice';

export interface ConversationOptions {
  kind: ConversationKind;
  start: number;
  buyer: string;
  /** Double 11: busier, slower, more decisive buyers. */
  promo: boolean;
  /** Bots answer alone (night). */
  humansAvailable: boolean;
  /** Hour of day, local. */
  hour: number;
}

const TYPOS: readonly [string, string][] = [
  ['吗', '嘛'],
  ['什么', '啥'],
  ['怎么', '咋'],
  ['的', '滴'],
  ['这个', '这各'],
  ['发货', '发或'],
  ['快递', '快地'],
  ['优惠', '优会'],
  ['可以', '可已'],
  ['多少', '多少钱'],
];

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

export function newOrderId(world: WorldState): string {
  const rng = world.rng;
  world.orderCounter++;
  return `${rng.int(1, 4)}${rng.digits(5)}${pad(world.orderCounter, 9)}${rng.digits(4)}`;
}

function newRefundId(world: WorldState): string {
  world.refundCounter++;
  return `${world.rng.int(1, 9)}${world.rng.digits(2)}${pad(world.refundCounter, 9)}${world.rng.digits(3)}`;
}

/** Templates split at their slots: [text, slot, text, slot, …, text]. */
const TEMPLATE_CACHE = new Map<string, string[]>();

/** Normalized form of each template (dedupe of a buyer's words within one conversation). */
const TEMPLATE_KEYS = new Map<string, string>();
function templateKey(template: string): string {
  let key = TEMPLATE_KEYS.get(template);
  if (key === undefined) {
    key = normalizeText(template);
    TEMPLATE_KEYS.set(template, key);
  }
  return key;
}

const SOFT_SUFFIX: readonly string[] = ['', '', '~', '！', '[微笑]', '。'];
const QUESTION_END: readonly string[] = ['', '', '？', '?', '？？'];
const PLAIN_END: readonly string[] = ['~', '哈', '[微笑]', '！', '。', '[OK]'];

const BUY_ACK: readonly string[] = [
  '好的亲，拍下后我给您备注优先发货',
  '好嘞，等您哦',
  '好的，拍好了我这边马上安排',
  '嗯嗯，有问题随时找我',
];

const NICK_TAILS = ['', '_', '0', '1', '2', '8', '9'];

export function newBuyer(world: WorldState): string {
  const rng = world.rng;
  world.buyerCounter++;
  const n = world.buyerCounter;
  const style = rng.int(0, 3);
  let nick: string;
  if (style === 0) nick = `tb${rng.digits(4)}${pad(n, 6)}`;
  else if (style === 1) nick = `${rng.pick(BUYER_NICK_HEADS)}${rng.pick(NICK_TAILS)}${n}`;
  else if (style === 2) nick = `${rng.pick(BUYER_NICK_HEADS)}${n}${rng.int(0, 9)}`;
  else nick = `t_${rng.digits(3)}${pad(n, 7)}`;
  world.buyers.push(nick);
  return nick;
}

function yuan(fen: number): string {
  const s = (fen / 100).toFixed(2);
  return s.endsWith('.00') ? s.slice(0, -3) : s;
}

export function orderStatus(world: WorldState, createdAt: number, paidAt: number | null): string {
  if (paidAt === null) return world.endMs - createdAt > 24 * HOUR ? '交易关闭' : '等待买家付款';
  const age = world.endMs - paidAt;
  if (age > 10 * 24 * HOUR) return '交易成功';
  if (age > 30 * HOUR) return '卖家已发货，等待买家确认';
  return '买家已付款，等待卖家发货';
}

/** Per-conversation plan of planted defects. */
interface Plan {
  rude: boolean;
  profanity: boolean;
  adlaw: boolean;
  offPlatform: boolean;
  noGreeting: boolean;
  slowFirst: boolean;
  slowLater: boolean;
  unanswered: boolean;
  repeated: boolean;
  noEmpathy: boolean;
  noVerify: boolean;
  missReminder: boolean;
}

export class ConversationWriter {
  private readonly rng: Rng;
  private now: number;
  private agent!: DemoAgent;
  private runStart = -1;
  private threadAnswered = false;
  private readonly used = new Set<string>();
  private product: Product;
  private product2: Product;
  private specIdx: number;
  private plan!: Plan;
  private negativeSeen = false;
  private claimSeen = false;
  private lastFrom: Sender | null = null;
  private readonly city: string;
  private readonly exp: string;
  private orderForSlots: Order | null = null;
  private buyerNick: string;
  private thread = '';
  private threadAgent: DemoAgent | null = null;
  private threadBuyer = '';

  constructor(
    private readonly world: WorldState,
    private readonly staff: Staff,
    private readonly out: DayOutput,
    private readonly opt: ConversationOptions,
  ) {
    this.rng = world.rng;
    this.now = opt.start;
    this.buyerNick = opt.buyer;
    this.product = this.rng.pick(PRODUCTS);
    do this.product2 = this.rng.pick(PRODUCTS);
    while (this.product2 === this.product);
    this.specIdx = this.rng.int(0, this.product.specs.length - 1);
    this.city = this.rng.pick(CITIES);
    this.exp = this.rng.pick(EXPRESS);
  }

  // ------------------------------------------------------------------ text composition

  private slot(name: string): string {
    const rng = this.rng;
    const p = this.product;
    switch (name) {
      case 'p':
        return rng.chance(0.6) ? p.name : rng.pick(p.alias);
      case 'p2':
        return rng.chance(0.6) ? this.product2.name : rng.pick(this.product2.alias);
      case 'spec':
        return p.specs[this.specIdx].spec;
      case 'spec2':
        return p.specs[(this.specIdx + 1) % p.specs.length].spec;
      case 'price':
        return yuan(p.specs[this.specIdx].priceFen);
      case 'city':
        return this.city;
      case 'days':
        return String(rng.int(2, 4));
      case 'exp':
        return this.exp;
      case 'name':
        return this.agent ? this.agent.name : '小果';
      case 'shop':
        return SHOP_NAME;
      case 'cut':
        return String(rng.pick([15, 16, 17]));
      case 'n':
        return String(rng.int(2, 5));
      case 'm':
        return String(rng.pick([99, 129, 159, 199, 299]));
      case 'k':
        return String(rng.pick([10, 15, 20, 30, 40]));
      case 'fee':
        return String(rng.pick([8, 10, 12, 15, 20]));
      case 'mm':
        return String(rng.int(28, 40));
      case 'amt':
        return this.orderForSlots
          ? yuan(Math.max(990, Math.round(this.orderForSlots.amountFen / rng.int(1, 3))))
          : '29.9';
      case 'oid':
        return this.orderForSlots ? this.orderForSlots.orderId : newOrderIdLike(rng);
      case 'tno':
        return trackingNumber(rng, this.exp);
      case 'taste':
        return rng.pick(p.taste);
      case 'taste2':
        return rng.pick(this.product2.taste);
      case 'shelf':
        return p.shelf;
      case 'origin':
        return p.origin;
      case 'hello':
        return A.HELLO_BY_HOUR(this.opt.hour);
      case 'group':
        return rng.pick(['售后组', '售后同事', '退款组', '快递组']);
      case 'wx':
        return rng.chance(0.7)
          ? rng.pick(D.WECHAT_IDS)
          : `${rng.pick(['xy', 'gy', 'zao', 'nut'])}${rng.digits(4)}`;
      case 'qq':
        return `${rng.int(1, 9)}${rng.digits(rng.int(7, 9))}`;
      case 'phone':
        return phoneNumber(rng);
      case 'g':
        return String(rng.int(30, 80));
      default:
        return name;
    }
  }

  private fill(template: string): string {
    let parts = TEMPLATE_CACHE.get(template);
    if (!parts) {
      parts = template.split(/\{(\w+)\}/);
      TEMPLATE_CACHE.set(template, parts);
    }
    if (parts.length === 1) return template;
    let text = parts[0];
    for (let i = 1; i < parts.length; i += 2) text += this.slot(parts[i]) + parts[i + 1];
    return text;
  }

  private agentText(pool: readonly string[], affix = true, prefix = false): string {
    let text = this.fill(this.rng.pick(pool));
    if (!affix) return text;
    const rng = this.rng;
    if (prefix && rng.chance(0.3) && !/^(亲|您好|好的|嗯|是的)/.test(text))
      text = rng.pick(A.AGENT_PREFIX) + text;
    if (/[哈哦呢啦吧呀的]$/.test(text)) text += rng.pick(SOFT_SUFFIX);
    else if (!/[？?！!~。]$|\]$/.test(text)) text += rng.pick(A.AGENT_SUFFIX);
    if (rng.chance(0.15)) text = text.replace(/，/g, ',');
    if (rng.chance(0.1)) text = text.replace(/~/g, '～');
    return text;
  }

  /** A buyer's words: 'q' a question, 'plain' a statement, 'none' as written. Never repeated in one conversation. */
  private buyerText(pool: readonly string[], style: 'q' | 'plain' | 'none' = 'q'): string {
    const rng = this.rng;
    for (let attempt = 0; attempt < 8; attempt++) {
      const template = rng.pick(pool);
      const key = templateKey(template);
      if (this.used.has(key)) continue;
      this.used.add(key);
      let text = this.fill(template);
      if (style === 'q') {
        if (rng.chance(0.2)) text = rng.pick(B.BUYER_QUESTION_PREFIX) + text;
        if (/[吗呢吧啊么不没]$/.test(text)) text += rng.pick(QUESTION_END);
        else if (!/[？?！!]$/.test(text)) text += rng.pick(B.BUYER_SUFFIX);
      } else if (style === 'plain' && rng.chance(0.3) && !/[？?！!~]$/.test(text)) {
        text += rng.pick(PLAIN_END);
      }
      if (style !== 'none') {
        if (rng.chance(0.08)) {
          const [a, b] = rng.pick(TYPOS);
          text = text.replace(a, b);
        }
        if (rng.chance(0.1)) text = text.replace(/，/g, ' ');
      }
      return text;
    }
    const text =
      this.fill(rng.pick(pool)) + rng.pick(['啊', '呀', '哈', '嘛', '捏']) + rng.pick(['', '~', '!']);
    this.used.add(normalizeText(text));
    return text;
  }

  // ------------------------------------------------------------------ message emission

  private push(from: Sender, text: string, kind: string, tags: number): ChatMessage {
    const m: ChatMessage = {
      shop: this.world.shop,
      id: '',
      buyer: this.buyerNick,
      agent: this.agent.nick,
      from,
      at: this.now,
      text,
      kind,
    };
    if (this.threadAgent !== this.agent || this.threadBuyer !== this.buyerNick) {
      this.threadAgent = this.agent;
      this.threadBuyer = this.buyerNick;
      this.thread = `${this.agent.nick}\u0000${this.buyerNick}`;
    }
    this.out.messages.push({ m, tags, seq: this.world.seq++, thread: this.thread });
    this.lastFrom = from;
    return m;
  }

  private buyer(text: string, tags = 0, kind = 'text', quick = false): void {
    const rng = this.rng;
    const gap =
      quick || this.lastFrom === 'buyer' ? rng.int(2, 12) : Math.min(90, Math.max(3, rng.logNormal(10, 0.6)));
    this.now += Math.round(gap) * SEC;
    if (tags & TAG.NEGATIVE) this.negativeSeen = true;
    if (tags & TAG.CLAIM_MISSING) this.claimSeen = true;
    this.push('buyer', text, kind, tags);
    if (this.runStart < 0) this.runStart = this.now;
  }

  private bot(text: string): void {
    this.now += this.rng.int(1, 3) * SEC;
    this.push('bot', this.fill(text), 'text', 0);
  }

  private system(text: string, kind: string): void {
    this.now += this.rng.int(1, 4) * SEC;
    this.push('system', text, kind, 0);
  }

  /** Time of a human reply: closes the open run after a sampled (or forced) response time. */
  private replyTime(forcedS?: number): void {
    const rng = this.rng;
    if (this.runStart >= 0) {
      let rt: number;
      if (forcedS !== undefined) rt = forcedS;
      else {
        const first = !this.threadAnswered;
        const a = this.agent;
        const median = (first ? a.firstMedianS : a.laterMedianS) * (this.opt.promo ? 1.4 : 1);
        rt = rng.logNormal(median, 0.45);
        rt = Math.max(2, Math.min(rt, first ? 29 : 58));
        const poor = 1 - a.skill;
        if (rng.chance(0.002 + 0.02 * poor * poor)) rt = first ? rng.int(31, 90) : rng.int(61, 200);
      }
      let t = this.runStart + Math.round(rt) * SEC;
      if (t < this.now + 2 * SEC) t = this.now + rng.int(2, 5) * SEC;
      this.now = t;
      this.threadAnswered = true;
      this.runStart = -1;
    } else {
      this.now += rng.int(3, 14) * SEC;
    }
  }

  /** A human agent message; texts are redrawn when they would break the conversation's plan. */
  private say(text: string, tags = 0, forcedS?: number, kind = 'text'): ChatMessage {
    if (this.plan.noEmpathy && this.negativeSeen && EMPATHY_RE.test(text)) {
      text = this.fill(this.rng.pick(D.NO_EMPATHY));
    }
    if (this.plan.noVerify && this.claimSeen && !(tags & TAG.REFUND_CONFIRM) && VERIFY_RE.test(text)) {
      text = this.rng.pick(['好的', '明白', '嗯嗯']);
    }
    this.replyTime(forcedS);
    return this.push('agent', text, kind, tags);
  }

  private sayPool(pool: readonly string[], tags = 0, forcedS?: number): ChatMessage {
    return this.say(this.agentText(pool), tags, forcedS);
  }

  private greet(pool: readonly string[]): void {
    const rng = this.rng;
    const forced = this.plan.slowFirst ? rng.int(31, 160) : undefined;
    this.plan.slowFirst = false;
    if (this.plan.noGreeting) {
      this.plan.noGreeting = false;
      let text = this.fill(rng.pick(D.BARE_OPENERS)) + rng.pick(['', '', '。', '？']);
      if (GREETING_RE.test(text)) text = '说';
      this.say(text, 0, forced);
      return;
    }
    let text = this.fill(rng.pick(pool));
    if (rng.chance(0.3) && !/[！!~。\]]$/.test(text)) text += rng.pick(['~', '！', '。', '[微笑]', '哦']);
    this.say(text, 0, forced);
  }

  private switchAgent(agent: DemoAgent): void {
    this.agent = agent;
    this.runStart = -1;
    this.threadAnswered = false;
    this.lastFrom = null;
  }

  // ------------------------------------------------------------------ plans

  private makePlan(a: DemoAgent, aftersale: boolean): Plan {
    const rng = this.rng;
    const d = a.defect * (this.opt.promo ? 1.3 : 1);
    const poor = 1 - a.skill;
    return {
      rude: rng.chance(0.045 * d),
      profanity: rng.chance(0.008 * d),
      adlaw: !aftersale && rng.chance(0.05 * d),
      offPlatform: rng.chance(0.022 * d),
      noGreeting: rng.chance(0.05 * d),
      slowFirst: rng.chance(0.01 + 0.05 * poor),
      slowLater: rng.chance(0.015 + 0.05 * poor),
      unanswered: rng.chance(0.04 * d),
      repeated: rng.chance(0.03 * d),
      noEmpathy: rng.chance(Math.min(0.85, 0.45 * d)),
      noVerify: rng.chance(Math.min(0.85, 0.5 * d)),
      missReminder: rng.chance(Math.min(0.85, 0.45 * d)),
    };
  }

  // ------------------------------------------------------------------ the conversation

  run(): void {
    const kind = this.opt.kind;
    if (kind === 'presale' || kind === 'presale_after_order') this.presale();
    else this.aftersale();
  }

  private laterSlow(): number | undefined {
    if (this.plan.slowLater && this.threadAnswered && this.rng.chance(0.5)) {
      this.plan.slowLater = false;
      return this.rng.int(61, 420);
    }
    return undefined;
  }

  /** One question–answer exchange (the question is already asked). Returns false when the agent fell silent. */
  private answer(intent: A.Intent): void {
    const rng = this.rng;
    const plan = this.plan;
    const forced = this.laterSlow();
    if (plan.rude && rng.chance(0.6)) {
      plan.rude = false;
      this.say(this.agentText(D.RUDE, false), TAG.RUDE, forced);
      if (rng.chance(0.35))
        this.buyer(
          this.buyerText(['什么态度', '你怎么这样说话', '这什么服务态度，投诉你'], 'none'),
          TAG.NEGATIVE,
        );
      return;
    }
    if (plan.profanity && rng.chance(0.5)) {
      plan.profanity = false;
      this.say(this.agentText(D.PROFANITY, false), TAG.PROFANITY, forced);
      this.buyer(
        this.buyerText(['你怎么骂人？我要投诉你', '骂人是吧？差评', '什么素质，投诉！'], 'none'),
        TAG.NEGATIVE,
      );
      return;
    }
    if (rng.chance(0.12)) this.say(this.agentText(A.AGENT_SHORT), 0, forced);
    this.say(this.agentText(A.AGENT_ANSWERS[intent], true, true), 0, forced);
    if (plan.adlaw && (intent === 'taste' || intent === 'coupon' || intent === 'gift' || rng.chance(0.4))) {
      plan.adlaw = false;
      this.say(this.agentText(D.ADLAW), TAG.ADLAW);
    } else if (plan.offPlatform && (intent === 'wechat' || intent === 'coupon' || rng.chance(0.3))) {
      plan.offPlatform = false;
      this.say(this.agentText(D.OFF_PLATFORM, false), TAG.OFF_PLATFORM);
    } else if (rng.chance(0.18)) {
      this.say(this.agentText(A.AGENT_UPSELL, true, true));
    }
  }

  private repeatedBurst(): void {
    const rng = this.rng;
    const canned = rng.pick(D.REPEATED);
    this.say(canned);
    this.buyer(this.buyerText(B.BUYER_QUESTIONS[rng.pick(A.PRESALE_INTENTS)]));
    this.say(canned);
    this.buyer(this.buyerText(B.BUYER_NUDGE, 'none'));
    this.say(canned);
    this.plan.repeated = false;
  }

  private pickIntent(): A.Intent {
    return A.PRESALE_INTENTS[this.rng.weighted(A.INTENT_WEIGHTS)];
  }

  private presale(): void {
    const rng = this.rng;
    const opt = this.opt;
    const first = this.staff.pick(['presale', 'presale', 'vip'], opt.start) ?? this.staff.anyPresale();
    this.switchAgent(first);
    this.plan = this.makePlan(first, false);
    const humans = opt.humansAvailable && this.staff.pick(['presale'], opt.start) !== null;

    if (opt.kind === 'presale_after_order') {
      // The buyer ordered earlier today and comes back about it.
      const created = Math.max(opt.start - rng.int(5, 180) * MIN, dayFloor(opt.start) + MIN);
      this.placeOrder(created, created + rng.int(20, 300) * SEC);
      if (rng.chance(0.5)) this.buyer(`[订单] ${this.orderForSlots?.orderId}`, 0, 'order');
      this.buyer(this.buyerText(B.BUYER_CHANGE_ORDER, 'plain'));
      if (!humans) {
        this.bot(rng.pick(B.BOT_NIGHT));
        return;
      }
      this.greet(A.GREETINGS);
      this.sayPool([
        '可以的，已经帮您备注好了',
        '地址可以改的，您把新地址发我',
        '好的，仓库还没打包，可以给您改',
        '已经帮您加急了，今天发出',
      ]);
      this.buyer(this.buyerText(B.BUYER_ACKS, 'none'));
      this.sayPool(A.AGENT_CLOSINGS);
      if (rng.chance(0.5)) this.buyer(this.buyerText(B.BUYER_CLOSINGS, 'none'));
      return;
    }

    // Openers.
    if (rng.chance(0.06)) {
      this.buyer(this.buyerText(B.BUYER_OPEN_HUMAN, 'none'));
    } else if (rng.chance(0.45)) this.buyer(this.buyerText(B.BUYER_OPENERS, 'none'));
    if (rng.chance(0.22)) {
      const spec = this.product.specs[this.specIdx];
      this.buyer(
        `[商品] ${SHOP_SHORT} ${this.product.name} ${spec.spec} ¥${yuan(spec.priceFen)}`,
        0,
        'item',
        true,
      );
    }
    const intents: A.Intent[] = [this.pickIntent()];
    const more = rng.weighted([3, 4, 2, 1]);
    for (let i = 0; i < more; i++) {
      const next = this.pickIntent();
      if (!intents.includes(next)) intents.push(next);
    }
    const q0 = this.buyerText(B.BUYER_QUESTIONS[intents[0]]);
    this.buyer(q0, 0, 'text', true);

    const useBot = humans ? rng.chance(opt.promo ? 0.7 : 0.5) : true;
    if (useBot) {
      const fail = humans && rng.chance(0.1);
      if (!humans) {
        this.bot(rng.chance(0.5) ? rng.pick(B.BOT_NIGHT) : rng.pick(B.BOT_ANSWERS[intents[0]]));
        if (rng.chance(0.4)) this.buyer(this.buyerText(B.BUYER_CLOSINGS, 'none'));
        return;
      }
      if (fail) {
        const miss = B.BOT_MISSES.filter((t) => !B.BOT_ANSWERS[intents[0]].includes(t));
        this.bot(rng.pick(miss));
        const how = rng.int(0, 2);
        if (how === 0) {
          this.buyer(this.buyerText(B.BUYER_ASK_HUMAN, 'none'), TAG.ASK_HUMAN);
          this.bot(rng.pick(B.BOT_TRANSFER));
        } else if (how === 1) {
          this.buyer(this.buyerText(B.BUYER_BOT_MISSED, 'plain'), TAG.BOT_MISSED);
        } else {
          // Repeats the question, as typed again (exactly or with more question marks).
          const again = rng.chance(0.5) ? q0 : q0.replace(/[？?]+$/, '') + rng.pick(['？？', '???', '？']);
          this.buyer(again);
        }
      } else {
        this.bot(rng.pick(B.BOT_ANSWERS[intents[0]]));
        if (rng.chance(0.15)) {
          // The bot was enough.
          this.buyer(this.buyerText(B.BUYER_CLOSINGS, 'none'));
          return;
        }
        if (rng.chance(0.5)) {
          intents.shift();
          if (intents.length === 0) intents.push(this.pickIntent() === 'taste' ? 'coupon' : 'taste');
          this.buyer(this.buyerText(B.BUYER_QUESTIONS[intents[0]]));
        }
      }
    }

    // The human agent.
    this.greet(A.GREETINGS);
    if (this.plan.repeated && rng.chance(0.5)) this.repeatedBurst();
    this.answer(intents[0]);
    for (let i = 1; i < intents.length; i++) {
      if (rng.chance(0.25)) this.buyer(this.buyerText(B.BUYER_ACKS, 'none'));
      this.buyer(this.buyerText(B.BUYER_QUESTIONS[intents[i]]));
      if (i === 1 && rng.chance(0.03)) {
        this.transfer(['vip', 'lead'], A.GREETINGS);
      }
      this.answer(intents[i]);
    }
    if (this.plan.repeated) this.repeatedBurst();
    if (this.plan.rude || this.plan.profanity) {
      const intent = this.pickIntent();
      this.buyer(this.buyerText(B.BUYER_QUESTIONS[intent]));
      this.answer(intent);
    }
    if (this.plan.adlaw) this.say(this.agentText(D.ADLAW), TAG.ADLAW);
    if (this.plan.offPlatform) this.say(this.agentText(D.OFF_PLATFORM, false), TAG.OFF_PLATFORM);
    if (rng.chance(0.04)) this.buyer(this.buyerText(B.BUYER_CALM_EXTRA, 'plain'));
    if (rng.chance(0.04)) this.sayPool(A.AGENT_ORDER_NUMBER);

    if (this.plan.unanswered) {
      // The buyer's last question is left hanging.
      this.buyer(this.buyerText(B.BUYER_QUESTIONS[this.pickIntent()]));
      if (rng.chance(0.4)) this.buyer(this.buyerText(B.BUYER_NUDGE, 'none'));
      if (rng.chance(0.3)) this.orderLater(false);
      return;
    }
    this.decide();
  }

  /** The buyer buys or leaves; orders and payment reminders follow. */
  private decide(): void {
    const rng = this.rng;
    const close = Math.min(0.97, this.agent.closeRate + (this.opt.promo ? 0.06 : 0));
    if (!rng.chance(close)) {
      this.buyer(this.buyerText(B.BUYER_LEAVE, 'plain'));
      this.sayPool(A.AGENT_CLOSINGS_LEAVE);
      if (rng.chance(0.4)) this.buyer(this.buyerText(B.BUYER_CLOSINGS, 'none'));
      if (rng.chance(0.1)) this.orderLater(true);
      return;
    }
    if (rng.chance(0.06)) {
      // Orders tomorrow, without chatting again (credited to this agent).
      this.buyer(this.buyerText(['明天再拍', '我晚点下单', '明天发工资了拍'], 'plain'));
      this.sayPool(A.AGENT_CLOSINGS);
      this.orderLater(true);
      return;
    }
    const payNow = rng.chance(this.opt.promo ? 0.9 : 0.86);
    if (payNow) {
      const created = this.now + rng.int(15, 120) * SEC;
      this.placeOrder(created, created + rng.int(10, 400) * SEC);
      this.now = created;
      if (rng.chance(0.5)) this.buyer(`[订单] ${this.orderForSlots?.orderId}`, 0, 'order', true);
      this.buyer(this.buyerText(B.BUYER_BUY, 'plain'));
      this.sayPool(A.AGENT_ORDER_ACK);
      if (rng.chance(0.5)) this.buyer(this.buyerText(B.BUYER_CLOSINGS, 'none'));
      if (rng.chance(0.5)) this.sayPool(A.AGENT_CLOSINGS);
      return;
    }
    // Placed but not paid: the buyer announces it, the agent acknowledges, the order comes in unpaid.
    this.buyer(this.buyerText(B.BUYER_BUY, 'plain'));
    this.sayPool(this.plan.missReminder ? A.AGENT_CLOSINGS : BUY_ACK);
    const created = this.now + rng.int(30, 240) * SEC;
    if (this.plan.missReminder) {
      const paid = rng.chance(0.3) ? created + rng.int(40, 600) * MIN : null;
      this.placeOrder(created, paid);
      this.now = created;
      return;
    }
    const reminderAt = created + Math.round(rng.logNormal(8 + 15 * (1 - this.agent.skill), 0.5) * MIN);
    const pays = rng.chance(0.62);
    const paid = pays ? reminderAt + rng.int(1, 40) * MIN : null;
    this.placeOrder(created, paid);
    this.now = Math.max(reminderAt - 10 * SEC, created + 5 * SEC);
    this.runStart = -1;
    this.sayPool(A.AGENT_REMINDERS);
    if (paid !== null && rng.chance(0.6)) {
      this.now = Math.max(this.now, paid - 20 * SEC);
      this.buyer(this.buyerText(B.BUYER_PAID, 'plain'), 0, 'text', true);
      this.sayPool(A.AGENT_ORDER_ACK);
    }
  }

  /** An order placed later without more chat (today or tomorrow). */
  private orderLater(tomorrowPossible: boolean): void {
    const rng = this.rng;
    const created =
      this.now + (tomorrowPossible && rng.chance(0.6) ? rng.int(10, 22) * HOUR : rng.int(20, 300) * MIN);
    const paid = rng.chance(0.85) ? created + rng.int(20, 600) * SEC : null;
    this.placeOrder(created, paid);
  }

  private placeOrder(createdAt: number, paidAt: number | null): Order {
    const rng = this.rng;
    const lines: string[] = [];
    let total = 0;
    const spec = this.product.specs[this.specIdx];
    let qty = rng.weighted([6, 3, 1]) + 1;
    while (qty > 1 && spec.priceFen * qty > 45000) qty--;
    lines.push(`${this.product.name} ${spec.spec}×${qty}`);
    total += spec.priceFen * qty;
    if (rng.chance(0.3)) {
      const s2 = this.product2.specs[0];
      if (total + s2.priceFen <= 49900) {
        lines.push(`${this.product2.name} ${s2.spec}×1`);
        total += s2.priceFen;
      }
    }
    if (total >= 9900 && rng.chance(0.5)) total -= rng.pick([500, 1000, 1500, 2000]);
    total = Math.min(49900, Math.max(1990, total));
    const order: Order = {
      shop: this.world.shop,
      orderId: newOrderId(this.world),
      buyer: this.buyerNick,
      createdAt,
      paidAt,
      amountFen: total,
      status: orderStatus(this.world, createdAt, paidAt),
      items: lines.join('; '),
    };
    this.out.orders.push(order);
    this.orderForSlots = order;
    if (paidAt !== null) rememberPaid(this.world, order);
    return order;
  }

  private transfer(roles: readonly string[], greetings: readonly string[]): void {
    const rng = this.rng;
    const to = this.staff.pick(roles, this.now);
    if (!to || to === this.agent) return;
    this.sayPool(A.AGENT_TRANSFER);
    const from = this.agent;
    this.system(
      `${from.nick} 将会话转交给 ${to.nick}${rng.chance(0.5) ? '，转交原因：专人跟进' : ''}`,
      'transfer',
    );
    this.switchAgent(to);
    this.plan = this.makePlan(to, to.role !== 'presale' && to.role !== 'vip');
    this.now += rng.int(5, 25) * SEC;
    this.greet(greetings);
  }

  // ------------------------------------------------------------------ after-sales

  private aftersale(): void {
    const rng = this.rng;
    const opt = this.opt;
    const kind = opt.kind;
    const roles =
      kind === 'late'
        ? ['logistics', 'aftersale']
        : kind === 'other_refund'
          ? ['refund', 'aftersale']
          : ['aftersale'];
    const wrongQueue = rng.chance(0.12);
    const first =
      (wrongQueue ? this.staff.pick(['presale'], opt.start) : null) ??
      this.staff.pick(roles, opt.start) ??
      this.staff.pick(['aftersale', 'presale'], opt.start) ??
      this.staff.anyPresale();
    this.switchAgent(first);
    this.plan = this.makePlan(first, true);
    const humans = opt.humansAvailable && this.staff.pick(['presale', 'aftersale'], opt.start) !== null;

    // The order this is about.
    const past = pastOrder(this.world, opt.start);
    if (past) this.buyerNick = past.buyer;
    const order = past ?? this.historicalOrder();
    this.orderForSlots = order;
    const angryP = { missing: 0.2, damage: 0.3, mold: 0.45, late: 0.3 } as Record<string, number>;
    const angry = rng.chance(angryP[kind] ?? 0);

    if (rng.chance(0.35)) this.buyer(this.buyerText(B.BUYER_OPENERS, 'none'));
    if (rng.chance(0.4)) this.buyer(`[订单] ${order.orderId}`, 0, 'order', true);
    let claimTags = 0;
    let text: string;
    switch (kind) {
      case 'missing':
        text = this.buyerText(angry ? B.BUYER_CLAIM_ANGRY : B.BUYER_CLAIM_CALM, angry ? 'none' : 'plain');
        claimTags = TAG.CLAIM_MISSING | (angry ? TAG.NEGATIVE : 0);
        break;
      case 'damage':
        text = this.buyerText(angry ? B.BUYER_DAMAGE_ANGRY : B.BUYER_DAMAGE_CALM, angry ? 'none' : 'plain');
        break;
      case 'mold':
        text = this.buyerText(angry ? B.BUYER_MOLD_ANGRY : B.BUYER_MOLD_CALM, angry ? 'none' : 'plain');
        break;
      case 'late':
        text = this.buyerText(angry ? B.BUYER_LATE_ANGRY : B.BUYER_LATE_CALM, angry ? 'none' : 'plain');
        break;
      case 'other_refund':
        text = this.buyerText(B.BUYER_OTHER_REFUND, 'plain');
        break;
      case 'exchange':
        text = this.buyerText(B.BUYER_EXCHANGE, 'plain');
        break;
      default:
        text = this.buyerText(B.BUYER_INVOICE_AFTER, 'plain');
    }
    if (kind !== 'missing' && angry) claimTags = TAG.NEGATIVE;
    this.buyer(text, claimTags, 'text', true);
    if (angry && rng.chance(0.4)) this.buyer(this.buyerText(B.BUYER_ANGRY_FOLLOW, 'none'), TAG.NEGATIVE);

    if (!humans) {
      this.bot(rng.pick(B.BOT_NIGHT));
      return;
    }
    if (rng.chance(0.35)) {
      this.bot(
        rng.pick(['亲，退换货请在订单详情页点击申请售后', '亲，您的问题已记录，正在为您转接售后客服']),
      );
    }

    if (wrongQueue && first.role === 'presale') {
      this.greet(A.GREETINGS);
      this.transfer(roles, A.GREETINGS_AFTERSALE);
    } else {
      this.greet(A.GREETINGS_AFTERSALE);
    }
    if (angry) {
      if (this.plan.noEmpathy) this.sayPool(D.NO_EMPATHY);
      else this.sayPool(A.AGENT_EMPATHY);
      if (rng.chance(0.1) && this.agent.role !== 'lead') this.transfer(['lead'], A.GREETINGS_AFTERSALE);
    }
    if (this.plan.repeated) this.repeatedBurst();
    if (this.plan.rude && rng.chance(0.7)) {
      this.plan.rude = false;
      const rudeText = this.agentText(
        kind === 'late'
          ? ['跟我说没用，找快递去', '自己去查物流', '急什么，等着', '催什么催', '等着吧']
          : D.RUDE,
        false,
      );
      this.say(rudeText, TAG.RUDE, this.laterSlow());
      if (rng.chance(0.5))
        this.buyer(this.buyerText(['什么态度', '这什么服务，投诉你', '你这是什么话'], 'none'), TAG.NEGATIVE);
    }
    if (this.plan.profanity && rng.chance(0.5)) {
      this.plan.profanity = false;
      this.say(this.agentText(D.PROFANITY, false), TAG.PROFANITY);
      this.buyer(
        this.buyerText(['你怎么骂人？我要投诉你', '还骂人？差评！', '什么素质，12315投诉你'], 'none'),
        TAG.NEGATIVE,
      );
    }

    switch (kind) {
      case 'missing':
        this.missingFlow(order);
        break;
      case 'damage':
      case 'mold':
        this.sayPool(A.AGENT_VERIFY, 0, this.laterSlow());
        this.buyer(rng.pick(B.BUYER_EVIDENCE), 0, 'image');
        if (kind === 'damage') {
          this.sayPool(A.AGENT_DAMAGE);
          if (rng.chance(0.4)) this.refund(order, '商品破损', true);
        } else {
          this.sayPool(['看到了，这个情况给您全额退款', '图片收到了，确实有问题，给您退款处理']);
          this.refund(order, '质量问题', true);
        }
        break;
      case 'late':
        this.sayPool(A.AGENT_LOGISTICS, 0, this.laterSlow());
        if (rng.chance(0.5)) {
          this.buyer(this.buyerText(['大概什么时候能到', '能不能催一下', '那我再等等吧', '要是丢了怎么办']));
          this.sayPool(A.AGENT_LOGISTICS);
        }
        break;
      case 'other_refund':
        this.sayPool(A.AGENT_OTHER_REFUND, 0, this.laterSlow());
        this.buyer(this.buyerText(['好的，已经申请了', '申请了，麻烦同意一下'], 'plain'));
        this.refund(order, rng.pick(['不想要了', '拍错了', '地址填错']), true);
        break;
      case 'exchange':
        this.sayPool(A.AGENT_EXCHANGE, 0, this.laterSlow());
        break;
      default:
        this.sayPool(A.AGENT_INVOICE_AFTER, 0, this.laterSlow());
    }
    if (this.plan.offPlatform && rng.chance(0.5))
      this.say(this.agentText(D.OFF_PLATFORM, false), TAG.OFF_PLATFORM);
    if (this.plan.unanswered) {
      this.buyer(
        this.buyerText(['那到底什么时候处理好', '还要等多久', '钱什么时候到账', '补发的单号呢', '然后呢']),
      );
      if (rng.chance(0.3)) this.buyer(this.buyerText(B.BUYER_NUDGE, 'none'));
      return;
    }
    this.buyer(this.buyerText(B.BUYER_AFTER_OK, 'none'));
    if (rng.chance(0.8)) this.sayPool(A.AGENT_CLOSINGS);
  }

  private missingFlow(order: Order): void {
    const rng = this.rng;
    if (this.plan.noVerify) {
      if (rng.chance(0.5) && !(this.plan.noEmpathy && this.negativeSeen)) {
        this.sayPool(['不好意思亲', '抱歉亲', '不好意思，给您添麻烦了']);
      }
      this.refund(order, '少件/漏发', true);
      return;
    }
    this.sayPool(A.AGENT_VERIFY, 0, this.laterSlow());
    if (rng.chance(0.3)) this.buyer(this.buyerText(['好的稍等', '我拍一下', '等下，我找找面单'], 'plain'));
    this.buyer(rng.pick(B.BUYER_EVIDENCE), 0, 'image');
    if (rng.chance(0.5)) this.buyer(rng.pick(B.BUYER_EVIDENCE), 0, 'image', true);
    this.sayPool(A.AGENT_VERIFIED);
    if (rng.chance(0.55)) this.refund(order, '少件/漏发', true);
    else this.sayPool(A.AGENT_RESHIP);
  }

  private refund(order: Order, reason: string, confirm: boolean): void {
    const rng = this.rng;
    const share = rng.int(1, 3);
    const amountFen =
      share === 1 ? order.amountFen : Math.max(990, Math.round(order.amountFen / share / 100) * 100);
    const amt = yuan(amountFen);
    if (confirm) {
      const t = rng.pick(A.AGENT_REFUND_CONFIRM).replace('{amt}', amt);
      this.say(this.agentText([t]), TAG.REFUND_CONFIRM);
    }
    this.out.refunds.push({
      shop: this.world.shop,
      refundId: newRefundId(this.world),
      orderId: order.orderId,
      buyer: order.buyer,
      agent: this.agent.nick,
      createdAt: this.now,
      amountFen,
      reason,
      status: rng.chance(0.93) ? '退款成功' : '退款关闭',
    });
  }

  private historicalOrder(): Order {
    const rng = this.rng;
    const createdAt = Math.min(
      this.opt.start - rng.int(2, 9) * 24 * HOUR,
      this.world.startMs - rng.int(1, 5) * HOUR,
    );
    const spec = this.product.specs[this.specIdx];
    const qty = rng.int(1, 3);
    const amountFen = Math.min(49900, Math.max(1990, spec.priceFen * qty));
    const paidAt = createdAt + rng.int(30, 600) * SEC;
    const order: Order = {
      shop: this.world.shop,
      orderId: newOrderId(this.world),
      buyer: this.buyerNick,
      createdAt,
      paidAt,
      amountFen,
      status: orderStatus(this.world, createdAt, paidAt),
      items: `${this.product.name} ${spec.spec}×${qty}`,
    };
    this.out.orders.push(order);
    return order;
  }
}

function dayFloor(ms: number): number {
  // Asia/Shanghai has no daylight saving: local midnight is at UTC 16:00 the day before.
  const offset = 8 * HOUR;
  return Math.floor((ms + offset) / (24 * HOUR)) * 24 * HOUR - offset;
}

function newOrderIdLike(rng: Rng): string {
  return `${rng.int(1, 4)}${rng.digits(18)}`;
}

function trackingNumber(rng: Rng, exp: string): string {
  switch (exp) {
    case '顺丰':
      return `SF${rng.int(1, 9)}${rng.digits(12)}`;
    case '中通':
      return `7${rng.digits(13)}`;
    case '圆通':
      return `YT${rng.int(1, 9)}${rng.digits(12)}`;
    case '韵达':
      return `43${rng.digits(11)}`;
    case '极兔':
      return `JT${rng.digits(13)}`;
    default:
      return `9${rng.digits(12)}`;
  }
}

function phoneNumber(rng: Rng): string {
  const head = rng.pick(['138', '139', '137', '136', '135', '150', '151', '158', '186', '188', '177', '199']);
  const rest = rng.digits(8);
  const style = rng.int(0, 2);
  if (style === 0) return head + rest;
  if (style === 1) return `${head} ${rest.slice(0, 4)} ${rest.slice(4)}`;
  return `${head}-${rest.slice(0, 4)}-${rest.slice(4)}`;
}

function rememberPaid(world: WorldState, order: Order): void {
  const cap = 4096;
  if (world.paidOrders.length < cap) world.paidOrders.push(order);
  else world.paidOrders[world.paidOrdersNext] = order;
  world.paidOrdersNext = (world.paidOrdersNext + 1) % cap;
}

/** A paid order of some earlier day to talk about after sales; the buyer is the order's buyer. */
function pastOrder(world: WorldState, before: number): Order | null {
  const list = world.paidOrders;
  if (list.length === 0) return null;
  for (let attempt = 0; attempt < 4; attempt++) {
    const o = list[Math.floor(world.rng.next() * list.length)];
    if (o.paidAt !== null && before - o.createdAt > 36 * HOUR) return o;
  }
  return null;
}
