// The rule language: rulebooks as plain data (what src/rulebook/ loads and validates), and the engine's
// inputs and outputs. See docs/rules.md for the meaning of every field.

import type { ChatMessage, Order, Refund, Sender } from '../types.js';

export type Severity = 'critical' | 'major' | 'minor' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'info'];

export type Category = '态度' | '合规' | '时效' | '流程' | '销售' | '机器人';
export const CATEGORIES: readonly Category[] = ['态度', '合规', '时效', '流程', '销售', '机器人'];

/** A keyword-list entry: `@name` refers to a lexicon, anything else is an inline phrase. */
export type PhraseRef = string;

export interface KeywordSpec {
  /** At least one entry occurs. */
  any?: PhraseRef[];
  /** Every entry occurs (each entry is one item; a lexicon counts as hit when any of its phrases is). */
  all?: PhraseRef[];
  /** No entry occurs. */
  none?: PhraseRef[];
  /** With `all`: the hits must fit in this many characters (last end − first start). */
  window?: number;
  /** Phrases whose occurrence overlapping (or surrounding) a hit cancels that hit. */
  exclude?: PhraseRef[];
  /** Phrases (negators) that cancel a hit when they end at most `window` characters before it, same clause. */
  negated_by?: {
    any: PhraseRef[];
    window: number;
    /** A space between the negator and the hit ends the clause too (客服半天不回 死哪去了: 不 negates 回, not 死). */
    spaces_break?: boolean;
    /** Phrases that void a negator they overlap: 是不是 asks, it does not negate (你们是不是有病). */
    unless?: PhraseRef[];
  };
}

export interface RegexSpec {
  pattern: string;
  /** JavaScript flags; `g` is added. Matched against the normalised text (half-width, lower-case ASCII). */
  flags?: string;
}

export interface SequenceSpec {
  a: Condition;
  b: Condition;
  /**
   * followed_by: some A is followed by a B within the window.
   * not_followed_by: some A has no B within the window after it (and, with `require`, at least one
   *   message matching `require` after it in the window).
   * not_preceded_by: some A has no B within the window before it.
   */
  mode: 'followed_by' | 'not_followed_by' | 'not_preceded_by';
  within_messages?: number;
  within_seconds?: number;
  /** The window ends at the first message (after A, or before it going back) matching this. */
  until?: Condition;
  /** first: only the first A counts; each: any A (default). */
  anchor?: 'first' | 'each';
  require?: Condition;
}

export interface RefundAfterClaimSpec {
  claim: Condition;
  confirm: Condition;
  verify: Condition;
  /** Also treat a refund record created after the claim (same buyer and shop) as a confirmation. */
  refund_records?: boolean;
}

export interface RepetitionSpec {
  min_chars: number;
  min_count: number;
}

export interface RepeatsPreviousSpec {
  /** Minimum length of the compared (punctuation-stripped) text. */
  min_chars?: number;
  /** Dice similarity of character bigrams, 0..1; 1 = identical. */
  min_similarity?: number;
}

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { keyword: KeywordSpec }
  | { regex: RegexSpec }
  /** `exclude`: sentiment words inside these phrases do not count (破壁机 is no 什么破, 投诉建议 no 投诉). */
  | { negativity: { threshold: number; exclude?: PhraseRef[] } }
  | { from: Sender[] }
  | { kind: string[] }
  | { position: 'first' | 'last' }
  | { min_length: number }
  | { repeats_previous: RepeatsPreviousSpec }
  /**
   * `when` holds on one of the `before` (default 1) messages before this one or the `after` (default 0) after it,
   * from the same sender with no other sender's message between (the buyer's run: 之前在某多多买过一饼普洱 then 纯纯骗子).
   */
  | { nearby: { when: Condition; before?: number; after?: number } }
  | { rule: string }
  | { first_response_over: number }
  | { response_over: number }
  /**
   * `fillers`: words that may stand in a closing without making one (亲, 客服小姐姐, 那我): 谢谢客服小姐姐 is a
   * closing, 小姐姐？ is not.
   */
  | {
      unanswered: {
        pleasantries: PhraseRef[];
        fillers?: PhraseRef[];
        /** Thanks and farewells that close a chatty last word, unless something in it is `open`. */
        signoffs?: PhraseRef[];
        open?: PhraseRef[];
      };
    }
  | { sequence: SequenceSpec }
  | { unpaid_order_without_reminder: { unpaid_minutes: number; window_hours: number } }
  | { refund_after_claim: RefundAfterClaimSpec }
  | { repetition: RepetitionSpec };

