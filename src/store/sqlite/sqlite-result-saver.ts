// Saves a batch of inspection results on SQLite: prepared statements on the raw connection (4× faster
// than built queries). A session never inspected has no old findings to delete.
import type SqliteDatabase from 'better-sqlite3';
import type { SessionResult } from '../repositories/inspection.repository.js';
import { FINDING_COLUMNS, findingRow, SCORE_COLUMNS, scoreRow } from '../result-rows.js';

/** Replaces a batch's findings and scores in one synchronous transaction over prepared statements. */
export function sqliteResultSaver(sqlite: SqliteDatabase.Database) {
  const deleteFindings = sqlite.prepare('DELETE FROM findings WHERE shop = ? AND session_id = ?');
  const insertFinding = sqlite.prepare(
    `INSERT INTO findings (${FINDING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertScore = sqlite.prepare(
    `INSERT INTO session_scores (${SCORE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
      for (const f of r.findings) insertFinding.run(...findingRow(shop, f));
      upsertScore.run(...scoreRow(shop, r, rulebook, at));
    }
  });
}
