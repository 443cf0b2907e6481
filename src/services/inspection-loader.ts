// Loads the engine input of a batch of pending sessions: their messages, the buyers' orders, refunds and
// agent messages around them. Shared by the inspecting thread and the loading workers, so both build
// exactly the same input.
import type { InspectionSession } from '../domain/inspection/types.js';
import type { KpiSettings } from '../domain/kpi/settings.js';
import type { AgentSessionDays } from '../store/repositories/agent-session-days.js';
import type { InspectionRepository, PendingSession } from '../store/repositories/inspection.repository.js';
import { batchWindows, buildInspectionSessions } from './inspection-input.js';

export async function loadInspectionInput(
  repo: InspectionRepository,
  shop: string,
  settings: KpiSettings,
  pending: PendingSession[],
  /** The run's sessions by day, when the batches come in day order (one per shop and loader). */
  held?: AgentSessionDays,
): Promise<InspectionSession[]> {
  const ids = pending.map((s) => s.id);
  const buyers = [...new Set(pending.map((s) => s.buyer))];
  let first = pending[0].day;
  let last = first;
  for (const s of pending) {
    if (s.day < first) first = s.day;
    if (s.day > last) last = s.day;
  }
  const windows = batchWindows(first, last, settings);
  // Asked together: on PostgreSQL the four run on pooled connections at once, and the server works on one
  // while this thread parses another's rows (on SQLite each read is synchronous anyway).
  const [messages, orders, refunds, otherAgentMessages] = await Promise.all([
    repo.sessionMessages(shop, pending),
    repo.buyerOrders(shop, buyers, windows.orders),
    repo.buyerRefunds(shop, buyers, windows.orders),
    repo.otherAgentMessages(shop, buyers, windows.agentDays, ids, held),
  ]);
  return buildInspectionSessions(
    { shop, sessions: pending, messages, orders, refunds, otherAgentMessages },
    settings,
  );
}
