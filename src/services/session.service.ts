// Use cases for reading sessions: a filtered list paged by keyset cursor, and one session as the agent
// saw it (messages in order) with the buyer's orders and refunds around it and its findings.
import {
  type SessionFindingRow,
  type SessionMessageRow,
  type SessionOrderRow,
  type SessionRefundRow,
  SessionRepository,
  type SessionSummary,
} from '../store/repositories/session.repository.js';
import type { Store } from '../store/store.js';
import { ServiceError } from './service-error.js';

const DAY_MS = 24 * 3600_000;
/** "Has order": the buyer created an order between the session's first message and a day after its last. */
const ORDER_WINDOW_MS = DAY_MS;

export interface SessionListInput {
  shop: string;
  from?: string;
  to?: string;
  agent?: string;
  group?: string;
  hasOrder?: boolean;
  rule?: string;
  severity?: string;
  scoreMin?: number;
  scoreMax?: number;
  inquiryNotConverted?: boolean;
  limit: number;
  cursor?: string;
}

export interface SessionPage {
  items: SessionSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface SessionDetail {
  session: SessionSummary;
  messages: SessionMessageRow[];
  orders: SessionOrderRow[];
  refunds: SessionRefundRow[];
  findings: SessionFindingRow[];
}

export class SessionService {
  private readonly repo: SessionRepository;

  constructor(store: Store) {
    this.repo = new SessionRepository(store.db);
  }

  async list(q: SessionListInput): Promise<SessionPage> {
    const rows = await this.repo.list({
      shop: q.shop,
      from: q.from,
      to: q.to,
      agent: q.agent,
      group: q.group,
      hasOrder: q.hasOrder,
      orderWindowMs: ORDER_WINDOW_MS,
      rule: q.rule,
      severity: q.severity,
      scoreMin: q.scoreMin,
      scoreMax: q.scoreMax,
      inquiryNotConverted: q.inquiryNotConverted,
      limit: q.limit + 1,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > q.limit && last
        ? encodeCursor({ day: last.day, firstAt: last.firstAt, id: last.id })
        : null;
    return { items, nextCursor };
  }

  /** The sessions with this id in these shops (normally one); the caller picks the one the user may see. */
  async find(id: string, shops: string[]): Promise<SessionSummary[]> {
    return this.repo.byId(id, shops);
  }

  async detail(session: SessionSummary): Promise<SessionDetail> {
    const from = session.firstAt - DAY_MS;
    const to = session.lastAt + DAY_MS;
    const [messages, orders, refunds, findings] = await Promise.all([
      this.repo.messages(session.shop, session.id),
      this.repo.ordersOfBuyer(session.shop, session.buyer, from, to),
      this.repo.refundsOfBuyer(session.shop, session.buyer, from, to),
      this.repo.findings(session.shop, session.id),
    ]);
    return { session, messages, orders, refunds, findings };
  }
}

interface Cursor {
  day: string;
  firstAt: number;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.day, c.firstAt, c.id])).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'number' &&
      typeof v[2] === 'string'
    ) {
      return { day: v[0], firstAt: v[1], id: v[2] };
    }
  } catch {
    // fall through
  }
  throw new ServiceError('bad_request', 'invalid cursor', { cursor: 'invalid cursor' });
}
