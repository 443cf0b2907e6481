// Loads the engine input of a batch of pending sessions: their messages, the buyers' orders, refunds and
// agent messages around them. Shared by the inspecting thread and the loading workers, so both build
// exactly the same input.
import type { InspectionSession } from '../domain/inspection/types.js';
import type { KpiSettings } from '../domain/kpi/settings.js';
import type { AgentSessionDays } from '../store/repositories/agent-session-days.js';
import type {
  BuyerAgentMessage,
  InspectionRepository,
  PendingSession,
} from '../store/repositories/inspection.repository.js';
import { batchWindows, buildInspectionSessions } from './inspection-input.js';

/**
 * Where a batch's agent messages in the buyers' other sessions come from: read through the run's sessions
 * by day (or probed per buyer, without them), or read already by the thread that handed the batch over.
 */
export type OtherAgentMessages = AgentSessionDays | BuyerAgentMessage[] | undefined;

/** The batch's session ids, buyers and the time windows its input is read from. */
function reachOf(pending: PendingSession[], settings: KpiSettings) {
  let first = pending[0].day;
  let last = first;
  for (const s of pending) {
    if (s.day < first) first = s.day;
    if (s.day > last) last = s.day;
  }
  return {
    ids: pending.map((s) => s.id),
    buyers: [...new Set(pending.map((s) => s.buyer))],
    windows: batchWindows(first, last, settings),
  };
}

/** The agent messages to the batch's buyers in their other sessions (see OtherAgentMessages). */
export function readOtherAgentMessages(
  repo: InspectionRepository,
  shop: string,
  settings: KpiSettings,
  pending: PendingSession[],
  held?: AgentSessionDays,
): Promise<BuyerAgentMessage[]> {
  const { ids, buyers, windows } = reachOf(pending, settings);
  return repo.otherAgentMessages(shop, buyers, windows.agentDays, ids, held);
}

export async function loadInspectionInput(
  repo: InspectionRepository,
  shop: string,
  settings: KpiSettings,
  pending: PendingSession[],
  others?: OtherAgentMessages,
): Promise<InspectionSession[]> {
  const { ids, buyers, windows } = reachOf(pending, settings);
  // Asked together: on PostgreSQL the four run on pooled connections at once, and the server works on one
  // while this thread parses another's rows (on SQLite each read is synchronous anyway).
  const [messages, orders, refunds, otherAgentMessages] = await Promise.all([
    repo.sessionMessages(shop, pending),
    repo.buyerOrders(shop, buyers, windows.orders),
    repo.buyerRefunds(shop, buyers, windows.orders),
    Array.isArray(others) ? others : repo.otherAgentMessages(shop, buyers, windows.agentDays, ids, others),
  ]);
  return buildInspectionSessions(
    { shop, sessions: pending, messages, orders, refunds, otherAgentMessages },
    settings,
  );
}
