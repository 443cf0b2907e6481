// Saves a batch of inspection results on SQLite: prepared statements on the raw connection (4× faster
// than built queries). A session never inspected has no old findings to delete.
import type SqliteDatabase from 'better-sqlite3';
import type { SessionResult } from '../repositories/inspection.repository.js';

/** Replaces a batch's findings and scores in one synchronous transaction over prepared statements. */
export function sqliteResultSaver(sqlite: SqliteDatabase.Database) {
  const deleteFindings = sqlite.prepare('DELETE FROM findings WHERE shop = ? AND session_id = ?');
  const insertFinding = sqlite.prepare(
    `INSERT INTO findings (shop, id, session_id, rule, severity, agent, buyer, day, message_ids, evidence,
       score_delta, detail, rulebook) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertScore = sqlite.prepare(
    `INSERT INTO session_scores (shop, session_id, day, agent, score, findings, critical, inspected_revision,
       rulebook, inspected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (shop, session_id) DO UPDATE SET day = excluded.day, agent = excluded.agent,
       score = excluded.score, findings = excluded.findings, critical = excluded.critical,
       inspected_revision = excluded.inspected_revision, rulebook = excluded.rulebook,
       inspected_at = excluded.inspected_at`,
  );
  return sqlite.transaction((shop: string, rulebook: string, results: SessionResult[], at: number) => {
    for (const r of results) {
      const s = r.session;
      // A session never inspected has no findings to replace (the first inspection of a big import).
      if (s.inspected !== false) deleteFindings.run(shop, s.id);
      for (const f of r.findings) {
        insertFinding.run(
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
        );
      }
      upsertScore.run(
        shop,
        s.id,
        s.day,
        s.agent,
        r.score,
        r.findings.length,
        r.critical,
        s.revision,
        rulebook,
        at,
      );
    }
  });
}
