// A batch's inspection results as rows of column values, in the column order both engines' savers write
// (findings: FINDING_COLUMNS, session_scores: SCORE_COLUMNS): one definition for prepared statements and COPY.
import type { FindingRecord, SessionResult } from './repositories/inspection.repository.js';

export const FINDING_COLUMNS =
  'shop, id, session_id, rule, severity, agent, buyer, day, message_ids, evidence, score_delta, detail, rulebook';
export const SCORE_COLUMNS =
  'shop, session_id, day, agent, score, findings, critical, inspected_revision, rulebook, inspected_at';

export function findingRow(shop: string, f: FindingRecord): Array<string | number | null> {
  return [
    shop,
    f.id,
    f.sessionId,
    f.rule,
    f.severity,
    f.agent,
    f.buyer,
    f.day,
    JSON.stringify(f.messageIds),
    JSON.stringify(f.evidence),
    f.scoreDelta,
    f.detail,
    f.rulebook,
  ];
}

export function scoreRow(
  shop: string,
  r: SessionResult,
  rulebook: string,
  at: number,
): Array<string | number> {
  const s = r.session;
  return [shop, s.id, s.day, s.agent, r.score, r.findings.length, r.critical, s.revision, rulebook, at];
}
