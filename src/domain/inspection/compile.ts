// Compiling a rulebook: every phrase of every lexicon and inline list the rules use goes into ONE
// Aho-Corasick automaton; each phrase knows the phrase sets ("groups": a lexicon or an inline phrase) it
// belongs to; each rule's condition tree becomes a tree of compiled nodes; message-level rules are indexed
// by the groups that can trigger them, so a message only meets the rules that can apply to it.

import { type ScanPlan, planScan } from './scan-plan.js';
import type { Sender } from '../types.js';
import { AhoCorasick } from './aho-corasick.js';
import type { SentimentKind } from './negativity.js';
import { DEFAULT_LOOKBACK } from './negativity.js';
import { isAsciiLetter, normalizeText, simplifyHan } from './normalize.js';
import { requiredLiterals } from './regex-literals.js';
import type { Condition, KeywordSpec, LexiconEntry, PhraseRef, Rule, Rulebook, Scorecard } from './types.js';

export interface KeywordNode {
  t: 'keyword';
  any: number[];
  all: number[];
  none: number[];
  window: number | null;
  exclude: number[];
  negatedBy: number[];
  negWindow: number;
  /** Whether whitespace between negator and hit breaks the clause (negated_by.spaces_break). */
  negSpacesBreak: boolean;
  /** Groups whose hits void a negator they overlap (negated_by.unless). */
  negUnless: number[];
}

export type NodeBody =
  | { t: 'all'; kids: CNode[] }
  | { t: 'any'; kids: CNode[]; dispatch: AnyDispatch | null }
  | { t: 'not'; kid: CNode }
  /** The kid holds on one of the `before` messages before this one or the `after` after it, in this sender's run. */
  | { t: 'nearby'; kid: CNode; before: number; after: number }
  | KeywordNode
  | { t: 'regex'; re: RegExp }
  | { t: 'negativity'; threshold: number; exclude: number[] }
  | { t: 'from'; senders: Set<Sender> }
  | { t: 'kind'; kinds: Set<string> }
  | { t: 'position'; which: 'first' | 'last' }
  | { t: 'min_length'; chars: number }
  | { t: 'repeats_previous'; minChars: number; minSimilarity: number }
  | { t: 'rule'; ruleId: string; target: CompiledRule | null }
  | { t: 'first_response_over'; ms: number }
  | { t: 'response_over'; ms: number }
  | {
      t: 'unanswered';
      pleasantries: number[];
      fillers: number[];
      /** Thanks, farewells and "got it": with one of these and nothing open, a chatty last word is a closing. */
      signoffs: number[];
      /** What keeps a last word open (questions, requests, problems, an order placed). */
      open: number[];
    }
  | {
      t: 'sequence';
      a: CNode;
      b: CNode;
      mode: 'followed_by' | 'not_followed_by' | 'not_preceded_by';
      withinMessages: number | null;
      withinMs: number | null;
      until: CNode | null;
      anchor: 'first' | 'each';
      require: CNode | null;
    }
  | { t: 'unpaid_order_without_reminder'; unpaidMs: number; windowMs: number }
  | { t: 'refund_after_claim'; claim: CNode; confirm: CNode; verify: CNode; refundRecords: boolean }
  | { t: 'repetition'; minChars: number; minCount: number };

/**
 * A wide `any` (a rule's dozens of alternative patterns) finds the alternatives worth trying on a message
 * from the groups present in it, instead of asking each alternative in turn.
 */
export interface AnyDispatch {
  /**
   * Group id → indexes of the kids it can trigger (ascending; empty when none). An array indexed by group,
   * not a Map: this lookup runs for every group present in every message the \`any\` is asked about.
   */
  byGroup: ReadonlyArray<readonly number[]>;
  /** Kids that cannot tell from groups (no triggers): always tried. */
  always: number[];
}

