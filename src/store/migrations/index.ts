// Ordered list of schema migrations. Each receives the engine so the rare engine-specific column type
// (an auto-increment key) stays inside the migration that needs it.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Engine } from '../engine.js';
import * as foundation from './001-foundation.js';
import * as kpiRollups from './002-kpi-rollups.js';
import * as inspection from './003-inspection.js';
import * as accounts from './004-accounts.js';
import * as apiReads from './005-api-reads.js';
import * as inspectionRollups from './006-inspection-rollups.js';
import * as narrowMessages from './007-narrow-messages.js';
import * as leanImportIndexes from './008-lean-import-indexes.js';
import * as hashedSessionIndex from './009-hashed-session-index.js';
import * as byteOrderText from './010-byte-order-text.js';
import * as dropUnreadScoreIndex from './011-drop-unread-score-index.js';

interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
  down(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

const ALL: Record<string, EngineMigration> = {
  '001-foundation': foundation,
  '002-kpi-rollups': kpiRollups,
  '003-inspection': inspection,
  '004-accounts': accounts,
  '005-api-reads': apiReads,
  '006-inspection-rollups': inspectionRollups,
  '007-narrow-messages': narrowMessages,
  '008-lean-import-indexes': leanImportIndexes,
  '009-hashed-session-index': hashedSessionIndex,
  '010-byte-order-text': byteOrderText,
  '011-drop-unread-score-index': dropUnreadScoreIndex,
};

export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(ALL)) {
        out[name] = { up: (db) => m.up(db, engine), down: (db) => m.down(db, engine) };
      }
      return out;
    },
  };
}
