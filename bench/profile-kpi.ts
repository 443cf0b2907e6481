// Profiling aid: recomputes every KPI rollup of a loaded store (run with node --cpu-prof --import tsx).
import { KpiService } from '../src/services/kpi.service.js';
import { connectStore } from '../src/store/store.js';

const store = await connectStore(process.argv[2]);
const kpi = new KpiService(store);
const t = performance.now();
const days = await kpi.refreshAll(await kpi.resolveShop());
console.log(`${days} days in ${((performance.now() - t) / 1000).toFixed(2)} s`);
await store.close();
