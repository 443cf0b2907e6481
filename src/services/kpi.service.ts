// Use cases: keep the daily KPI rollups fresh, and report KPIs for a period, an agent or a group.
import { computeAgentDays, dayNumbersOf, type KpiInput } from '../domain/kpi/compute.js';
import { analyzeBuyers } from '../domain/kpi/engine.js';
import { type ExplainItem, explainMetric } from '../domain/kpi/explain.js';
import { isKpiMetricKey, KPI_METRIC_KEYS } from '../domain/kpi/metrics.js';
import { sessionIdOf } from '../domain/session-id.js';
import type { AgentKpi } from '../domain/kpi/metrics.js';
import type { KpiParts } from '../domain/kpi/parts.js';
import { poolParts } from '../domain/kpi/pool.js';
import { type KpiSettings, resolveKpiSettings } from '../domain/kpi/settings.js';
import { affectedDays, requiredWindow } from '../domain/kpi/window.js';
import { addDays, dayNumberToString, dayStringToNumber, localDay } from '../domain/time.js';
import { type InquiryRow, KpiRepository, type RollupRow } from '../store/repositories/kpi.repository.js';
import type { Store } from '../store/store.js';
import { VersionedCache } from './versioned-cache.js';

/** Days computed per pass: bounds memory on big shops while keeping the window overhead small. */
const DAYS_PER_PASS = 7;

export interface KpiQuery {
  from: string;
  to: string;
  shop?: string;
  agent?: string;
  group?: string;
  byDay?: boolean;
}

export type AgentKpiRow = { agent: string } & AgentKpi;

export interface KpiReport {
  shop: string;
  from: string;
  to: string;
  agents: AgentKpiRow[];
  total: AgentKpi;
  days?: Array<{ day: string; total: AgentKpi; agents: AgentKpiRow[] }>;
}

export interface ExplainQuery {
  shop?: string;
  agent: string;
  metric: string;
  from: string;
  to: string;
}

export type ExplainedItem = ExplainItem & { sessionId: string | null };

export class KpiService {
  private readonly repo: KpiRepository;

  constructor(private readonly store: Store) {
    this.repo = new KpiRepository(store.db);
  }

  async settingsOf(shopId: string): Promise<KpiSettings> {
    const shop = await this.store.shops.get(shopId);
    if (!shop) throw new Error(`unknown shop: ${shopId}`);
    return resolveKpiSettings(shop.timeZone, (shop.settings.kpi ?? {}) as Partial<KpiSettings>);
  }

  /** Recomputes the rollups of every day an import touched (and the days whose windows reach them). */
  async refreshAfterImport(daysByShop: Record<string, string[]>): Promise<number> {
    let n = 0;
    for (const [shop, days] of Object.entries(daysByShop)) {
      const settings = await this.settingsOf(shop);
      n += await this.refreshDays(
        shop,
        affectedDays({ messageDays: days, orderDays: days }, settings),
        settings,
      );
    }
    return n;
  }

  /** Recomputes every day the shop has data for. */
  async refreshAll(shop: string): Promise<number> {
    const settings = await this.settingsOf(shop);
    const sessions = await this.repo.sessionDaySpan(shop);
    const orders = await this.repo.orderTimeSpan(shop);
    const bounds = [sessions?.first, sessions?.last];
    if (orders)
      bounds.push(localDay(orders.first, settings.timeZone), localDay(orders.last, settings.timeZone));
    const known = bounds.filter((d): d is string => !!d).sort();
    if (known.length === 0) return 0;
    const days: string[] = [];
    for (let d = addDays(known[0], -1); d <= known[known.length - 1]; d = addDays(d, 1)) days.push(d);
    return this.refreshDays(shop, days, settings);
  }

  async refreshDays(shop: string, days: string[], settings?: KpiSettings): Promise<number> {
    const s = settings ?? (await this.settingsOf(shop));
    const sorted = [...new Set(days)].sort();
    for (let i = 0; i < sorted.length; i += DAYS_PER_PASS) {
      const chunk = sorted.slice(i, i + DAYS_PER_PASS);
      const window = requiredWindow(chunk, s);
      const messages = await this.repo.messagesOnDays(shop, window.messages);
      const orders = await this.repo.ordersCreatedIn(shop, window.orders);
      const input: KpiInput = { settings: s, days: chunk, messages, orders };
      await this.repo.replaceDays(shop, chunk, computeAgentDays(input), inquiryOutcomes(input));
    }
    return sorted.length;
  }

  private readonly reports = new VersionedCache<KpiReport>(() => this.store.dataVersion());

