// Saves a batch of inspection results on PostgreSQL: the batch's old findings and scores go (only for
// sessions inspected before), the new ones are COPied in, all in one transaction. COPY text costs the
// client and the server less than thousands of array elements bound to an INSERT … SELECT unnest(…).
import type pg from 'pg';
import type { SessionResult } from '../repositories/inspection.repository.js';
import { FINDING_COLUMNS, findingRow, SCORE_COLUMNS, scoreRow } from '../result-rows.js';
import { copyLine } from './copy-format.js';
import { copyIn } from './copy-text.js';

export function postgresResultSaver(pool: pg.Pool) {
  return async (shop: string, rulebook: string, results: SessionResult[], at: number): Promise<void> => {
    const replaced = results.filter((r) => r.session.inspected !== false).map((r) => r.session.id);
    let findings = '';
    let scores = '';
    for (const r of results) {
      for (const f of r.findings) findings += copyLine(findingRow(shop, f));
      scores += copyLine(scoreRow(shop, r, rulebook, at));
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if (replaced.length > 0) {
        const values = [shop, replaced];
        await client.query({
          name: 'insp_drop_findings',
          text: 'DELETE FROM findings WHERE shop = $1 AND session_id = ANY($2::text[])',
          values,
        });
        await client.query({
          name: 'insp_drop_scores',
          text: 'DELETE FROM session_scores WHERE shop = $1 AND session_id = ANY($2::text[])',
          values,
        });
      }
      if (findings) await copyIn(client, `COPY findings (${FINDING_COLUMNS}) FROM STDIN`, findings);
      await copyIn(client, `COPY session_scores (${SCORE_COLUMNS}) FROM STDIN`, scores);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
}
