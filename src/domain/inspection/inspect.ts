// Inspecting one session: scan each message once with the compiled automaton, run the message-level rules
// the index says can apply, then the session-level rules (timing, sequences, joins, repetition).
// Pure: the session in, findings out.

import type { Sender } from '../types.js';
import type { AcSink } from './aho-corasick.js';
import type { AnyDispatch, CNode, CompiledRule, CompiledRulebook, KeywordNode } from './compile.js';
import { type SentimentHit, scoreNegativity } from './negativity.js';
import { isAsciiLetter, NORMALIZE_TABLE, normalizeText } from './normalize.js';
import { outsideQuotes, quotedRanges } from './quotes.js';
import { ASCII_LEFT, ASCII_RIGHT, KEEPS_SPANS, SENTIMENT, type ScanPlan } from './scan-plan.js';
import { type ResponseRun, walkResponseRuns } from './response-runs.js';
import type { Evidence, Finding, InspectionMessage, InspectionSession, Span } from './types.js';

/**
 * A message after scanning: its normalised text, the groups present in it and, on first need, its phrase hits by
 * group. The scan only logs the hits (see HitLog); most messages are never asked for spans (the presence bits
 * rule them out first), and making a map of spans for each of them was a third of the engine's garbage.
 */
export class ScannedMessage {
  /** Spans of the phrase groups that hit, built from the hit log on first use. */
  private spansByGroup: Map<number, Span[]> | null = null;
  /** Quoted stretches of `norm`, found on first need. */
  quoted?: Span[];

  constructor(
    readonly index: number,
    readonly message: InspectionMessage,
    /** The message's text as it is ('' for none): the scan reads it through the normaliser's table. */
    private readonly text: string,
    private readonly log: HitLog,
    private readonly generation: number,
    /** This message's entries in the log: phrase hits [hitFrom, hitTo), present groups [presentFrom, presentTo). */
    private readonly hitFrom: number,
    private readonly hitTo: number,
    readonly presentFrom: number,
    readonly presentTo: number,
    readonly sentiment: SentimentHit[] | null,
  ) {}

  private normalized: string | null = null;

  /**
   * The normalised text (see normalize.ts), made on first need: the automaton normalises as it scans, and most
   * messages are never read again (making it for each was a twelfth of the engine's pass).
   */
  get norm(): string {
    this.normalized ??= normalizeText(this.text);
    return this.normalized;
  }

  /** Spans of the phrase groups that hit (regex trigger and presence-only groups have none here). */
  get groups(): ReadonlyMap<number, Span[]> {
    if (this.spansByGroup) return this.spansByGroup;
    if (this.hitFrom === this.hitTo) {
      this.spansByGroup = NO_GROUPS;
      return NO_GROUPS;
    }
    // The log is reused by the next session: a message must not be read once its session is done.
    if (this.log.generation !== this.generation) throw new Error('scanned message read after its session');
    const groups = new Map<number, Span[]>();
    const { hits, patternGroups } = this.log;
    for (let h = this.hitFrom; h < this.hitTo; h += 3) {
      // One span for every group the phrase belongs to: spans are never changed once made.
      const span: Span = { start: hits[h + 1], end: hits[h + 2] };
      const gs = patternGroups[hits[h]];
      for (let i = 0; i < gs.length; i++) {
        const list = groups.get(gs[i]);
        if (list) list.push(span);
        else groups.set(gs[i], [span]);
      }
    }
    this.spansByGroup = groups;
    return groups;
  }
}

/**
 * The session's phrase hits (pattern, start, end) in one typed array shared by every session this thread inspects
 * and grown as needed (a session is inspected synchronously, start to end).
 */
class HitLog {
  hits: Int32Array = new Int32Array(1 << 14);
  hitCount = 0;
  /** The groups present in each message, in the order they first hit it. */
  present: Int32Array = new Int32Array(1 << 12);
  presentCount = 0;
  /** Bumped per session, so a message kept past its session is caught rather than read wrong. */
  generation = 0;
  patternGroups: number[][] = [];

  reset(patternGroups: number[][]): void {
    this.hitCount = 0;
    this.presentCount = 0;
    this.generation++;
    this.patternGroups = patternGroups;
  }

  add(p: number, start: number, end: number): void {
    if (this.hitCount + 3 > this.hits.length) this.hits = grown(this.hits, this.hitCount + 3);
    const h = this.hits;
    h[this.hitCount] = p;
    h[this.hitCount + 1] = start;
    h[this.hitCount + 2] = end;
    this.hitCount += 3;
  }

  /** Sets `bits` in presence[at], listing the groups whose bits were not set yet. */
  mark(presence: Int32Array, at: number, word: number, bits: number): void {
    const old = presence[at];
    let fresh = bits & ~old;
    if (fresh === 0) return; // most hits: a group the message has shown already
    presence[at] = old | fresh;
    for (; fresh !== 0; fresh &= fresh - 1) {
      if (this.presentCount === this.present.length)
        this.present = grown(this.present, this.presentCount + 1);
      this.present[this.presentCount++] = (word << 5) | (31 - Math.clz32(fresh & -fresh));
    }
  }
}

