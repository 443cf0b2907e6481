// GET /api/v1/rules (the rulebook with its examples) and POST /api/v1/rules/:id/test (a sentence against
// one rule, as a one-message session).
import type { FastifyInstance } from 'fastify';
import type { RulebookService } from '../../../services/rulebook.service.js';
import { canUseRulebook } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { parseInput } from '../../validate.js';
import { RuleParams, RuleTestBody } from './rules.schema.js';

export function registerRuleRoutes(app: FastifyInstance, rules: RulebookService): void {
  app.get('/api/v1/rules', async (req) => {
    authorize(canUseRulebook(requireActor(req)));
    return rules.describe();
  });

  app.post('/api/v1/rules/:id/test', async (req) => {
    authorize(canUseRulebook(requireActor(req)));
    const { id } = parseInput(RuleParams, req.params);
    const body = parseInput(RuleTestBody, req.body);
    return rules.test(id, body.text, body.from);
  });
}
