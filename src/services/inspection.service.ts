// Use case: inspect the stored sessions with a rulebook and keep the findings and session scores.
// Incremental: a session is inspected when it is new, when messages were added to it since (its revision
// grew) or when it was inspected under another rulebook fingerprint; `all` re-inspects everything.
// Sessions go in keyset-paged batches; big jobs run the engine on worker threads while this thread reads
// and writes the store.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  type CompiledRulebook,
  ENGINE_VERSION,
  inspectSession,
  scoreSession,
  toPortable,
} from '../domain/inspection/index.js';
import type { Finding, InspectionSession, Rulebook } from '../domain/inspection/types.js';
import { type KpiSettings, resolveKpiSettings } from '../domain/kpi/settings.js';
import { compiledRulebook } from '../rulebook/compiled-rulebook-cache.js';
import { loadRulebook } from '../rulebook/load-rulebook.js';
import {
  type FindingRecord,
  type FindingsQuery,
  InspectionRepository,
  type PendingSession,
  type SessionResult,
} from '../store/repositories/inspection.repository.js';
import type { Store } from '../store/store.js';
import { AgentSessionDays } from '../store/repositories/agent-session-days.js';
import { loadInspectionInput, readOtherAgentMessages } from './inspection-loader.js';
import { InspectionWorkers, type WorkerResult } from './inspection-workers.js';

export interface InspectOptions {
  shop?: string;
  /** Rulebook file; default: rulebooks/default.zh-CN.yaml. */
  rulebookPath?: string;
  /** An already loaded rulebook (wins over rulebookPath). */
  rulebook?: Rulebook;
  /** Re-inspect every session, inspected or not. */
  all?: boolean;
  /** Sessions per batch (default 500). */
  batchSize?: number;
  /** Worker threads: 0 = inspect on this thread; default: chosen from the job size and the cores. */
  workers?: number;
  /**
   * Wait for the workers before the first batch, so every batch runs on one (by default batches run on
   * this thread until a worker is up). For comparing the paths.
   */
  awaitWorkers?: boolean;
  onProgress?: (p: { shop: string; done: number; total: number }) => void;
}

export interface RuleCount {
  rule: string;
  name: string;
  severity: string;
  findings: number;
}

export interface InspectSummary {
  rulebook: { id: string; version: string; fingerprint: string };
  shops: string[];
  sessions: number;
  messages: number;
  findings: number;
  /** Every rule of the rulebook, in rulebook order, with the findings this run produced. */
  byRule: RuleCount[];
  workers: number;
  ms: number;
}

/** Below this many pending sessions the worker start-up (~0.5 s each) costs more than it saves. */
export const WORKER_MIN_SESSIONS = 20_000;
const DEFAULT_BATCH = 500;
/**
 * Batches a loading worker holds: one running, the rest loading or queued behind it. This thread takes a
 * batch itself only when every worker is full, and its batch (read, inspected, saved, with the paging and
 * the workers' reads in between) takes it longer than a worker's: with two held, the worker ran dry during
 * it. Alternated runs on 2 cores: 2M demo shop PostgreSQL 20.7 s with 2, 18.6 s with 6, 18.8 s with 10,
 * 23 s with every batch on the worker; SQLite 15.5 s with 2, 13.8 s with 6; 300k 2.14 → 2.00 s (SQLite),
 * 2.84 → 2.63 s (PostgreSQL).
 */
const WORKER_QUEUE = 6;
/** Sessions whose results are written in one transaction. */
const SAVE_EVERY = 5000;

export class InspectionService {
  private readonly repo: InspectionRepository;

  constructor(private readonly store: Store) {
    this.repo = new InspectionRepository(store.db, store.handle);
  }

