// GET /api/v1/rules (the rulebook with its examples) and POST /api/v1/rules/:id/test (a sentence, as a
// one-message session, or a stored session against one rule; a session needs the right to read it).
import type { FastifyInstance } from 'fastify';
import type { RulebookService } from '../../../services/rulebook.service.js';
import { InspectionService } from '../../../services/inspection.service.js';
import { ServiceError } from '../../../services/service-error.js';
import { SessionService } from '../../../services/session.service.js';
import type { Store } from '../../../store/store.js';
import { canUseRulebook } from '../../policies.js';
import { findReadableSession } from '../../session-access.js';
import { authorize, requireActor } from '../../request-auth.js';
import { parseInput } from '../../validate.js';
import { RuleParams, RuleTestBody } from './rules.schema.js';

export function registerRuleRoutes(app: FastifyInstance, store: Store, rules: RulebookService): void {
  const sessions = new SessionService(store);
  const inspection = new InspectionService(store);

  app.get('/api/v1/rules', async (req) => {
    authorize(canUseRulebook(requireActor(req)));
    return rules.describe();
  });

  app.post('/api/v1/rules/:id/test', async (req) => {
    authorize(canUseRulebook(requireActor(req)));
    const { id } = parseInput(RuleParams, req.params);
    const body = parseInput(RuleTestBody, req.body);
    if (body.text !== undefined) return rules.test(id, body.text, body.from);
    const actor = requireActor(req);
    const visible = await findReadableSession(store, sessions, actor, body.session_id!, body.shop);
    return rules.testSession(id, async (compiled) => {
      const findings = await inspection.inspectOne(visible.shop, visible.id, compiled);
      if (!findings) throw new ServiceError('not_found', `no session ${visible.id}`);
      return findings;
    });
  });
}
