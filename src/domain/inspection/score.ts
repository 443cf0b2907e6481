// Scorecard: a session starts at `base` (100); each finding deducts its rule's points (per-rule override,
// else per severity); a rule or severity marked 'zero' sets the session to 0. Scores are clamped to 0..100.
// Agent and day scores are plain means of their session scores (every inspected session counts once).

import type { Finding, Scorecard } from './types.js';

export function scoreSession(findings: readonly Finding[], scorecard: Scorecard): number {
  const base = scorecard.base ?? 100;
  let score = base;
  for (const f of findings) {
    const d = scorecard.rules?.[f.rule] ?? scorecard.severity[f.severity];
    if (d === 'zero') return 0;
    score -= Math.abs(d);
  }
  return Math.max(0, Math.min(100, score));
}

/** Mean of session scores (agent, day, team); null when there are none. */
export function averageScore(sessionScores: readonly number[]): number | null {
  if (sessionScores.length === 0) return null;
  let sum = 0;
  for (const s of sessionScores) sum += s;
  return sum / sessionScores.length;
}
