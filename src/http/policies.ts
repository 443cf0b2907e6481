// Who may see what. Pure functions of the signed-in actor; routes call them before any service.
//  - admin: every shop, every agent; manages users.
//  - supervisor, inspector: their shops' KPIs and sessions, all agents.
//  - viewer: their shops' KPIs only (no chat transcripts: they hold buyers' personal data).
//  - agent: their shops, and only their own agent nick's KPIs and sessions; another agent's is 403.
// Findings quote chat text, so they follow the sessions rule; the findings summary (counts and scores, no
// text) follows the KPI rule. The rulebook is no one's data: every signed-in user reads and tries it.
// Imports: admins (any shop) and supervisors (their shops); API tokens are an admin's to make.
import type { Actor } from '../services/auth.service.js';

export type Decision = { ok: true } | { ok: false; reason: string };

const allow: Decision = { ok: true };
const deny = (reason: string): Decision => ({ ok: false, reason });

export function canManageUsers(actor: Actor): Decision {
  return actor.role === 'admin' ? allow : deny('only an admin manages users');
}

export function canSeeShop(actor: Actor, shop: string): Decision {
  if (actor.role === 'admin' || actor.shops.includes(shop)) return allow;
  return deny(`no access to shop ${shop}`);
}

export function canReadKpi(actor: Actor, shop: string, agent: string | undefined): Decision {
  const shopOk = canSeeShop(actor, shop);
  if (!shopOk.ok) return shopOk;
  return agentScope(actor, agent);
}

export function canReadSessions(actor: Actor, shop: string, agent: string | undefined): Decision {
  if (actor.role === 'viewer') return deny('viewers see KPIs, not chat transcripts');
  const shopOk = canSeeShop(actor, shop);
  if (!shopOk.ok) return shopOk;
  return agentScope(actor, agent);
}

export function canReadFindings(actor: Actor, shop: string, agent: string | undefined): Decision {
  return canReadSessions(actor, shop, agent);
}

export function canReadFindingSummary(actor: Actor, shop: string, agent: string | undefined): Decision {
  return canReadKpi(actor, shop, agent);
}

export function canUseRulebook(_actor: Actor): Decision {
  return allow;
}

export function canImport(actor: Actor, shop: string | undefined): Decision {
  if (actor.role !== 'admin' && actor.role !== 'supervisor')
    return deny('only an admin or a supervisor imports data');
  return shop === undefined ? allow : canSeeShop(actor, shop);
}

/** The shops an import by this actor may write to; null: any (an admin may create shops by importing). */
export function importableShops(actor: Actor): string[] | null {
  return actor.role === 'admin' ? null : actor.shops;
}

export function canManageTokens(actor: Actor): Decision {
  return actor.role === 'admin' ? allow : deny('only an admin manages API tokens');
}

/** For an agent, the agent filter they are held to (their own nick); undefined for everyone else. */
export function forcedAgent(actor: Actor): string | undefined {
  return actor.role === 'agent' ? (actor.agentNick ?? '') : undefined;
}

function agentScope(actor: Actor, agent: string | undefined): Decision {
  if (actor.role !== 'agent') return allow;
  if (!actor.agentNick) return deny('this agent account is not linked to an agent nick');
  if (agent !== undefined && agent !== actor.agentNick) return deny('agents see only their own data');
  return allow;
}
