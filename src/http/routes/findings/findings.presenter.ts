import type { z } from 'zod';
import type { RulebookService } from '../../../services/rulebook.service.js';
import type { FindingSummary } from '../../../services/finding.service.js';
import type { FindingRecord } from '../../../store/repositories/inspection.repository.js';
import type { FindingSummaryResponse, FindingView } from './findings.schema.js';

export function presentFinding(f: FindingRecord, rules: RulebookService): z.infer<typeof FindingView> {
  return {
    id: f.id,
    rule: f.rule,
    rule_name: rules.ruleName(f.rule),
    severity: f.severity,
    shop: f.shop,
    agent: f.agent,
    buyer: f.buyer,
    date: f.day,
    session_id: f.sessionId,
    message_ids: f.messageIds,
    evidence: f.evidence.map((e) => ({ message_id: e.message_id, start: e.start, end: e.end, text: e.text })),
    score_delta: f.scoreDelta,
    detail: f.detail,
  };
}

export function presentSummary(s: FindingSummary): z.infer<typeof FindingSummaryResponse> {
  return {
    by_rule: s.byRule,
    by_agent: s.byAgent.map((a) => ({ agent: a.agent, count: a.count, by_severity: a.bySeverity })),
    by_day: s.byDay.map((d) => ({ day: d.day, count: d.count, by_rule: d.byRule })),
    scores: { by_agent: s.scores.byAgent, by_day: s.scores.byDay, team: s.scores.team },
  };
}