/** A message in an example: `[from, seconds from the start, text]` or an object. */
export type ExampleMessage =
  | [Sender, number, string]
  | { from: Sender; at: number; text: string; kind?: string; agent?: string; id?: string };

export interface ExampleSession {
  messages: ExampleMessage[];
  /** Orders: times in seconds from the session start; paid null while unpaid. */
  orders?: Array<{ id: string; created: number; paid: number | null; amount?: number }>;
  refunds?: Array<{ id: string; order: string; created: number; reason?: string }>;
  /** Credited orders: order id → 0-based index of the credited message in `messages`. */
  credited?: Array<{ order: string; message: number }>;
  /** Extra agent messages to this buyer outside the session (seconds from the session start). */
  other_agent_messages?: Array<{ agent: string; at: number }>;
}

/** A plain string is one message from the rule's first scope sender. */
export type Example = string | ExampleSession;

export interface Rule {
  id: string;
  name: string;
  category: Category;
  severity: Severity;
  scope: Sender[];
  when: Condition;
  /** Phrase and pattern hits inside quotation marks (someone else's words) do not count. */
  ignore_quoted?: boolean;
  description?: string;
  examples?: { hit?: Example[]; miss?: Example[] };
}

export type Deduction = number | 'zero';

export interface Scorecard {
  /** Starting score, default 100. */
  base?: number;
  severity: Record<Severity, Deduction>;
  /** Per-rule overrides (deduction points, negative, or 'zero'). */
  rules?: Record<string, Deduction>;
}

export interface NegativityConfig {
  /** Weighted negative words (`word | weight`). */
  negative: PhraseRef[];
  /** Weighted positive words; negated, they count as negative. */
  positive: PhraseRef[];
  /** Degree words with their multiplier (`太 | 2`). */
  degree: PhraseRef[];
  negators: PhraseRef[];
  /** Characters looked back from a sentiment word for degree words and negators (default 4). */
  lookback?: number;
}

export interface Rulebook {
  id: string;
  version: string;
  locale?: string;
  description?: string;
  scorecard: Scorecard;
  negativity?: NegativityConfig;
  rules: Rule[];
  /** Lexicons by name: phrases, each optionally with a weight. Filled by the loader. */
  lexicons: Record<string, LexiconEntry[]>;
  /** Hash of the rulebook and its lexicons' contents (set by the loader): a new one means re-inspect. */
  fingerprint?: string;
}

export interface LexiconEntry {
  phrase: string;
  weight?: number;
}

// ---- engine input and output --------------------------------------------------------------------

export type InspectionMessage = ChatMessage & { seq?: number };

export interface InspectionSession {
  id: string;
  shop: string;
  agent: string;
  buyer: string;
  day: string;
  /** This session's messages in time order. */
  messages: InspectionMessage[];
  /** This buyer's orders in this shop created day-1 .. day+1. */
  orders: Order[];
  /** This buyer's refunds in this shop created day-1 .. day+1. */
  refunds: Refund[];
  /** Orders credited (KPI credit rule) to a message in this session. */
  creditedOrders: Array<{ order: Order; messageId: string }>;
  /** Every from=agent message to this buyer in this shop, day-1 .. day+2. */
  buyerAgentMessages: Array<{ id: string; agent: string; at: number }>;
}

/** A stretch of a message's (normalised) text: UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Evidence {
  messageId: string;
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  sessionId: string;
  messageIds: string[];
  evidence: Evidence[];
  scoreDelta: number;
  detail?: string;
}