function grown(a: Int32Array, needed: number): Int32Array {
  let size = a.length * 2;
  while (size < needed) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

const hitLog = new HitLog();

/**
 * The session's group-presence bitset: `groupWords` words per message, message i at i × groupWords. One
 * typed array per session instead of a set per message; a node's triggers test against it with a few ANDs.
 */
type Presence = Int32Array;

interface SessionHit {
  indexes: Set<number>;
  /** Messages listed in the finding without evidence of their own (the buyer message a late reply answers). */
  context: Set<number>;
  evidence: Array<{ index: number; start: number; end: number }>;
  details: string[];
}

type MsgResult = Span[] | null;

/** The groups of a message without phrase spans (most buyer messages): shared, never written. */
const NO_GROUPS = new Map<number, Span[]>();

const CLAUSE_BREAK = /[。！？!?，,；;\n\r~～…]/;
/** The clause breaks of a keyword's negated_by with spaces_break: typed chat often uses a space as a comma. */
const CLAUSE_OR_SPACE_BREAK = /[。！？!?，,；;~～…\s]/;
/** Spaces, punctuation, symbols and 语气词 (incl. netspeak 捏/哟 and dialect 嘞/噻/撒): they do not change a closing. */
const CLOSING_PARTICLE = /[\s\p{P}\p{S}啊呀哦噢呢啦吧哈嘛了的滴哒呗嗷喔捏哟咯嘞噻哇呐撒]/u;
/** 语气词 ending a question (福袋啥时候发啊 asks what 福袋啥时候发 asked). */
const TRAILING_PARTICLES = /[啊呀呢吧哦嘛啦呗哈捏吗么]+$/;
/** An A-not-A question (能不能, 会不会, 有没有, 可不可以) asks what A…吗 asks. */
const A_NOT_A = /(\p{Script=Han})[不没]\1/gu;
/** Taobao / Qianniu emoticon codes ([玫瑰], [爱心], [微笑]): emoji written out. */
const EMOTICON_CODE = /\[[\p{L}]{1,4}\]/gu;
/** Bracketed codes that exports write for what was sent, not for an emoticon. */
const PLACEHOLDER_CODES = new Set(
  ['图片', '视频', '照片', '文件', '链接', '语音', '商品', '订单', '卡片', '位置', '动画表情', '表情'].map(
    (w) => `[${w}]`,
  ),
);
/** An anonymised value, as in the JDDC corpus: [订单x], [数字x], [金额x]. */
const ANONYMISED_CODE = /^\[\p{Script=Han}+x\]$/u;

function isPlaceholder(code: string): boolean {
  return PLACEHOLDER_CODES.has(code) || ANONYMISED_CODE.test(code);
}
const COMPACT_STRIP = /[\s\p{P}\p{S}]/u;
/**
 * The invisible parts of an emoji: variation selectors (a red heart is U+2764 + U+FE0F), zero-width joiners and
 * spaces, the keycap mark. Not symbols by category, so they are listed: 好的 + heart is a closing, and …很好 with a
 * heart repeats …很好.
 */
function isEmojiPart(c: number): boolean {
  return (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x200b && c <= 0x200d) || c === 0x20e3;
}
/** A phone, tracking or order number handed over: something for the agent to act on. */
const LONG_NUMBER = /[0-9]{5}/;

/**
 * Scans messages with the automaton, marking each message's groups in the session's presence bitset and logging
 * its phrase hits. One per session, reused for every message: its `hit` is the automaton's sink, so no closure is
 * made per message.
 */
class MessageScanner implements AcSink {
  private readonly groupWords: number;
  private readonly plan: ScanPlan;
  private base = 0;
  private text = '';
  private sentiment: SentimentHit[] | null = null;

  constructor(
    private readonly compiled: CompiledRulebook,
    private readonly presence: Presence,
    private readonly log: HitLog,
  ) {
    this.groupWords = compiled.groupWords;
    this.plan = compiled.scanPlan;
  }

  scan(message: InspectionMessage, index: number): ScannedMessage {
    const text = message.text ?? '';
    const log = this.log;
    this.base = index * this.groupWords;
    this.text = text;
    this.sentiment = null;
    const hitFrom = log.hitCount;
    const presentFrom = log.presentCount;
    this.compiled.automaton.scan(text, this);
    return new ScannedMessage(
      index,
      message,
      text,
      log,
      log.generation,
      hitFrom,
      log.hitCount,
      presentFrom,
      log.presentCount,
      this.sentiment,
    );
  }

  hit(p: number, start: number, end: number): void {
    const { triggerStart, boundedStart, marks, flags } = this.plan;
    const presence = this.presence;
    const base = this.base;
    const log = this.log;
    let k = triggerStart[p];
    const mid = boundedStart[p];
    for (; k < mid; k += 2) log.mark(presence, base + marks[k], marks[k], marks[k + 1]);
    const f = flags[p];
    if (f & (ASCII_LEFT | ASCII_RIGHT)) {
      // On the text as it is, read through the normaliser (a full-width Ａ is a letter too).
      const text = this.text;
      if (f & ASCII_LEFT && start > 0 && isAsciiLetter(NORMALIZE_TABLE[text.charCodeAt(start - 1)])) return;
      if (f & ASCII_RIGHT && end < text.length && isAsciiLetter(NORMALIZE_TABLE[text.charCodeAt(end)]))
        return;
    }
    const last = triggerStart[p + 1];
    for (; k < last; k += 2) log.mark(presence, base + marks[k], marks[k], marks[k + 1]);
    if (f & KEEPS_SPANS) log.add(p, start, end);
    if (f & SENTIMENT) {
      this.sentiment ??= [];
      for (const m of this.compiled.patternSentiment[p]!)
        this.sentiment.push({ kind: m.kind, weight: m.weight, start, end });
    }
  }
}

/**
 * One presence bitset for every session this thread inspects, grown as needed and cleared per session: a
 * new typed array per session cost an eighth of the engine's per-session work (typed arrays are slow to
 * allocate). Safe because a session is inspected synchronously, start to end, before the next begins.
 */
let sharedPresence = new Int32Array(1 << 14);

function clearedPresence(words: number): Presence {
  if (words > sharedPresence.length) {
    let size = sharedPresence.length;
    while (size < words) size *= 2;
    sharedPresence = new Int32Array(size);
  } else sharedPresence.fill(0, 0, words);
  return sharedPresence;
}

class SessionContext {
  readonly scanned: ScannedMessage[];
  private readonly presence: Presence;
  private readonly groupWords: number;
  /** Per memo slot (CNode.memoSlot), per message index: the node's result (undefined until computed). */
  private readonly memo: Array<MsgResult[] | undefined>;
  private runsCache: ResponseRun[] | null = null;
  /** Per message index: its length without spaces and punctuation, and its question key (repeats_previous). */
  private questions: Array<{ said: number; key: string } | undefined> | null = null;

  constructor(
    readonly compiled: CompiledRulebook,
    readonly session: InspectionSession,
  ) {
    this.groupWords = compiled.groupWords;
    this.presence = clearedPresence(session.messages.length * compiled.groupWords);
    hitLog.reset(compiled.patternGroups);
    const scanner = new MessageScanner(compiled, this.presence, hitLog);
    this.scanned = session.messages.map((m, i) => scanner.scan(m, i));
    this.memo = new Array(compiled.memoSlots);
  }

  get runs(): ResponseRun[] {
    if (!this.runsCache) this.runsCache = walkResponseRuns(this.session.messages);
    return this.runsCache;
  }

  /** The node's result on one message, within the node's scope (memoised). */
  msgResult(node: CNode, index: number): MsgResult {
    const m = this.scanned[index];
    // Most calls end here, before the memo: the message is out of scope or lacks every trigger phrase.
    if (!node.scope.has(m.message.from) || !this.mayMatch(node, m)) return null;
    const slot = node.memoSlot;
    if (slot < 0) return this.evalMsg(node, m); // a sub-condition: judged where it stands (see memoSlot)
    let table = this.memo[slot];
    if (!table) {
      table = new Array(this.scanned.length);
      this.memo[slot] = table;
    }
    const cached = table[index];
    if (cached !== undefined) return cached;
    const r = this.evalMsg(node, m);
    table[index] = r;
    return r;
  }

  private mayMatch(node: CNode, m: ScannedMessage): boolean {
    const bits = node.triggerBits;
    if (!bits) return true;
    const presence = this.presence;
    const base = m.index * this.groupWords;
    for (let i = 0; i < bits.length; i += 2) if (presence[base + bits[i]] & bits[i + 1]) return true;
    return false;
  }

  /** A sub-condition: skipped at once when the message lacks every phrase it needs (its triggers). */
  private evalKid(node: CNode, m: ScannedMessage): MsgResult {
    return this.mayMatch(node, m) ? this.evalMsg(node, m) : null;
  }

  evalMsg(node: CNode, m: ScannedMessage): MsgResult {
    switch (node.t) {
      case 'all': {
        // Results are never changed once returned, so a kid's spans are shared until a second kid adds some.
        let out: Span[] = NO_SPANS;
        for (const k of node.kids) {
          const r = this.evalKid(k, m);
          if (!r) return null;
          if (r.length > 0) out = out.length > 0 ? out.concat(r) : r;
        }
        return out;
      }
      case 'any': {
        if (node.dispatch) return this.evalAnyDispatched(node.kids, node.dispatch, m);
        let out: Span[] | null = null;
        for (const k of node.kids) {
          const r = this.evalKid(k, m);
          if (r) out = out ? out.concat(r) : r; // results are never changed once made: shared, not copied
        }
        return out;
      }
      case 'not':
        return this.evalKid(node.kid, m) ? null : NO_SPANS;
      case 'nearby':
        return this.nearby(node, m) ? NO_SPANS : null;
      case 'keyword': {
        const r = evalKeyword(node, m);
        return r && node.ignoreQuoted ? unquoted(r, m) : r;
      }
      case 'regex': {
        let out: Span[] | null = null; // most tries find nothing: no list made for them
        node.re.lastIndex = 0;
        for (let x = node.re.exec(m.norm); x; x = node.re.exec(m.norm)) {
          if (x[0].length === 0) {
            node.re.lastIndex++;
            continue;
          }
          out ??= [];
          out.push({ start: x.index, end: x.index + x[0].length });
        }
        if (!out) return null;
        return node.ignoreQuoted ? unquoted(out, m) : out;
      }
      case 'negativity': {
        if (!m.sentiment) return null;
        const hits = node.exclude.length ? withoutExcluded(m.sentiment, node.exclude, m) : m.sentiment;
        const r = scoreNegativity(m.norm, hits, this.compiled.sentimentLookback);
        return r.score >= node.threshold ? r.spans : null;
      }
      case 'from':
        return node.senders.has(m.message.from) ? NO_SPANS : null;
      case 'kind':
        return node.kinds.has(m.message.kind) ? NO_SPANS : null;
      case 'position': {
        const from = m.message.from;
        const msgs = this.session.messages;
        if (node.which === 'first') {
          for (let i = 0; i < m.index; i++) if (msgs[i].from === from) return null;
        } else {
          for (let i = m.index + 1; i < msgs.length; i++) if (msgs[i].from === from) return null;
        }
        return NO_SPANS;
      }
      case 'min_length':
        return m.norm.trim().length >= node.chars ? NO_SPANS : null;
      case 'repeats_previous':
        return this.repeatsPrevious(m, node.minChars, node.minSimilarity);
      case 'rule':
        return node.target ? this.msgResult(node.target.root, m.index) : null;
      default:
        throw new Error(`operator ${node.t} is not message-level`);
    }
  }

  /** A wide `any`: only the kids a present group can trigger (and those without triggers), in kid order. */
  private evalAnyDispatched(kids: CNode[], dispatch: AnyDispatch, m: ScannedMessage): MsgResult {
    // A handful of kids at most: kept in order by insertion, each once (a kid two present groups can
    // trigger). Array.prototype.sort here allocated a work copy per call: a tenth of the engine's garbage.
    const chosen: number[] = [];
    const present = hitLog.present;
    for (let p = m.presentFrom; p < m.presentTo; p++) {
      const list = dispatch.byGroup[present[p]];
      for (let i = 0; i < list.length; i++) insertOnce(chosen, list[i]);
    }
    for (let i = 0; i < dispatch.always.length; i++) insertOnce(chosen, dispatch.always[i]);
    let out: Span[] | null = null;
    for (let i = 0; i < chosen.length; i++) {
      const r = this.evalMsg(kids[chosen[i]], m);
      if (r) out = out ? out.concat(r) : r; // results are never changed once made: shared, not copied
    }
    return out;
  }

  private repeatsPrevious(m: ScannedMessage, minChars: number, minSimilarity: number): MsgResult {
    // Lengths count as the texts were said (包邮吗 is 3 characters), comparisons go by the question's key (包邮).
    const cur = this.questionOf(m);
    if (cur.said < minChars) return null;
    for (let i = m.index - 1; i >= 0; i--) {
      const prev = this.scanned[i];
      if (prev.message.from !== m.message.from) continue;
      const p = this.questionOf(prev);
      if (p.said < minChars) continue;
      if (cur.key === p.key) return NO_SPANS;
      // One inside the other only when the shorter still has min_chars once its 吗 is gone: 包邮 (from 包邮吗) is
      // not asked again by 我在广西 那就是包邮的对吧.
      const shorter = Math.min(cur.key.length, p.key.length);
      if (shorter >= minChars && (cur.key.includes(p.key) || p.key.includes(cur.key))) return NO_SPANS;
      if (dice(cur.key, p.key) >= minSimilarity) return NO_SPANS;
    }
    return null;
  }

  /** The kid holds on a neighbour in this sender's run (see the `nearby` operator); neighbours give no spans. */
  private nearby(node: CNode & { t: 'nearby' }, m: ScannedMessage): boolean {
    const from = m.message.from;
    for (let i = m.index - 1; i >= 0 && i >= m.index - node.before; i--) {
      const other = this.scanned[i];
      if (other.message.from !== from) break;
      if (this.evalKid(node.kid, other)) return true;
    }
    for (let i = m.index + 1; i < this.scanned.length && i <= m.index + node.after; i++) {
      const other = this.scanned[i];
      if (other.message.from !== from) break;
      if (this.evalKid(node.kid, other)) return true;
    }
    return false;
  }

  /** A message as a question (see questionKey), worked out once per message and session. */
  private questionOf(m: ScannedMessage): { said: number; key: string } {
    this.questions ??= new Array(this.scanned.length);
    let q = this.questions[m.index];
    if (!q) {
      const said = spokenText(m.norm);
      q = { said: said.length, key: questionKey(said) };
      this.questions[m.index] = q;
    }
    return q;
  }

  /** A node judged over the whole session. */
  evalSession(node: CNode): SessionHit | null {
    if (node.msg) {
      let hit: SessionHit | null = null;
      for (let i = 0; i < this.scanned.length; i++) {
        const r = this.msgResult(node, i);
        if (!r) continue;
        hit ??= emptyHit();
        addMessage(hit, i, r);
      }
      return hit;
    }
    switch (node.t) {
      case 'all': {
        const hit = emptyHit();
        for (const k of node.kids) {
          const r = this.evalSession(k);
          if (!r) return null;
          merge(hit, r);
        }
        return hit;
      }
      case 'any': {
        let hit: SessionHit | null = null;
        for (const k of node.kids) {
          const r = this.evalSession(k);
          if (r) {
            hit ??= emptyHit();
            merge(hit, r);
          }
        }
        return hit;
      }
      case 'not':
        return this.evalSession(node.kid) ? null : emptyHit();
      case 'first_response_over': {
        const run = this.runs[0];
        if (!run || run.responseMs === null || run.responseMs <= node.ms) return null;
        const hit = emptyHit();
        hit.indexes.add(run.openIndex);
        hit.context.add(run.openIndex);
        addMessage(hit, run.closeIndex, []);
        hit.details.push(`首次响应 ${secs(run.responseMs)} 秒（阈值 ${secs(node.ms)} 秒）`);
        return hit;
      }
      case 'response_over': {
        let hit: SessionHit | null = null;
        for (const run of this.runs) {
          if (run.responseMs === null || run.responseMs <= node.ms) continue;
          hit ??= emptyHit();
          hit.indexes.add(run.openIndex);
          hit.context.add(run.openIndex);
          addMessage(hit, run.closeIndex, []);
          hit.details.push(`响应 ${secs(run.responseMs)} 秒（阈值 ${secs(node.ms)} 秒）`);
        }
        return hit;
      }
      case 'unanswered':
        return this.unanswered(node);
      case 'sequence':
        return this.sequence(node);
      case 'unpaid_order_without_reminder':
        return this.unpaid(node.unpaidMs, node.windowMs);
      case 'refund_after_claim':
        return this.refundAfterClaim(node);
      case 'repetition':
        return this.repetition(node.scope, node.minChars, node.minCount);
      default:
        throw new Error(`operator ${node.t} is not session-level`);
    }
  }

  private unanswered(node: CNode & { t: 'unanswered' }): SessionHit | null {
    const msgs = this.session.messages;
    let last = -1;
    for (let i = msgs.length - 1; i >= 0; i--) {
      if (msgs[i].from === 'agent' || msgs[i].from === 'bot') {
        last = i;
        break;
      }
    }
    let hit: SessionHit | null = null;
    for (let i = last + 1; i < msgs.length; i++) {
      if (msgs[i].from !== 'buyer') continue;
      if (isPleasantry(this.scanned[i], node.pleasantries, node.fillers)) continue;
      hit ??= emptyHit();
      addMessage(hit, i, NO_SPANS);
    }
    if (!hit) return null;
    if (last >= 0 && this.signedOff(last + 1, node)) return null;
    hit.details.push(last < 0 ? '买家消息无人回复' : '买家最后发言未获回复');
    return hit;
  }

  /**
   * A chatty last word that still closes (好的好的 谢谢你啊，你们家壳手感真的好…拜拜啦): the buyer's messages after the
   * last reply thank, say goodbye or say they got it (`signoffs`), and none asks, requests, reports a problem or
   * an order placed (`open`, a question mark, a number of 5+ digits, a picture or file). An open word inside a
   * pleasantry or sign-off (没问题, 改天再说, 麻烦你了) does not count. Only after a reply: a buyer nobody answered
   * is unanswered whatever they say.
   */
  private signedOff(from: number, node: CNode & { t: 'unanswered' }): boolean {
    if (node.signoffs.length === 0) return false;
    let signoff = false;
    for (let i = from; i < this.scanned.length; i++) {
      const m = this.scanned[i];
      const kind = m.message.kind;
      if (kind !== 'text' && kind !== 'emoji') return false;
      if (m.norm.includes('?') || LONG_NUMBER.test(m.norm)) return false;
      if (!signoff && node.signoffs.some((g) => m.groups.has(g))) signoff = true;
      for (const g of node.open) {
        const spans = m.groups.get(g);
        if (spans?.some((s) => !insideAny(m, s, node.pleasantries) && !insideAny(m, s, node.signoffs)))
          return false;
      }
    }
    return signoff;
  }

  private sequence(node: CNode & { t: 'sequence' }): SessionHit | null {
    const n = this.scanned.length;
    const msgs = this.session.messages;
    let hit: SessionHit | null = null;
    for (let i = 0; i < n; i++) {
      const a = this.msgResult(node.a, i);
      if (!a) continue;
      const forward = node.mode !== 'not_preceded_by';
      const bHits: number[] = [];
      const required: number[] = [];
      for (let steps = 1; ; steps++) {
        const j = forward ? i + steps : i - steps;
        if (j < 0 || j >= n) break;
        if (node.withinMessages !== null && steps > node.withinMessages) break;
        if (node.withinMs !== null && Math.abs(msgs[j].at - msgs[i].at) > node.withinMs) break;
        if (node.until && this.msgResult(node.until, j)) break;
        if (this.msgResult(node.b, j)) bHits.push(j);
        if (node.require && this.msgResult(node.require, j)) required.push(j);
      }
      if (node.mode === 'followed_by' && bHits.length) {
        hit ??= emptyHit();
        addMessage(hit, i, a);
        const j = bHits[0];
        addMessage(hit, j, this.msgResult(node.b, j)!);
      } else if (node.mode !== 'followed_by' && !bHits.length && (!node.require || required.length)) {
        hit ??= emptyHit();
        addMessage(hit, i, a);
        for (const j of required) addMessage(hit, j, NO_SPANS);
      }
      if (node.anchor === 'first') break;
    }
    return hit;
  }

  private unpaid(unpaidMs: number, windowMs: number): SessionHit | null {
    const s = this.session;
    if (s.creditedOrders.length === 0) return null; // most sessions: nothing to remind about
    let hit: SessionHit | null = null;
    const agentTimes = s.buyerAgentMessages.map((m) => m.at);
    for (const m of s.messages) if (m.from === 'agent') agentTimes.push(m.at);
    for (const { order, messageId } of s.creditedOrders) {
      if (order.paidAt !== null && order.paidAt - order.createdAt <= unpaidMs) continue;
      const end = Math.min(order.paidAt ?? Number.POSITIVE_INFINITY, order.createdAt + windowMs);
      if (agentTimes.some((t) => t > order.createdAt && t < end)) continue;
      hit ??= emptyHit();
      const index = s.messages.findIndex((m) => m.id === messageId);
      if (index >= 0) addMessage(hit, index, NO_SPANS);
      hit.details.push(
        `订单 ${order.orderId} ${order.paidAt === null ? '未付款' : '超过 30 分钟后才付款'}，创建后无客服催付`,
      );
    }
    return hit;
  }

  private refundAfterClaim(node: CNode & { t: 'refund_after_claim' }): SessionHit | null {
    const n = this.scanned.length;
    const msgs = this.session.messages;
    let claim = -1;
    for (let i = 0; i < n; i++) {
      if (this.msgResult(node.claim, i)) {
        claim = i;
        break;
      }
    }
    if (claim < 0) return null;
    const claimSpans = this.msgResult(node.claim, claim)!;
    // A claim in the agent's words (少的那袋钱给您退回去了, 底座漏装了): the agent owns up to the missing item,
    // however the buyer put it. The confirmation may be that same message, and a check anywhere before it
    // clears it (the agent may own up after seeing the buyer's photo). Engine 9.
    const ownedUp = msgs[claim].from !== 'buyer';
    if (ownedUp) {
      for (let j = 0; j < claim; j++) if (this.msgResult(node.verify, j)) return null;
    } else {
      // Evidence the buyer sent with the claim counts as well: a photo, then 你看 少了一个枕套 (or both in the claim itself).
      for (let j = claim; j >= 0 && msgs[j].from === 'buyer'; j--)
        if (this.msgResult(node.verify, j)) return null;
    }
    for (let j = ownedUp ? claim : claim + 1; j < n; j++) {
      const verify = this.msgResult(node.verify, j);
      const confirm = this.msgResult(node.confirm, j);
      // A photo asked for after the refund in the same message (已经退了 您有空拍张照给我们) checks nothing before it (engine 10).
      if (verify && !(confirm && saidAfter(verify, confirm))) return null;
      if (confirm) {
        const hit = emptyHit();
        addMessage(hit, claim, claimSpans);
        addMessage(hit, j, confirm);
        hit.details.push('买家称少发/漏发/错发后，客服未核实即确认退款');
        return hit;
      }
    }
    if (node.refundRecords) {
      const claimAt = msgs[claim].at;
      const lastAt = msgs[n - 1].at;
      // A refund handled by another agent (after a transfer) belongs to that agent's session, not this one.
      // So does a refund created after a later conversation with the buyer (an agent message after this
      // session's end, e.g. the same chat going on past midnight): the checks made there are not in view here.
      const laterTalk = (createdAt: number) =>
        this.session.buyerAgentMessages.some((m) => m.at > lastAt && m.at <= createdAt);
      const refund = this.session.refunds
        .filter((r) => r.createdAt >= claimAt && (r.agent === null || r.agent === this.session.agent))
        .sort((a, b) => a.createdAt - b.createdAt)[0];
      if (refund && laterTalk(refund.createdAt)) return null;
      if (refund) {
        // A verification asked for in the chat before the refund was created clears it.
        for (let j = claim + 1; j < n && msgs[j].at <= refund.createdAt; j++)
          if (this.msgResult(node.verify, j)) return null;
        const hit = emptyHit();
        addMessage(hit, claim, claimSpans);
        hit.details.push(`买家称少发/漏发/错发后，未经核实即退款（退款单 ${refund.refundId}）`);
        return hit;
      }
    }
    return null;
  }

  private repetition(scope: Set<Sender>, minChars: number, minCount: number): SessionHit | null {
    const byText = new Map<string, number[]>();
    for (const m of this.scanned) {
      if (!scope.has(m.message.from) || m.norm.length < minChars) continue; // too short even with its spaces
      // A canned reply pasted again as "…安排!", "…安排~" and "…安排[玫瑰]" is one reply sent three times.
      const key = spokenText(m.norm);
      if (key.length < minChars) continue;
      const list = byText.get(key);
      if (list) list.push(m.index);
      else byText.set(key, [m.index]);
    }
    let hit: SessionHit | null = null;
    for (const [text, list] of byText) {
      if (list.length < minCount) continue;
      hit ??= emptyHit();
      for (const i of list) addMessage(hit, i, NO_SPANS);
      hit.details.push(`同一内容发送 ${list.length} 次：${text.slice(0, 30)}`);
    }
    return hit;
  }
}

/** The hits outside quotation marks, or null when every hit was quoted (an empty hit list stays a hit). */
function unquoted(spans: Span[], m: ScannedMessage): MsgResult {
  if (spans.length === 0) return spans;
  m.quoted ??= quotedRanges(m.norm);
  const out = outsideQuotes(spans, m.quoted);
  return out.length ? out : null;
}

// Hot (every keyword node on every message that may match): no closures created per call, and no array
// made unless spans from two groups must be put together (results are never changed once returned, so a
// group's own list of spans is returned as it is).
function evalKeyword(k: KeywordNode, m: ScannedMessage): MsgResult {
  for (const g of k.none) if (surviving(k, m, g).length) return null;
  let out: Span[] = NO_SPANS;
  if (k.any.length) {
    for (const g of k.any) {
      const spans = surviving(k, m, g);
      if (spans.length === 0) continue;
      out = out.length === 0 ? spans : out.concat(spans);
    }
    if (!out.length) return null;
  }
  if (k.all.length) {
    const per: Span[][] = [];
    for (const g of k.all) per.push(surviving(k, m, g));
    if (per.some((s) => s.length === 0)) return null;
    if (k.window === null) {
      out = out.concat(...per);
    } else {
      const found = withinWindow(per, k.window);
      if (!found) return null;
      out = out.concat(found);
    }
  }
  return out;
}

/** The group's spans in the message that no exclusion or negation cancels (the group's own list if none is). */
function surviving(k: KeywordNode, m: ScannedMessage, g: number): Span[] {
  const spans = m.groups.get(g);
  if (!spans) return NO_SPANS;
  if (k.exclude.length === 0 && k.negatedBy.length === 0) return spans;
  let out: Span[] | null = null;
  for (let i = 0; i < spans.length; i++) {
    if (cancelled(k, m, spans[i])) out ??= spans.slice(0, i);
    else if (out) out.push(spans[i]);
  }
  return out ?? spans;
}

const NO_SPANS: Span[] = [];

/** True when the span overlaps a hit of one of the (exclusion) groups in the message. */
function excluded(exclude: number[], m: ScannedMessage, s: Span): boolean {
  for (const g of exclude) {
    const ex = m.groups.get(g);
    if (ex) for (const e of ex) if (e.start < s.end && s.start < e.end) return true;
  }
  return false;
}

function cancelled(k: KeywordNode, m: ScannedMessage, s: Span): boolean {
  if (excluded(k.exclude, m, s)) return true;
  for (const g of k.negatedBy) {
    const ns = m.groups.get(g);
    if (!ns) continue;
    for (const n of ns) {
      if (n.end > s.start || s.start - n.end > k.negWindow) continue;
      if (k.negUnless.length > 0 && excluded(k.negUnless, m, n)) continue; // 是不是 asks, it does not negate
      let broken = false;
      for (let i = n.end; i < s.start; i++) {
        // With spaces_break, a space ends the clause once a word follows the negator (不回 死哪去了), not
        // straight after it (不 垃圾 still reads as 不垃圾).
        const breaks = k.negSpacesBreak && i > n.end ? CLAUSE_OR_SPACE_BREAK : CLAUSE_BREAK;
        if (breaks.test(m.norm[i])) {
          broken = true;
          break;
        }
      }
      if (!broken) return true;
    }
  }
  return false;
}

/** The sentiment words outside every exclusion phrase present in the message. */
function withoutExcluded(hits: SentimentHit[], exclude: number[], m: ScannedMessage): SentimentHit[] {
  if (!exclude.some((g) => m.groups.has(g))) return hits; // most messages: no exclusion phrase in them
  return hits.filter((h) => !excluded(exclude, m, h));
}

/** Finds one hit of every item such that all fit within `window` characters. */
function withinWindow(per: Span[][], window: number): Span[] | null {
  const tagged: Array<Span & { item: number }> = [];
  per.forEach((spans, item) => {
    for (const s of spans) tagged.push({ ...s, item });
  });
  tagged.sort((a, b) => a.start - b.start);
  for (let i = 0; i < tagged.length; i++) {
    const chosen = new Map<number, Span>();
    for (let j = i; j < tagged.length && tagged[j].start - tagged[i].start <= window; j++) {
      const t = tagged[j];
      if (t.end - tagged[i].start > window) continue;
      if (!chosen.has(t.item)) chosen.set(t.item, t);
      if (chosen.size === per.length) return [...chosen.values()];
    }
  }
  return null;
}

/** The span lies inside a hit of one of these groups (the open word 问题 inside 没问题). */
function insideAny(m: ScannedMessage, span: Span, groups: number[]): boolean {
  for (const g of groups) {
    const spans = m.groups.get(g);
    if (spans?.some((s) => s.start <= span.start && span.end <= s.end)) return true;
  }
  return false;
}

/** A message made only of closing phrases, fillers (address words, 那我), punctuation, emoji and 语气词. */
function isPleasantry(m: ScannedMessage, groups: number[], fillerGroups: number[]): boolean {
  if (m.message.kind === 'emoji') return true;
  // 1 = inside a filler, 2 = inside a closing phrase (a closing wins where both cover a character), 3 = an emoticon code.
  const covered = new Uint8Array(m.norm.length);
  for (const g of fillerGroups) {
    const spans = m.groups.get(g);
    if (spans) for (const s of spans) covered.fill(1, s.start, s.end);
  }
  // Emoticon codes ([偷笑], [玫瑰]) read as the emoji they stand for; an export's placeholder ([图片]) is a message, not one.
  if (m.norm.includes('[')) {
    for (const x of m.norm.matchAll(EMOTICON_CODE))
      if (!isPlaceholder(x[0])) covered.fill(3, x.index, x.index + x[0].length);
  }
  // A one-character closing (好, 行, 嗯) beside a filler is a greeting (您好, 老板好, 亲好), not a closing.
  let wordClosing = false;
  for (const g of groups) {
    const spans = m.groups.get(g);
    if (!spans) continue;
    for (const s of spans) {
      covered.fill(2, s.start, s.end);
      if (s.end - s.start >= 2) wordClosing = true;
    }
  }
  // A bare "？" / "??" / "啊？" (punctuation and 语气词 only, with a question mark) is a nudge waiting for an
  // answer, not a closing: with a question mark, a pleasantry phrase or an emoji must be in it. A filler
  // alone never makes a closing (小姐姐？, 那我呢): it needs a closing phrase beside it.
  let substance = false;
  let question = false;
  let filler = false;
  for (let i = 0; i < m.norm.length; i++) {
    const ch = m.norm[i];
    if (ch === '?') question = true;
    if (covered[i] === 2) {
      substance = true;
      continue;
    }
    if (covered[i] === 1) {
      filler = true;
      continue;
    }
    if (covered[i] === 3) {
      substance = true; // an emoticon code
      continue;
    }
    const code = m.norm.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      substance = true; // emoji (surrogate pairs)
      continue;
    }
    if (isEmojiPart(code) || CLOSING_PARTICLE.test(ch)) continue;
    return false;
  }
  if (filler) return wordClosing;
  return substance || !question;
}