  /** Inspects the new or changed sessions (or all of them) of one shop or every shop. */
  async inspect(options: InspectOptions = {}): Promise<InspectSummary> {
    const started = performance.now();
    const rulebook = options.rulebook ?? loadRulebook(options.rulebookPath);
    const fingerprint = rulebook.fingerprint ?? fingerprintOf(rulebook);
    const shops = options.shop
      ? [await this.requireShop(options.shop)]
      : (await this.store.shops.list()).map((s) => s.id);
    const all = options.all ?? false;
    const batchSize = options.batchSize ?? DEFAULT_BATCH;

    const pendingByShop = new Map<string, number>();
    for (const shop of shops) pendingByShop.set(shop, await this.repo.countPending(shop, fingerprint, all));
    const total = [...pendingByShop.values()].reduce((a, b) => a + b, 0);
    const location = this.store.handle.location;
    const workerCount = options.workers ?? defaultWorkers(total, location !== undefined);

    const counts = new Map<string, number>();
    let sessions = 0;
    let messages = 0;
    // This thread compiles the rulebook (or finds it compiled) and hands the workers the result, then they
    // start in the background; batches run on this thread until one is ready. Compiling it again, a worker
    // was ready ~0.3 s later and kept the JIT's background threads busy for ~0.6 s more.
    const compiled = compiledRulebook(rulebook, fingerprint);
    const workers =
      workerCount > 0 && total > 0
        ? InspectionWorkers.launch(
            { fingerprint, compiled: () => toPortable(compiled), store: location },
            workerCount,
          )
        : null;
    const threads = workers?.planned ?? 0;
    if (workers && options.awaitWorkers) await workers.whenReady();
    try {
      for (const shop of shops) {
        if (!pendingByShop.get(shop)) continue;
        const settings = await this.settingsOf(shop);
        const run = new ShopRun(this.repo, shop, fingerprint, compiled, settings, workers);
        await run.execute(all, batchSize, (done) =>
          options.onProgress?.({ shop, done, total: pendingByShop.get(shop) ?? done }),
        );
        await this.repo.refreshSummaryDays(shop, [...run.days]);
        sessions += run.sessions;
        messages += run.messages;
        for (const [rule, n] of run.counts) counts.set(rule, (counts.get(rule) ?? 0) + n);
      }
    } finally {
      await workers?.close();
    }
    return {
      rulebook: { id: rulebook.id, version: rulebook.version, fingerprint },
      shops,
      sessions,
      messages,
      findings: [...counts.values()].reduce((a, b) => a + b, 0),
      byRule: compiled.rules.map((r) => ({
        rule: r.rule.id,
        name: r.rule.name,
        severity: r.rule.severity,
        findings: counts.get(r.rule.id) ?? 0,
      })),
      workers: threads,
      ms: Math.round(performance.now() - started),
    };
  }

  /** After an import: inspect what it added or changed (the same as an incremental `inspect`). */
  inspectAfterImport(
    options: Pick<InspectOptions, 'shop' | 'rulebookPath' | 'rulebook' | 'workers'> = {},
  ): Promise<InspectSummary> {
    return this.inspect({ ...options, all: false });
  }

  /**
   * Runs a compiled rulebook over one stored session, exactly as a full inspection would (same inputs:
   * orders, refunds and other agents' messages around it), without storing anything. Null when the
   * session does not exist.
   */
  async inspectOne(shop: string, sessionId: string, compiled: CompiledRulebook): Promise<Finding[] | null> {
    const pending = await this.repo.sessionsByIds(shop, [sessionId]);
    if (pending.length === 0) return null;
    const run = new ShopRun(this.repo, shop, '', compiled, await this.settingsOf(shop), null);
    const [session] = await run.load(pending);
    return inspectSession(compiled, session);
  }

  async findings(q: FindingsQuery = {}): Promise<FindingRecord[]> {
    if (q.shop) await this.requireShop(q.shop);
    return this.repo.findings(q);
  }

  private async requireShop(shop: string): Promise<string> {
    if (!(await this.store.shops.get(shop))) throw new Error(`unknown shop: ${shop}`);
    return shop;
  }

  private async settingsOf(shopId: string): Promise<KpiSettings> {
    const shop = await this.store.shops.get(shopId);
    if (!shop) throw new Error(`unknown shop: ${shopId}`);
    return resolveKpiSettings(shop.timeZone, (shop.settings.kpi ?? {}) as Partial<KpiSettings>);
  }
}

/** One shop's inspection: load a batch, inspect it (here or on a worker), save it; keep a few batches in flight. */
class ShopRun {
  sessions = 0;
  messages = 0;
  readonly counts = new Map<string, number>();
  /** The days whose results changed: their summary rollups are rebuilt after the run. */
  readonly days = new Set<string>();
  /** Results inspected but not yet written (see save). */
  private unsaved: SessionResult[] = [];
  /** The shop's sessions by day, read as this thread's batches reach them (for the buyers' other sessions). */
  private readonly held: AgentSessionDays;

  constructor(
    private readonly repo: InspectionRepository,
    private readonly shop: string,
    private readonly fingerprint: string,
    private readonly compiled: CompiledRulebook,
    private readonly settings: KpiSettings,
    private readonly workers: InspectionWorkers | null,
  ) {
    this.held = new AgentSessionDays(shop);
  }

