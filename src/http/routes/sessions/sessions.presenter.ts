import type { z } from 'zod';
import type { RulebookService } from '../../../services/rulebook.service.js';
import type { SessionDetail } from '../../../services/session.service.js';
import type { EvidenceJson } from '../../../store/repositories/inspection.repository.js';
import type { SessionDetailResponse } from './sessions.schema.js';

const yuan = (fen: number) => fen / 100;

export function presentSessionDetail(
  d: SessionDetail,
  rules: RulebookService,
): z.infer<typeof SessionDetailResponse> {
  return {
    session: d.session,
    messages: d.messages.map((m) => ({
      id: m.id,
      from: m.sender,
      at: m.at,
      text: m.text,
      kind: m.kind,
      agent: m.agent,
    })),
    orders: d.orders.map((o) => ({
      orderId: o.orderId,
      createdAt: o.createdAt,
      paidAt: o.paidAt,
      amount: yuan(o.amountFen),
      status: o.status,
      items: o.items,
    })),
    refunds: d.refunds.map((r) => ({
      refundId: r.refundId,
      orderId: r.orderId,
      agent: r.agent,
      createdAt: r.createdAt,
      amount: yuan(r.amountFen),
      reason: r.reason,
      status: r.status,
    })),
    findings: d.findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      rule_name: rules.ruleName(f.rule),
      severity: f.severity,
      message_ids: f.messageIds,
      evidence: f.evidence as EvidenceJson[],
      score_delta: f.scoreDelta,
      detail: f.detail,
    })),
    score: d.session.score,
  };
}
