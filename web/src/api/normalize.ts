// The contract (docs/api-contract.md) spells some keys in snake_case where the server sends camelCase
// (next_cursor/nextCursor, from/sender, message_ids/messageIds, score_delta/scoreDelta), and lists come as
// `{items}` or as a bare array. These functions accept either, so the pages read one shape.
import type {
  Evidence,
  ExplainItem,
  Finding,
  FindingsSummary,
  Message,
  Page,
  SessionDetail,
  Severity,
} from './types';

// biome-ignore lint/suspicious/noExplicitAny: raw JSON from the server, checked key by key below
type Raw = any;

function pick<T>(o: Raw, ...keys: string[]): T | undefined {
  for (const k of keys) if (o && o[k] !== undefined) return o[k] as T;
  return undefined;
}

export function itemsOf<T>(raw: Raw): T[] {
  if (Array.isArray(raw)) return raw as T[];
  return (raw?.items ?? []) as T[];
}

export function normalizePage<T>(raw: Raw, map: (x: Raw) => T = (x) => x as T): Page<T> {
  return {
    items: itemsOf<Raw>(raw).map(map),
    nextCursor: pick<string | null>(raw, 'nextCursor', 'next_cursor') ?? null,
  };
}

export function normalizeEvidence(e: Raw): Evidence {
  return {
    messageId: pick<string>(e, 'messageId', 'message_id') ?? '',
    start: Number(e.start),
    end: Number(e.end),
    text: e.text ?? '',
  };
}

export function normalizeFinding(f: Raw): Finding {
  return {
    id: String(f.id),
    rule: f.rule,
    ruleName: pick<string>(f, 'ruleName', 'rule_name'),
    severity: (f.severity ?? 'info') as Severity,
    messageIds: pick<string[]>(f, 'messageIds', 'message_ids') ?? [],
    evidence: (f.evidence ?? []).map(normalizeEvidence),
    scoreDelta: Number(pick<number>(f, 'scoreDelta', 'score_delta') ?? 0),
    detail: f.detail ?? null,
    agent: f.agent,
    buyer: f.buyer,
    date: pick<string>(f, 'date', 'day'),
    sessionId: pick<string>(f, 'sessionId', 'session_id'),
  };
}

export function normalizeMessage(m: Raw): Message {
  return {
    id: String(m.id),
    from: pick<Message['from']>(m, 'from', 'sender') ?? 'system',
    at: Number(m.at),
    text: m.text ?? '',
    kind: m.kind ?? 'text',
    agent: m.agent ?? null,
  };
}

/** Orders and refunds carry `amount` in yuan (older servers sent `amountFen`). */
function withYuan(x: Raw): Raw {
  return { ...x, amount: x.amount ?? (x.amountFen ?? x.amount_fen ?? 0) / 100 };
}

export function normalizeSessionDetail(raw: Raw): SessionDetail {
  const session = raw.session;
  return {
    session,
    messages: (raw.messages ?? []).map(normalizeMessage),
    orders: (raw.orders ?? []).map(withYuan),
    refunds: (raw.refunds ?? []).map(withYuan),
    findings: (raw.findings ?? []).map(normalizeFinding),
    score: raw.score ?? session?.score ?? null,
  };
}

export function normalizeExplain(raw: Raw): ExplainItem[] {
  return itemsOf<Raw>(raw).map((x) => ({
    ...x,
    sessionId: pick<string>(x, 'sessionId', 'session_id') ?? null,
  }));
}

export function normalizeSummary(raw: Raw): FindingsSummary {
  const scores = raw.scores ?? {};
  return {
    byRule: pick<FindingsSummary['byRule']>(raw, 'by_rule', 'byRule') ?? [],
    byAgent: (pick<Raw[]>(raw, 'by_agent', 'byAgent') ?? []).map((a) => ({
      agent: a.agent,
      count: a.count,
      bySeverity: pick(a, 'by_severity', 'bySeverity') ?? {},
    })),
    byDay: (pick<Raw[]>(raw, 'by_day', 'byDay') ?? []).map((d) => ({
      day: d.day,
      count: d.count,
      byRule: pick(d, 'by_rule', 'byRule') ?? {},
    })),
    scores: {
      byAgent: pick(scores, 'by_agent', 'byAgent') ?? [],
      byDay: pick(scores, 'by_day', 'byDay') ?? [],
      team: scores.team ?? { score: null, sessions: 0 },
    },
  };
}