  /**
   * The KPI report; identical queries between two writes are served from memory (dashboards).
   * `cache: false` computes afresh (benchmarks measure the computation, not the cache).
   */
  report(q: KpiQuery, options: { cache?: boolean } = {}): Promise<KpiReport> {
    if (options.cache === false) return this.computeReport(q);
    const key = JSON.stringify([q.shop, q.from, q.to, q.agent, q.group, q.byDay ?? false]);
    return this.reports.get(key, () => this.computeReport(q));
  }

  private async computeReport(q: KpiQuery): Promise<KpiReport> {
    const shop = await this.resolveShop(q.shop);
    if (dayStringToNumber(q.from) > dayStringToNumber(q.to)) throw new RangeError('--from is after --to');
    let agents: string[] | undefined;
    if (q.group) agents = await this.repo.agentsOfGroup(shop, q.group);
    if (q.agent) agents = agents ? agents.filter((a) => a === q.agent) : [q.agent];
    const rows = await this.repo.sumParts({ shop, from: q.from, to: q.to, agents });
    const report: KpiReport = {
      shop,
      from: q.from,
      to: q.to,
      agents: rows.map(agentRow),
      total: poolParts(rows),
    };
    if (q.byDay) {
      const daily = await this.repo.sumParts({ shop, from: q.from, to: q.to, agents, byDay: true });
      const byDay = new Map<string, RollupRow[]>();
      for (const r of daily) {
        const list = byDay.get(r.day!) ?? [];
        list.push(r);
        byDay.set(r.day!, list);
      }
      report.days = [...byDay.keys()].sort().map((day) => {
        const list = byDay.get(day)!;
        return { day, total: poolParts(list), agents: list.map(agentRow) };
      });
    }
    return report;
  }

  /** The sessions, runs and orders behind one agent's figure, each with why it counts (or not). */
  async explain(q: ExplainQuery): Promise<{ shop: string; items: ExplainedItem[] }> {
    if (!isKpiMetricKey(q.metric)) {
      throw new RangeError(`unknown metric "${q.metric}"; one of: ${KPI_METRIC_KEYS.join(', ')}`);
    }
    const shop = await this.resolveShop(q.shop);
    const settings = await this.settingsOf(shop);
    const days: string[] = [];
    for (let d = q.from; d <= q.to; d = addDays(d, 1)) days.push(d);
    const window = requiredWindow(days, settings);
    const messages = await this.repo.messagesOnDays(shop, window.messages);
    const orders = await this.repo.ordersCreatedIn(shop, window.orders);
    const items = explainMetric({ settings, days, messages, orders }, q.agent, q.metric, days);
    return {
      shop,
      items: items.map((it) => ({
        ...it,
        sessionId:
          it.kind === 'order'
            ? null
            : sessionIdOf({ shop: it.shop, agent: it.agent, buyer: it.buyer, day: it.day }),
      })),
    };
  }

  /** The one shop a query is about: the given one, or the only shop in the store. */
  async resolveShop(shop?: string): Promise<string> {
    if (shop) {
      if (!(await this.store.shops.get(shop))) throw new Error(`unknown shop: ${shop}`);
      return shop;
    }
    const shops = await this.store.shops.list();
    if (shops.length === 1) return shops[0].id;
    if (shops.length === 0)
      throw new Error('the store holds no shop yet: import data or run `zhipei demo` first');
    throw new Error(
      `the store holds ${shops.length} shops; pass --shop (${shops.map((s) => s.id).join(', ')})`,
    );
  }
}

/**
 * Each inquiry session of the input's days with its outcome, from the same engine facts the rollups sum:
 * per agent-day, the rows count inquiry_buyers, `ordered` ones inquiry_ordered_buyers and `paid` ones
 * inquiry_paid_buyers. "Inquiry not converted" (GET /sessions) is an inquiry row with paid = false.
 */
export function inquiryOutcomes(input: KpiInput): InquiryRow[] {
  const wanted = dayNumbersOf(input.days);
  const out: InquiryRow[] = [];
  analyzeBuyers(input, ({ sessions }) => {
    for (const s of sessions) {
      const q = s.inquiry;
      if (q === null || q.orderBefore !== null || !wanted.has(s.dayNumber)) continue;
      const day = dayNumberToString(s.dayNumber);
      out.push({
        sessionId: sessionIdOf({ shop: s.shop, agent: s.agent, buyer: s.buyer, day }),
        day,
        agent: s.agent,
        ordered: q.ordered !== null,
        paid: q.paid !== null,
      });
    }
  });
  return out;
}

function agentRow(r: KpiParts & { agent: string }): AgentKpiRow {
  return { agent: r.agent, ...poolParts([r]) };
}
