import { ServiceError } from '../../services/service-error.js';
import { ShopService } from '../../services/shop.service.js';
import { connectStore } from '../../store/store.js';
import { DB_OPTION, intFlag, parseFlags, UsageError } from '../parse.js';

const USAGE =
  'usage: zhipei shop list [--json]\n' +
  '       zhipei shop set --shop S [--name N] [--time-zone IANA] [--slow-threshold SECONDS]\n' +
  '                       [--credit-window-days N] [--paid-window-days N]';

export async function shopCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return list(rest);
  if (sub === 'set') return set(rest);
  throw new UsageError(USAGE);
}

async function list(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...DB_OPTION, json: { type: 'boolean' } });
  const store = await connectStore(values.db);
  try {
    const shops = await new ShopService(store).list();
    if (values.json) console.log(JSON.stringify(shops, null, 2));
    else
      for (const s of shops) console.log(`${s.id}  ${s.name}  ${s.timeZone}  ${JSON.stringify(s.settings)}`);
  } finally {
    await store.close();
  }
  return 0;
}

async function set(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    shop: { type: 'string' },
    name: { type: 'string' },
    'time-zone': { type: 'string' },
    'slow-threshold': { type: 'string' },
    'credit-window-days': { type: 'string' },
    'paid-window-days': { type: 'string' },
  });
  if (!values.shop) throw new UsageError(USAGE);
  const kpi = {
    slowThresholdS: intFlag(values['slow-threshold'], 'slow-threshold'),
    creditWindowDays: intFlag(values['credit-window-days'], 'credit-window-days'),
    paidWindowDays: intFlag(values['paid-window-days'], 'paid-window-days'),
  };
  const kpiPatch = Object.fromEntries(Object.entries(kpi).filter(([, v]) => v !== undefined));
  const store = await connectStore(values.db);
  try {
    const r = await new ShopService(store).update(values.shop, {
      name: values.name,
      timeZone: values['time-zone'],
      kpi: kpiPatch,
    });
    console.log(`${r.shop.id}: ${r.shop.name}, ${r.shop.timeZone}, ${JSON.stringify(r.shop.settings)}`);
    if (r.kpiDaysRecomputed) {
      console.log(
        `KPI rollups: ${r.kpiDaysRecomputed} days recomputed; inspection: ${r.sessionsReinspected} sessions`,
      );
    }
  } catch (err) {
    if (err instanceof ServiceError) throw new UsageError(err.message);
    throw err;
  } finally {
    await store.close();
  }
  return 0;
}