  async execute(all: boolean, batchSize: number, progress: (done: number) => void): Promise<void> {
    if (this.workers?.loading) await this.executeShared(this.workers, all, batchSize, progress);
    else await this.executeHere(all, batchSize, progress);
    await this.flush(progress);
  }

  /**
   * The pending sessions, a page at a time (keyset paging on the session id). The next page is asked for
   * before this one is handed out: on PostgreSQL the server finds it while this thread works on the page
   * (waiting for each page in turn left the thread idle for a round trip per batch).
   */
  private async *pages(all: boolean, batchSize: number): AsyncGenerator<PendingSession[]> {
    const page = (after: string | null) =>
      this.repo.pendingSessions({
        shop: this.shop,
        after,
        limit: batchSize,
        rulebook: this.fingerprint,
        all,
      });
    let next: Promise<PendingSession[]> | null = page(null);
    while (next) {
      const pending: PendingSession[] = await next;
      next = pending.length === batchSize ? page(pending[pending.length - 1].id) : null;
      // A failed read ahead surfaces when it is awaited on the next turn; mark it handled meanwhile.
      next?.catch(() => {});
      if (pending.length > 0) yield pending;
    }
  }

  /**
   * Without loading workers: batches load and run here (or on engine-only workers). Two batches in flight:
   * on PostgreSQL one batch's save (a round trip and a commit) overlaps the next batch's reads and
   * inspection; on SQLite every step is synchronous anyway.
   */
  private async executeHere(
    all: boolean,
    batchSize: number,
    progress: (done: number) => void,
  ): Promise<void> {
    const inFlight: Promise<void>[] = [];
    const maxInFlight = this.workers ? this.workers.planned + 1 : 2;
    for await (const pending of this.pages(all, batchSize)) {
      if (this.workers) await nextTurn();
      const job = this.loadAndInspect(pending).then((result) => this.save(pending, result, progress));
      // Failures surface when the job is awaited below; mark them handled meanwhile.
      job.catch(() => {});
      inFlight.push(job);
      while (inFlight.length >= maxInFlight) await inFlight.shift();
    }
    for (const job of inFlight) await job;
  }

  /**
   * Loading workers share the batches with this thread. Each worker keeps one batch running and more
   * queued (WORKER_QUEUE), so it never waits for this thread; this thread inspects a batch itself whenever
   * every worker's queue is full, so it never waits for them (before, it waited for the oldest batch in
   * flight: on the 300k demo shop, 0.75 s of a 4.8 s run).
   */
  private async executeShared(
    workers: InspectionWorkers,
    all: boolean,
    batchSize: number,
    progress: (done: number) => void,
  ): Promise<void> {
    const onWorkers = new Set<Promise<void>>();
    let failure: unknown = null;
    // This thread's own batch whose reads are under way: on PostgreSQL the server answers them while this
    // thread runs the rules on the batch before (on SQLite the reads are done by the time load returns).
    let loading: { pending: PendingSession[]; input: Promise<InspectionSession[]> } | null = null;
    const inspectLoaded = async (own: NonNullable<typeof loading>) =>
      this.save(own.pending, this.inspectInput(await own.input), progress);
    for await (const pending of this.pages(all, batchSize)) {
      // On SQLite every await resolves at once: give the event loop a turn so that a worker's "ready" and
      // its finished batches are seen between this thread's batches.
      await nextTurn();
      if (failure) throw failure;
      if (workers.ready() && workers.hasRoom(WORKER_QUEUE)) {
        // Read here from the sessions by day this thread holds: a worker would read every day again.
        const others = await readOtherAgentMessages(this.repo, this.shop, this.settings, pending, this.held);
        const job: Promise<void> = workers
          .loadAndRun(this.shop, this.settings, pending, others)
          .then((result) => this.save(pending, result, progress))
          .catch((err) => {
            failure ??= err;
          })
          .finally(() => onWorkers.delete(job));
        onWorkers.add(job);
      } else {
        const next = { pending, input: this.load(pending) };
        next.input.catch(() => {}); // surfaces when inspected
        if (loading) await inspectLoaded(loading);
        loading = next;
      }
    }
    if (loading) await inspectLoaded(loading);
    await Promise.all(onWorkers);
    if (failure) throw failure;
  }

  /** The engine input of these sessions: messages, the buyers' orders, refunds and agent messages around them. */
  load(pending: PendingSession[]): Promise<InspectionSession[]> {
    return loadInspectionInput(this.repo, this.shop, this.settings, pending, this.held);
  }

