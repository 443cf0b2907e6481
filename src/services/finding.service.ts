// Use cases for reading inspection results: a filtered, keyset-paged findings list, and the findings
// summary (by rule, by agent, by day, session scores) behind the overview and the findings explorer.
import { SEVERITIES, type Severity } from '../domain/inspection/types.js';
import {
  type FindingFilter,
  type FindingRecord,
  InspectionRepository,
} from '../store/repositories/inspection.repository.js';
import type { Store } from '../store/store.js';
import type { RulebookService } from './rulebook.service.js';
import { ServiceError } from './service-error.js';
import { VersionedCache } from './versioned-cache.js';

export interface FindingListInput extends FindingFilter {
  rule?: string;
  severity?: string;
  limit: number;
  cursor?: string;
}

export interface FindingSummary {
  byRule: Array<{ rule: string; name: string; category: string | null; severity: string; count: number }>;
  byAgent: Array<{ agent: string; count: number; bySeverity: Record<Severity, number> }>;
  byDay: Array<{ day: string; count: number; byRule: Record<string, number> }>;
  scores: {
    byAgent: Array<{ agent: string; score: number; sessions: number }>;
    byDay: Array<{ day: string; score: number; sessions: number }>;
    team: { score: number | null; sessions: number };
  };
}

export class FindingService {
  private readonly repo: InspectionRepository;

  private readonly summaries: VersionedCache<FindingSummary>;

  constructor(
    store: Store,
    private readonly rules: RulebookService,
  ) {
    this.repo = new InspectionRepository(store.db);
    this.summaries = new VersionedCache(() => store.dataVersion());
  }

  async list(q: FindingListInput): Promise<{ items: FindingRecord[]; nextCursor: string | null }> {
    const rows = await this.repo.findingsPage({
      ...q,
      limit: q.limit + 1,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > q.limit && last ? encodeCursor(last.day, last.id) : null;
    return { items, nextCursor };
  }

  /** Findings by rule, agent and day, and scores; identical queries between two writes come from memory. */
  summary(q: FindingFilter): Promise<FindingSummary> {
    const key = JSON.stringify([q.shop, q.from, q.to, q.agent, q.group]);
    return this.summaries.get(key, () => this.computeSummary(q));
  }

  private async computeSummary(q: FindingFilter): Promise<FindingSummary> {
    const r = await this.repo.findingSummary(q);
    const byRule = new Map<string, FindingSummary['byRule'][number]>();
    for (const row of r.byRule) {
      const rule = this.rules.rule(row.rule);
      const entry = byRule.get(row.rule) ?? {
        rule: row.rule,
        name: rule?.name ?? row.rule,
        category: rule?.category ?? null,
        severity: rule?.severity ?? row.severity,
        count: 0,
      };
      entry.count += row.count;
      byRule.set(row.rule, entry);
    }
    const byAgent = new Map<string, FindingSummary['byAgent'][number]>();
    for (const row of r.byAgent) {
      let entry = byAgent.get(row.agent);
      if (!entry) {
        entry = { agent: row.agent, count: 0, bySeverity: { critical: 0, major: 0, minor: 0, info: 0 } };
        byAgent.set(row.agent, entry);
      }
      entry.count += row.count;
      if ((SEVERITIES as readonly string[]).includes(row.severity))
        entry.bySeverity[row.severity as Severity] += row.count;
    }
    const byDay = new Map<string, FindingSummary['byDay'][number]>();
    for (const row of r.byDay) {
      let entry = byDay.get(row.day);
      if (!entry) {
        entry = { day: row.day, count: 0, byRule: {} };
        byDay.set(row.day, entry);
      }
      entry.count += row.count;
      entry.byRule[row.rule] = (entry.byRule[row.rule] ?? 0) + row.count;
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      byRule: [...byRule.values()].sort((a, b) => b.count - a.count || cmp(a.rule, b.rule)),
      byAgent: [...byAgent.values()].sort((a, b) => b.count - a.count || cmp(a.agent, b.agent)),
      byDay: [...byDay.values()].sort((a, b) => cmp(a.day, b.day)),
      scores: {
        byAgent: r.scoresByAgent
          .map((s) => ({ ...s, score: round(s.score) }))
          .sort((a, b) => cmp(a.agent, b.agent)),
        byDay: r.scoresByDay.map((s) => ({ ...s, score: round(s.score) })).sort((a, b) => cmp(a.day, b.day)),
        team: { score: r.team.score === null ? null : round(r.team.score), sessions: r.team.sessions },
      },
    };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeCursor(day: string, id: string): string {
  return Buffer.from(JSON.stringify([day, id])).toString('base64url');
}

function decodeCursor(s: string): { day: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { day: v[0], id: v[1] };
  } catch {
    // fall through
  }
  throw new ServiceError('bad_request', 'invalid cursor', { cursor: 'invalid cursor' });
}