export type CNode = NodeBody & {
  /** Unique within the compiled rulebook. */
  id: number;
  /**
   * The node's slot in a session's memo of per-message results, or -1. Only the nodes `msgResult` is asked
   * about have one: rule roots and the message-level parts of session-level conditions (sequence steps,
   * claim/verify/confirm…). The conditions inside them are evaluated where they stand and never memoised,
   * so a session's memo holds a few dozen slots, not one per node (358 in the default rulebook: ~3 KB of
   * garbage per session).
   */
  memoSlot: number;
  /** True when the node (and all below it) judges one message at a time. */
  msg: boolean;
  /** Groups of which at least one must hit for the node to match a message; null = cannot tell. */
  triggers: Set<number> | null;
  /**
   * `triggers` as (word, bits) pairs over a message's presence bitset (see CompiledRulebook.groupWords):
   * the hot "can this node match here?" test is a few ANDs instead of set lookups.
   */
  triggerBits: Int32Array | null;
  /** The senders the owning rule looks at. */
  scope: Set<Sender>;
  /** The owning rule ignores phrase and pattern hits inside quotation marks (`ignore_quoted`). */
  ignoreQuoted: boolean;
};

export interface MessageRuleIndex {
  always: CompiledRule[];
  byGroup: ReadonlyArray<readonly CompiledRule[]>;
  /** True when some group triggers a rule (otherwise the groups need not be looked at). */
  anyByGroup: boolean;
}

export interface CompiledRule {
  rule: Rule;
  index: number;
  root: CNode;
  scope: Set<Sender>;
  scoreDelta: number;
}

export interface SentimentMeta {
  kind: SentimentKind;
  weight: number;
}

export interface CompiledRulebook {
  readonly source: Rulebook;
  readonly automaton: AhoCorasick;
  /** Normalised text of each pattern. */
  readonly patterns: string[];
  /** pattern → groups it belongs to (the groups whose spans are kept). */
  readonly patternGroups: number[][];
  /** 32-bit words per message in a presence bitset: one bit per group. */
  readonly groupWords: number;
  /**
   * What the scanner does on each pattern's hit: the presence bits it sets (phrase groups, regex triggers,
   * presence-only groups) and the ASCII word boundaries it keeps, laid out for the hot path.
   */
  readonly scanPlan: ScanPlan;
  /** pattern → its roles in the negativity detector, if any. */
  readonly patternSentiment: Array<SentimentMeta[] | undefined>;
  readonly sentimentLookback: number;
  /** Group id → its reference (`@lexicon` or the inline phrase), for messages. */
  readonly groupNames: string[];
  readonly rules: CompiledRule[];
  readonly ruleById: Map<string, CompiledRule>;
  /**
   * Message-level rules by sender: those always evaluated and, by group id, those a group triggers (empty
   * when none; indexed by group rather than a Map, as it is asked for every group present in every message).
   */
  readonly messageIndex: Map<Sender, MessageRuleIndex>;
  readonly sessionRules: CompiledRule[];
  readonly scorecard: Scorecard;
  readonly zeroingRules: Set<string>;
  /** Number of memoised nodes (a session's memo size; see CNode.memoSlot). */
  readonly memoSlots: number;
}

const SENDER_LIST: Sender[] = ['buyer', 'agent', 'bot', 'system'];

export function deductionFor(scorecard: Scorecard, rule: { id: string; severity: Rule['severity'] }): number {
  const d = scorecard.rules?.[rule.id] ?? scorecard.severity[rule.severity];
  const base = scorecard.base ?? 100;
  if (d === 'zero') return -base;
  return -Math.abs(d);
}

