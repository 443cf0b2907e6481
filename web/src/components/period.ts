// The period a page shows, kept in the URL (?from=&to=) so links and reloads keep it; by default the
// last 7 days that have data.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Period } from '../api/endpoints';
import { useShop } from '../auth/shop-context';
import { addDays } from '../format/format';

export function defaultPeriod(last: string | undefined): Period {
  const to = last ?? new Date().toISOString().slice(0, 10);
  return { from: addDays(to, -6), to };
}

/** The period from the URL, or the default; undefined while the data range is still loading. */
export function usePeriod(): [Period | undefined, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const { dataDays } = useShop();
  const from = params.get('from');
  const to = params.get('to');
  const period = useMemo<Period | undefined>(() => {
    if (from && to) return { from, to };
    if (dataDays === undefined) return undefined;
    return defaultPeriod(dataDays?.last);
  }, [from, to, dataDays]);
  const setPeriod = useCallback(
    (p: Period) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('from', p.from);
          next.set('to', p.to);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [period, setPeriod];
}
