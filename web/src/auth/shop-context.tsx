// The shop being looked at (the user's first, or the one picked and remembered), its time zone, and the
// days that have data (for default periods). Every GET carries the shop (setCurrentShop).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { setCurrentShop } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { Shop } from '../api/types';
import { Loading } from '../components/state-views';
import { addDays } from '../format/format';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const STORAGE_KEY = 'zhipei.shop';

interface ShopInfo {
  shops: Shop[];
  shop: Shop | null;
  timeZone: string;
  /** A reply slower than this (seconds) is a slow response (the shop's KPI setting). */
  slowThresholdS: number;
  /** First and last day with KPI data, or null when the shop has none (undefined while loading). */
  dataDays: { first: string; last: string } | null | undefined;
  pickShop: (id: string) => void;
}

const ShopContext = createContext<ShopInfo>({
  shops: [],
  shop: null,
  timeZone: DEFAULT_TIME_ZONE,
  slowThresholdS: 60,
  dataDays: undefined,
  pickShop: () => {},
});

async function dataDaysOf(): Promise<ShopInfo['dataDays']> {
  const report = await endpoints
    .kpi({ from: '2000-01-01', to: addDays(new Date().toISOString().slice(0, 10), 3650), by: 'day' })
    .catch(() => null);
  const days = (report?.days ?? []).map((d) => d.day).sort();
  return days.length ? { first: days[0], last: days[days.length - 1] } : null;
}

export function ShopProvider({ children }: { children: ReactNode }) {
  const [shops, setShops] = useState<Shop[]>([]);
  const [shop, setShop] = useState<Shop | null>(null);
  const [dataDays, setDataDays] = useState<ShopInfo['dataDays']>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    (async () => {
      const list = await endpoints.shops().catch(() => [] as Shop[]);
      const saved = localStorage.getItem(STORAGE_KEY);
      const chosen = list.find((s) => s.id === saved) ?? list[0] ?? null;
      setCurrentShop(chosen?.id);
      const days = await dataDaysOf();
      if (!live) return;
      setShops(list);
      setShop(chosen);
      setDataDays(days);
      setReady(true);
    })();
    return () => {
      live = false;
    };
  }, []);

  const pickShop = useCallback(
    (id: string) => {
      const next = shops.find((s) => s.id === id);
      if (!next) return;
      localStorage.setItem(STORAGE_KEY, id);
      setCurrentShop(id);
      setShop(next);
      setDataDays(undefined);
      void dataDaysOf().then(setDataDays);
    },
    [shops],
  );

  if (!ready) return <Loading />;
  return (
    <ShopContext.Provider
      value={{
        shops,
        shop,
        timeZone: shop?.timeZone || DEFAULT_TIME_ZONE,
        slowThresholdS: shop?.kpi?.slowThresholdS ?? 60,
        dataDays,
        pickShop,
      }}
    >
      {/* Remount the pages when the shop changes, so nothing shows another shop's data. */}
      <div key={shop?.id ?? 'none'} style={{ display: 'contents' }}>
        {children}
      </div>
    </ShopContext.Provider>
  );
}

export function useShop(): ShopInfo {
  return useContext(ShopContext);
}