export function compileRulebook(rulebook: Rulebook): CompiledRulebook {
  const patternIndex = new Map<string, number>();
  const patterns: string[] = [];
  const patternGroups: number[][] = [];
  const patternTriggerGroups: number[][] = [];
  const patternSentiment: Array<SentimentMeta[] | undefined> = [];
  const groupIndex = new Map<string, number>();
  const groupNames: string[] = [];

  const lexicon = (name: string, where: string): LexiconEntry[] => {
    const entries = rulebook.lexicons[name];
    if (!entries) throw new Error(`${where}: unknown lexicon @${name}`);
    return entries;
  };
  const addPattern = (phrase: string): number => {
    const norm = normalizeText(phrase);
    let p = patternIndex.get(norm);
    if (p === undefined) {
      p = patterns.length;
      patternIndex.set(norm, p);
      patterns.push(norm);
      patternGroups.push([]);
      patternTriggerGroups.push([]);
      patternSentiment.push(undefined);
    }
    return p;
  };
  const entriesOf = (ref: PhraseRef, where: string): LexiconEntry[] =>
    ref.startsWith('@') ? lexicon(ref.slice(1), where) : [{ phrase: ref }];
  const group = (ref: PhraseRef, where: string): number => {
    let g = groupIndex.get(ref);
    if (g !== undefined) return g;
    g = groupNames.length;
    groupIndex.set(ref, g);
    groupNames.push(ref);
    for (const e of entriesOf(ref, where)) {
      if (e.phrase.trim() === '') continue;
      const p = addPattern(e.phrase);
      if (!patternGroups[p].includes(g)) patternGroups[p].push(g);
    }
    return g;
  };

  /** A group of literal strings standing for a regex (a trigger only: it never becomes evidence). */
  const literalGroup = (pattern: string, literals: string[]): number => {
    const key = `(regex) ${pattern}`;
    let g = groupIndex.get(key);
    if (g !== undefined) return g;
    g = groupNames.length;
    groupIndex.set(key, g);
    groupNames.push(key);
    for (const literal of literals) {
      const p = addPattern(literal);
      if (!patternTriggerGroups[p].includes(g)) patternTriggerGroups[p].push(g);
    }
    return g;
  };

  // Negativity detector lexicons.
  const neg = rulebook.negativity;
  if (neg) {
    const addSentiment = (kind: SentimentKind, refs: PhraseRef[], dflt: number) => {
      for (const ref of refs) {
        for (const e of entriesOf(ref, `negativity.${kind}`)) {
          const p = addPattern(e.phrase);
          const list = patternSentiment[p] ?? [];
          list.push({ kind, weight: e.weight ?? dflt });
          patternSentiment[p] = list;
        }
      }
    };
    addSentiment('negative', neg.negative, 1);
    addSentiment('positive', neg.positive, 1);
    addSentiment('degree', neg.degree, 1.5);
    addSentiment('negator', neg.negators, 1);
  }

  let nextId = 0;
  const ruleRefs: Array<{ node: CNode & { t: 'rule' }; where: string }> = [];

  // The rule being compiled ignores quoted hits: set per rule, read by every node compiled for it.
  let ignoreQuoted = false;
  const compileNode = (c: Condition, scope: Set<Sender>, where: string): CNode => {
    const mk = (body: NodeBody, msg: boolean, triggers: Set<number> | null): CNode =>
      ({
        ...body,
        id: nextId++,
        memoSlot: -1,
        msg,
        triggers,
        triggerBits: null,
        scope,
        ignoreQuoted,
      }) as CNode;
    const keys = Object.keys(c);
    if (keys.length !== 1)
      throw new Error(`${where}: a condition has exactly one operator, got ${keys.join(', ')}`);
    if ('all' in c) {
      const kids = c.all.map((k, i) => compileNode(k, scope, `${where}.all[${i}]`));
      const msg = kids.every((k) => k.msg);
      let triggers: Set<number> | null = null;
      for (const k of kids)
        if (k.triggers && (!triggers || k.triggers.size < triggers.size)) triggers = k.triggers;
      return mk({ t: 'all', kids }, msg, msg ? triggers : null);
    }
    if ('any' in c) {
      const kids = c.any.map((k, i) => compileNode(k, scope, `${where}.any[${i}]`));
      const msg = kids.every((k) => k.msg);
      let triggers: Set<number> | null = new Set();
      for (const k of kids) {
        if (!k.triggers) {
          triggers = null;
          break;
        }
        for (const g of k.triggers) triggers.add(g);
      }
      return mk({ t: 'any', kids, dispatch: null }, msg, msg ? triggers : null);
    }
    if ('not' in c) {
      const kid = compileNode(c.not, scope, `${where}.not`);
      return mk({ t: 'not', kid }, kid.msg, null);
    }
    if ('keyword' in c) {
      const k = compileKeyword(c.keyword, where, group);
      const trig = k.any.length > 0 || k.all.length > 0 ? new Set([...k.any, ...k.all]) : null;
      return mk(k, true, trig);
    }
    if ('regex' in c) {
      let re: RegExp;
      // It runs on normalised text, where traditional characters are simplified already.
      const pattern = simplifyHan(c.regex.pattern);
      try {
        const flags = c.regex.flags ?? '';
        re = new RegExp(pattern, flags.includes('g') ? flags : `${flags}g`);
      } catch (e) {
        throw new Error(`${where}: bad regex ${JSON.stringify(c.regex.pattern)}: ${(e as Error).message}`);
      }
      // Evaluated only on messages holding a literal every match must contain (see regex-literals.ts).
      const literals = requiredLiterals(pattern, c.regex.flags ?? '');
      return mk({ t: 'regex', re }, true, literals ? new Set([literalGroup(pattern, literals)]) : null);
    }
    if ('negativity' in c) {
      if (!neg) throw new Error(`${where}: negativity needs the rulebook's negativity section`);
      const trig = new Set<number>();
      // Only messages with a sentiment word can score: use a synthetic group id per sentiment pattern set.
      const exclude = (c.negativity.exclude ?? []).map((r) => group(r, `${where}.negativity.exclude`));
      return mk(
        { t: 'negativity', threshold: c.negativity.threshold, exclude },
        true,
        trig.size ? trig : null,
      );
    }
    if ('from' in c) return mk({ t: 'from', senders: new Set(c.from) }, true, null);
    if ('kind' in c) return mk({ t: 'kind', kinds: new Set(c.kind) }, true, null);
    if ('position' in c) return mk({ t: 'position', which: c.position }, true, null);
    if ('min_length' in c) return mk({ t: 'min_length', chars: c.min_length }, true, null);
    if ('nearby' in c) {
      const n = c.nearby;
      const kid = asMessage(compileNode(n.when, scope, `${where}.nearby.when`), `${where}.nearby.when`);
      // No triggers of its own: what it needs is in the other messages, not in this one.
      return mk({ t: 'nearby', kid, before: n.before ?? 1, after: n.after ?? 0 }, true, null);
    }
    if ('repeats_previous' in c) {
      const r = c.repeats_previous;
      return mk(
        { t: 'repeats_previous', minChars: r.min_chars ?? 4, minSimilarity: r.min_similarity ?? 0.8 },
        true,
        null,
      );
    }
    if ('rule' in c) {
      const node = mk({ t: 'rule', ruleId: c.rule, target: null }, true, null) as CNode & { t: 'rule' };
      ruleRefs.push({ node, where });
      return node;
    }
    if ('first_response_over' in c)
      return mk({ t: 'first_response_over', ms: c.first_response_over * 1000 }, false, null);
    if ('response_over' in c) return mk({ t: 'response_over', ms: c.response_over * 1000 }, false, null);
    if ('unanswered' in c) {
      const pleasantries = c.unanswered.pleasantries.map((r) => group(r, `${where}.unanswered`));
      const fillers = (c.unanswered.fillers ?? []).map((r) => group(r, `${where}.unanswered`));
      const signoffs = (c.unanswered.signoffs ?? []).map((r) => group(r, `${where}.unanswered.signoffs`));
      const open = (c.unanswered.open ?? []).map((r) => group(r, `${where}.unanswered.open`));
      if (signoffs.length > 0 && open.length === 0)
        throw new Error(`${where}.unanswered: signoffs need open (what keeps a last word open)`);
      return mk({ t: 'unanswered', pleasantries, fillers, signoffs, open }, false, null);
    }
    if ('sequence' in c) {
      const s = c.sequence;
      return mk(
        {
          t: 'sequence',
          a: asMessage(compileNode(s.a, scope, `${where}.sequence.a`), `${where}.sequence.a`),
          b: asMessage(compileNode(s.b, scope, `${where}.sequence.b`), `${where}.sequence.b`),
          mode: s.mode,
          withinMessages: s.within_messages ?? null,
          withinMs: s.within_seconds === undefined ? null : s.within_seconds * 1000,
          until: s.until ? asMessage(compileNode(s.until, scope, `${where}.sequence.until`), where) : null,
          anchor: s.anchor ?? 'each',
          require: s.require
            ? asMessage(compileNode(s.require, scope, `${where}.sequence.require`), where)
            : null,
        },
        false,
        null,
      );
    }
    if ('unpaid_order_without_reminder' in c) {
      const u = c.unpaid_order_without_reminder;
      return mk(
        {
          t: 'unpaid_order_without_reminder',
          unpaidMs: u.unpaid_minutes * 60_000,
          windowMs: u.window_hours * 3_600_000,
        },
        false,
        null,
      );
    }
    if ('refund_after_claim' in c) {
      const r = c.refund_after_claim;
      const w = `${where}.refund_after_claim`;
      return mk(
        {
          t: 'refund_after_claim',
          claim: asMessage(compileNode(r.claim, scope, `${w}.claim`), `${w}.claim`),
          confirm: asMessage(compileNode(r.confirm, scope, `${w}.confirm`), `${w}.confirm`),
          verify: asMessage(compileNode(r.verify, scope, `${w}.verify`), `${w}.verify`),
          refundRecords: r.refund_records ?? false,
        },
        false,
        null,
      );
    }
    if ('repetition' in c) {
      return mk(
        { t: 'repetition', minChars: c.repetition.min_chars, minCount: c.repetition.min_count },
        false,
        null,
      );
    }
    throw new Error(`${where}: unknown operator ${keys[0]}`);
  };

  const rules: CompiledRule[] = [];
  const ruleById = new Map<string, CompiledRule>();
  const zeroingRules = new Set<string>();
  rulebook.rules.forEach((rule, index) => {
    if (ruleById.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    const scope = new Set<Sender>(rule.scope);
    ignoreQuoted = rule.ignore_quoted ?? false;
    const root = compileNode(rule.when, scope, `rule ${rule.id}`);
    const cr: CompiledRule = { rule, index, root, scope, scoreDelta: deductionFor(rulebook.scorecard, rule) };
    const d = rulebook.scorecard.rules?.[rule.id] ?? rulebook.scorecard.severity[rule.severity];
    if (d === 'zero') zeroingRules.add(rule.id);
    rules.push(cr);
    ruleById.set(rule.id, cr);
  });

  // Resolve rule references (message-level rules only, no cycles).
  for (const { node, where } of ruleRefs) {
    const target = ruleById.get(node.ruleId);
    if (!target) throw new Error(`${where}: unknown rule ${node.ruleId}`);
    if (!target.root.msg)
      throw new Error(`${where}: rule ${node.ruleId} is not message-level and cannot be referenced`);
    node.target = target;
  }
  for (const r of rules) checkCycles(r, []);

  // Rule references and negativity get their triggers now that the targets are known.
  const patternPresenceGroups: number[][] = patterns.map(() => NO_GROUPS);
  const sentimentGroup = neg ? groupForSentiment() : null;
  function groupForSentiment(): number {
    const g = groupNames.length;
    groupNames.push('(negativity words)');
    patternSentiment.forEach((m, p) => {
      if (m?.some((x) => x.kind === 'negative' || x.kind === 'positive')) patternPresenceGroups[p] = [g];
    });
    return g;
  }
  const resolveTriggers = (n: CNode, seen: Set<number>): Set<number> | null => {
    if (seen.has(n.id)) return n.triggers;
    seen.add(n.id);
    switch (n.t) {
      case 'negativity':
        n.triggers = sentimentGroup === null ? null : new Set([sentimentGroup]);
        break;
      case 'rule':
        n.triggers = n.target ? resolveTriggers(n.target.root, seen) : null;
        break;
      case 'all': {
        let best: Set<number> | null = null;
        for (const k of n.kids) {
          const t = resolveTriggers(k, seen);
          if (t && (!best || t.size < best.size)) best = t;
        }
        n.triggers = n.msg ? best : null;
        break;
      }
      case 'any': {
        let acc: Set<number> | null = new Set();
        for (const k of n.kids) {
          const t = resolveTriggers(k, seen);
          if (!t) acc = null;
          else if (acc) for (const g of t) acc.add(g);
        }
        n.triggers = n.msg ? acc : null;
        break;
      }
      case 'not':
      case 'nearby':
        resolveTriggers(n.kid, seen);
        break;
      default:
        break;
    }
    return n.triggers;
  };
  const seen = new Set<number>();
  for (const r of rules) resolveTriggers(r.root, seen);
  const groupWords = Math.max(1, Math.ceil(groupNames.length / 32));
  for (const r of rules) eachNode(r.root, setTriggerBits);
  for (const r of rules) eachNode(r.root, (node) => setDispatch(node, groupNames.length));
  let memoSlots = 0;
  for (const r of rules)
    eachTopMessageNode(r.root, (node) => {
      if (node.memoSlot < 0) node.memoSlot = memoSlots++;
    });

  // Index message-level rules.
  const messageIndex = new Map<Sender, MessageRuleIndex>();
  const sessionRules: CompiledRule[] = [];
  for (const s of SENDER_LIST) {
    const always: CompiledRule[] = [];
    const byGroup = new Map<number, CompiledRule[]>();
    for (const r of rules) {
      if (!r.root.msg || !r.scope.has(s)) continue;
      if (!r.root.triggers) always.push(r);
      else
        for (const g of r.root.triggers) {
          const list = byGroup.get(g) ?? [];
          list.push(r);
          byGroup.set(g, list);
        }
    }
    messageIndex.set(s, {
      always,
      byGroup: byGroupId(byGroup, groupNames.length),
      anyByGroup: byGroup.size > 0,
    });
  }
  for (const r of rules) if (!r.root.msg) sessionRules.push(r);

  const n = patterns.length;
  const patternAsciiLeft = new Uint8Array(n);
  const patternAsciiRight = new Uint8Array(n);
  patterns.forEach((p, i) => {
    patternAsciiLeft[i] = isAsciiLetter(p.charCodeAt(0)) ? 1 : 0;
    patternAsciiRight[i] = isAsciiLetter(p.charCodeAt(p.length - 1)) ? 1 : 0;
  });

  const scanPlan = planScan({
    patternCount: n,
    triggerGroups: patternTriggerGroups,
    spanGroups: patternGroups,
    presenceGroups: patternPresenceGroups,
    asciiLeft: patternAsciiLeft,
    asciiRight: patternAsciiRight,
    sentiment: patternSentiment,
  });

  return {
    source: rulebook,
    automaton: AhoCorasick.compile(patterns),
    scanPlan,
    patterns,
    patternGroups,
    groupWords,
    patternSentiment,
    sentimentLookback: neg?.lookback ?? DEFAULT_LOOKBACK,
    groupNames,
    rules,
    ruleById,
    messageIndex,
    sessionRules,
    scorecard: rulebook.scorecard,
    zeroingRules,
    memoSlots,
  };
}

const NO_GROUPS: number[] = [];

/**
 * Calls `visit` on the node and the nodes below it, going below a node only while `visit` returns true (a
 * rule reference's target is its own rule's tree, visited with that rule).
 */
function walk(n: CNode, visit: (n: CNode) => boolean): void {
  if (!visit(n)) return;
  switch (n.t) {
    case 'all':
    case 'any':
      for (const k of n.kids) walk(k, visit);
      break;
    case 'not':
    case 'nearby':
      walk(n.kid, visit);
      break;
    case 'sequence':
      for (const k of [n.a, n.b, n.until, n.require]) if (k) walk(k, visit);
      break;
    case 'refund_after_claim':
      for (const k of [n.claim, n.confirm, n.verify]) walk(k, visit);
      break;
    default:
      break;
  }
}

/** Every node of the tree. */
function eachNode(root: CNode, visit: (n: CNode) => void): void {
  walk(root, (n) => {
    visit(n);
    return true;
  });
}

/**
 * The message-level nodes that the session-level walk hands to `msgResult`: the root itself when it judges
 * messages, else the message-level nodes right below its session-level operators (not the nodes inside them).
 */
function eachTopMessageNode(root: CNode, visit: (n: CNode) => void): void {
  walk(root, (n) => {
    if (!n.msg) return true;
    visit(n);
    return false;
  });
}

/** Turns the node's `triggers` into `triggerBits`. */
function setTriggerBits(n: CNode): void {
  if (!n.triggers || n.triggerBits) return;
  const words = new Map<number, number>();
  for (const g of n.triggers) words.set(g >>> 5, (words.get(g >>> 5) ?? 0) | (1 << (g & 31)));
  n.triggerBits = Int32Array.from([...words].flat());
}

/** Below this many alternatives, asking each one is as cheap as looking them up. */
const DISPATCH_MIN_KIDS = 6;

/** Gives a wide message-level `any` its index of alternatives by group. */
function setDispatch(n: CNode, groupCount: number): void {
  if (n.t !== 'any' || !n.msg || n.kids.length < DISPATCH_MIN_KIDS || n.dispatch) return;
  const byGroup = new Map<number, number[]>();
  const always: number[] = [];
  n.kids.forEach((k, i) => {
    if (!k.triggers) always.push(i);
    else
      for (const g of k.triggers) {
        const list = byGroup.get(g);
        if (!list) byGroup.set(g, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
  });
  n.dispatch = { byGroup: byGroupId(byGroup, groupCount), always };
}

const NOTHING: readonly never[] = Object.freeze([]);

/** A group-keyed map as an array indexed by group id, every id present (empty lists shared). */
function byGroupId<T>(map: Map<number, T[]>, groupCount: number): ReadonlyArray<readonly T[]> {
  const out: Array<readonly T[]> = new Array(groupCount).fill(NOTHING);
  for (const [g, list] of map) out[g] = list;
  return out;
}

function asMessage(node: CNode, where: string): CNode {
  if (!node.msg) throw new Error(`${where}: must be a message-level condition`);
  return node;
}

function compileKeyword(
  k: KeywordSpec,
  where: string,
  group: (ref: PhraseRef, where: string) => number,
): KeywordNode {
  const w = `${where}.keyword`;
  const any = (k.any ?? []).map((r) => group(r, w));
  const all = (k.all ?? []).map((r) => group(r, w));
  const none = (k.none ?? []).map((r) => group(r, w));
  if (any.length + all.length + none.length === 0) throw new Error(`${w}: needs any, all or none`);
  return {
    t: 'keyword',
    any,
    all,
    none,
    window: k.window ?? null,
    exclude: (k.exclude ?? []).map((r) => group(r, w)),
    negatedBy: (k.negated_by?.any ?? []).map((r) => group(r, w)),
    negWindow: k.negated_by?.window ?? 0,
    negSpacesBreak: k.negated_by?.spaces_break ?? false,
    negUnless: (k.negated_by?.unless ?? []).map((r) => group(r, w)),
  };
}

function checkCycles(r: CompiledRule, stack: string[]): void {
  if (stack.includes(r.rule.id))
    throw new Error(`rule reference cycle: ${[...stack, r.rule.id].join(' → ')}`);
  const visit = (n: CNode): void => {
    if (n.t === 'rule' && n.target) checkCycles(n.target, [...stack, r.rule.id]);
    else if (n.t === 'all' || n.t === 'any') n.kids.forEach(visit);
    else if (n.t === 'not' || n.t === 'nearby') visit(n.kid);
  };
  visit(r.root);
}
