// Profiling aid: imports one chat file into a fresh SQLite store (run with node --cpu-prof --import tsx).
import { rmSync } from 'node:fs';
import { ImportService } from '../src/services/import.service.js';
import { connectStore } from '../src/store/store.js';

const [file, db = '/tmp/zhipei-profile.db'] = process.argv.slice(2);
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const store = await connectStore(db);
const t = performance.now();
const r = await new ImportService(store).importFile(file);
console.log(`${r.records} records in ${((performance.now() - t) / 1000).toFixed(2)} s`);
await store.close();