/** Whether every span of `later` starts after the first span of `first` ends (both said in one message). */
function saidAfter(later: Span[], first: Span[]): boolean {
  if (later.length === 0 || first.length === 0) return false;
  let firstEnd = Number.POSITIVE_INFINITY;
  for (const s of first) firstEnd = Math.min(firstEnd, s.end);
  return later.every((s) => s.start >= firstEnd);
}

/** Inserts `x` into the ascending list unless it is there already. */
function insertOnce(list: number[], x: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > x) i--;
  if (i > 0 && list[i - 1] === x) return;
  list.push(x);
  for (let j = list.length - 1; j > i; j--) list[j] = list[j - 1];
  list[i] = x;
}

/** A question (compacted) without the wording of a question: A-not-A read as A, final 语气词 and 吗 gone. */
function questionKey(compacted: string): string {
  return compacted.replace(A_NOT_A, '$1').replace(TRAILING_PARTICLES, '');
}

/**
 * The words of a message as they were said: without spaces, punctuation, emoji and emoticon codes ([玫瑰]). What
 * repetition and repeats_previous compare, so both read a message the same way.
 */
function spokenText(norm: string): string {
  return compact(norm.includes('[') ? norm.replace(EMOTICON_CODE, '') : norm);
}

/** 1 for the UTF-16 units compact() drops: spaces, punctuation, symbols, and surrogate halves (emoji). */
let compactDrops: Uint8Array | null = null;

function dropTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if ((c >= 0xd800 && c <= 0xdfff) || isEmojiPart(c) || COMPACT_STRIP.test(String.fromCharCode(c)))
      t[c] = 1;
  }
  return t;
}

/**
 * The text without spaces, punctuation, symbols and emoji. By table, not by regex: repeated_reply asks it of
 * every agent message, and a Unicode-property regex replace cost the engine ~5% of its pass.
 */
function compact(s: string): string {
  compactDrops ??= dropTable();
  const drops = compactDrops;
  let out = '';
  let kept = 0; // start of the run of kept units not yet copied
  for (let i = 0; i < s.length; i++) {
    if (!drops[s.charCodeAt(i)]) continue;
    if (i > kept) out += s.slice(kept, i);
    kept = i + 1;
  }
  if (kept === 0) return s;
  return kept < s.length ? out + s.slice(kept) : out;
}

function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const c = grams.get(g);
    if (c) {
      common++;
      grams.set(g, c - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}

function secs(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function emptyHit(): SessionHit {
  return { indexes: new Set(), context: new Set(), evidence: [], details: [] };
}

function addMessage(hit: SessionHit, index: number, spans: Span[]): void {
  hit.indexes.add(index);
  for (const s of spans) hit.evidence.push({ index, start: s.start, end: s.end });
}

function merge(into: SessionHit, from: SessionHit): void {
  for (const i of from.indexes) into.indexes.add(i);
  for (const i of from.context) into.context.add(i);
  into.evidence.push(...from.evidence);
  into.details.push(...from.details);
}

function toFinding(ctx: SessionContext, rule: CompiledRule, hit: SessionHit): Finding {
  const msgs = ctx.session.messages;
  const indexes = [...hit.indexes].sort((a, b) => a - b);
  const evidence: Evidence[] = [];
  for (const index of indexes) {
    const text = msgs[index].text ?? '';
    const spans = hit.evidence
      .filter((e) => e.index === index)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    if (!spans.length) {
      if (hit.context.has(index)) continue;
      evidence.push({ messageId: msgs[index].id, start: 0, end: text.length, text });
      continue;
    }
    // Overlapping spans (全网最 + 最低价) become one; spans inside another disappear.
    let current: Evidence | null = null;
    for (const s of spans) {
      if (current && s.start < current.end) {
        if (s.end > current.end) {
          current.end = s.end;
          current.text = text.slice(current.start, current.end);
        }
        continue;
      }
      current = { messageId: msgs[index].id, start: s.start, end: s.end, text: text.slice(s.start, s.end) };
      evidence.push(current);
    }
  }
  const finding: Finding = {
    rule: rule.rule.id,
    severity: rule.rule.severity,
    sessionId: ctx.session.id,
    messageIds: indexes.map((i) => msgs[i].id),
    evidence,
    scoreDelta: rule.scoreDelta,
  };
  if (hit.details.length) finding.detail = hit.details.join('；');
  return finding;
}

/** Inspects one session; findings come out in rulebook order, at most one per rule. */
export function inspectSession(compiled: CompiledRulebook, session: InspectionSession): Finding[] {
  const ctx = new SessionContext(compiled, session);
  const hits = new Map<CompiledRule, SessionHit>();
  // Message-level rules, through the index; each rule once per message (a rulebook has a few dozen rules at
  // most, so a look through the short candidate list beats keeping a table of which rule was seen).
  const candidates: CompiledRule[] = [];
  for (const m of ctx.scanned) {
    const idx = compiled.messageIndex.get(m.message.from);
    if (!idx) continue;
    candidates.length = 0;
    for (const r of idx.always) candidates.push(r);
    if (idx.anyByGroup) {
      const present = hitLog.present;
      for (let p = m.presentFrom; p < m.presentTo; p++) {
        const rules = idx.byGroup[present[p]];
        for (let i = 0; i < rules.length; i++) if (!candidates.includes(rules[i])) candidates.push(rules[i]);
      }
    }
    for (const r of candidates) {
      const res = ctx.msgResult(r.root, m.index);
      if (!res) continue;
      let hit = hits.get(r);
      if (!hit) {
        hit = emptyHit();
        hits.set(r, hit);
      }
      addMessage(hit, m.index, res);
    }
  }
  for (const r of compiled.sessionRules) {
    const hit = ctx.evalSession(r.root);
    if (hit) hits.set(r, hit);
  }
  const findings: Finding[] = [];
  for (const r of compiled.rules) {
    const hit = hits.get(r);
    if (hit) findings.push(toFinding(ctx, r, hit));
  }
  return findings;
}