  /** Findings per session: inspected on an engine-only worker, or loaded and inspected here. */
  private async loadAndInspect(pending: PendingSession[]): Promise<WorkerResult> {
    const workers = this.workers?.ready() ? this.workers : null;
    const input = await this.load(pending);
    return workers ? workers.run(input) : this.inspectInput(input);
  }

  private inspectInput(input: InspectionSession[]): WorkerResult {
    return {
      findings: input.map((s) => inspectSession(this.compiled, s)),
      messageCounts: input.map((s) => s.messages.length),
    };
  }

  /**
   * Keeps a batch's results and writes them once SAVE_EVERY sessions wait (and at the end): a commit per
   * batch of 500 cost the embedded store more than the rows did (WAL pages of every index written again
   * and again — 34k scores took 340–390 ms in batches of 500 and ~150 ms in batches of 5,000).
   */
  private async save(
    pending: PendingSession[],
    { findings, messageCounts }: WorkerResult,
    progress: (done: number) => void,
  ): Promise<void> {
    pending.forEach((session, i) => {
      const list = findings[i];
      for (const f of list) this.counts.set(f.rule, (this.counts.get(f.rule) ?? 0) + 1);
      this.messages += messageCounts[i];
      this.unsaved.push({
        session,
        findings: list.map((f) => toRecord(this.shop, session, f, this.fingerprint)),
        score: scoreSession(list, this.compiled.scorecard),
        critical: list.filter((f) => f.severity === 'critical').length,
      });
    });
    if (this.unsaved.length >= SAVE_EVERY) await this.flush(progress);
  }

  /** Writes the results kept so far in one transaction. */
  private async flush(progress: (done: number) => void): Promise<void> {
    const results = this.unsaved;
    if (results.length === 0) return;
    this.unsaved = [];
    await this.repo.saveResults(this.shop, this.fingerprint, results, Date.now());
    for (const r of results) this.days.add(r.session.day);
    this.sessions += results.length;
    progress(this.sessions);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Stable finding id: the same session and rule always give the same id, on every engine and run. */
export function findingId(sessionId: string, rule: string): string {
  return createHash('sha1').update(`${sessionId}\u0000${rule}`).digest('hex').slice(0, 16);
}

function toRecord(shop: string, s: PendingSession, f: Finding, rulebook: string): FindingRecord {
  return {
    shop,
    id: findingId(s.id, f.rule),
    sessionId: s.id,
    rule: f.rule,
    severity: f.severity,
    agent: s.agent,
    buyer: s.buyer,
    day: s.day,
    messageIds: f.messageIds,
    evidence: f.evidence.map((e) => ({ message_id: e.messageId, start: e.start, end: e.end, text: e.text })),
    scoreDelta: f.scoreDelta,
    detail: f.detail ?? null,
    rulebook,
  };
}

/**
 * Workers that load their own input (the store is a file or a server) leave this thread the paging, the
 * saving, and a batch of its own whenever every worker's queue is full. One worker fewer than the cores: on the
 * 300k-message demo shop on 2 shared cores, one loading worker plus this thread took 3.6–4.1 s (SQLite) and
 * 4.9–5.4 s (PostgreSQL) with 6.0–6.7 s of CPU, two workers 3.9–4.5 s and 5.4–6.5 s with 7.0–9.0 s of CPU:
 * each worker is a second copy of the modules, the compiled rulebook, the JIT's work and the page cache.
 * Without the store's location a worker only runs the engine, and this thread's share (reading, building
 * the input, copying it over, saving) is twice the engine's: that pays only from 3 cores.
 */
function defaultWorkers(pendingSessions: number, workersCanLoad: boolean): number {
  if (pendingSessions < WORKER_MIN_SESSIONS) return 0;
  const cores = availableParallelism();
  if (workersCanLoad) return Math.min(Math.max(cores - 1, 0), 3);
  return cores >= 3 ? Math.min(2, cores - 2) : 0;
}

function fingerprintOf(rulebook: Rulebook): string {
  return createHash('sha256')
    .update(`engine ${ENGINE_VERSION}\0`)
    .update(JSON.stringify(rulebook))
    .digest('hex')
    .slice(0, 16);
}

/** The `zhipei findings --json` shape. */
export function findingJson(f: FindingRecord) {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    shop: f.shop,
    agent: f.agent,
    buyer: f.buyer,
    date: f.day,
    message_ids: f.messageIds,
    evidence: f.evidence.map((e) => ({ message_id: e.message_id, start: e.start, end: e.end, text: e.text })),
    score_delta: f.scoreDelta,
  };
}
