// Small helpers shared by the KPI engine, credit and reminders: ordering checks, grouping by
// (shop, buyer), and binary searches over a buyer's time-ordered messages. Pure, internal.

interface Timed {
  at: number;
}

/** True when items are in non-decreasing time order. */
export function isTimeOrdered(items: readonly Timed[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i].at < items[i - 1].at) return false;
  return true;
}

/** The items in time order; equal times keep input order (Array.prototype.sort is stable). */
export function inTimeOrder<T extends Timed>(items: readonly T[]): readonly T[] {
  return isTimeOrdered(items) ? items : items.slice().sort((a, b) => a.at - b.at);
}

/** Index of the first item with at > t (items time-ordered); items.length when none. */
export function firstAfter(items: readonly Timed[], t: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Groups items by shop, then buyer, keeping input order inside each group. */
export function groupByShopBuyer<T extends { shop: string; buyer: string }>(
  items: readonly T[],
): Map<string, Map<string, T[]>> {
  const byShop = new Map<string, Map<string, T[]>>();
  let lastShop: string | null = null;
  let lastMap: Map<string, T[]> | undefined;
  for (const item of items) {
    let byBuyer: Map<string, T[]> | undefined;
    if (item.shop === lastShop) byBuyer = lastMap;
    else {
      byBuyer = byShop.get(item.shop);
      if (!byBuyer) {
        byBuyer = new Map();
        byShop.set(item.shop, byBuyer);
      }
      lastShop = item.shop;
      lastMap = byBuyer;
    }
    const list = byBuyer!.get(item.buyer);
    if (list) list.push(item);
    else byBuyer!.set(item.buyer, [item]);
  }
  return byShop;
}
