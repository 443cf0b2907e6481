// The demo shop's team: 67 agents by default across the eight roles, in groups with early (09:00–17:30)
// and late (15:00–24:00) shifts, new hires with mentors, and a per-agent skill profile that drives
// response speed, conversion and how often the agent slips.
import { addDays } from '../domain/time.js';
import type { AgentProfile, AgentRole } from '../domain/types.js';
import { AGENT_NAMES, SHOP_NAME } from './catalog.js';
import type { Rng } from './prng.js';

export type Shift = 'early' | 'late' | 'day';

/** Minutes after local midnight during which a shift takes chats. */
export const SHIFT_HOURS: Record<Shift, readonly [number, number]> = {
  early: [9 * 60, 17 * 60 + 30],
  late: [15 * 60, 24 * 60],
  day: [9 * 60, 18 * 60],
};

export interface DemoAgent {
  profile: AgentProfile;
  nick: string;
  name: string;
  role: AgentRole;
  group: string;
  shift: Shift;
  /** 0 (poor) … 1 (excellent). */
  skill: number;
  newHire: boolean;
  /** Median seconds to answer a buyer's first question / a later one. */
  firstMedianS: number;
  laterMedianS: number;
  /** Multiplier on every planted-defect base rate. */
  defect: number;
  /** Probability a presale inquiry ends in an order. */
  closeRate: number;
}

interface GroupPlan {
  role: AgentRole;
  group: string;
  shift: Shift;
  count: number;
}

/** The 67-agent plan; other team sizes are proportional interleavings of it. */
const PLAN: readonly GroupPlan[] = [
  { role: 'presale', group: '售前一组·早班', shift: 'early', count: 9 },
  { role: 'presale', group: '售前二组·晚班', shift: 'late', count: 9 },
  { role: 'presale', group: '售前三组·早班', shift: 'early', count: 7 },
  { role: 'presale', group: '售前四组·晚班', shift: 'late', count: 6 },
  { role: 'aftersale', group: '售后一组·早班', shift: 'early', count: 6 },
  { role: 'aftersale', group: '售后二组·晚班', shift: 'late', count: 6 },
  { role: 'logistics', group: '快递组·早班', shift: 'early', count: 3 },
  { role: 'logistics', group: '快递组·晚班', shift: 'late', count: 2 },
  { role: 'refund', group: '退款组·早班', shift: 'early', count: 3 },
  { role: 'refund', group: '退款组·晚班', shift: 'late', count: 2 },
  { role: 'vip', group: 'VIP组·早班', shift: 'early', count: 2 },
  { role: 'vip', group: 'VIP组·晚班', shift: 'late', count: 2 },
  { role: 'qa', group: '质检组', shift: 'day', count: 4 },
  { role: 'lead', group: '管理组', shift: 'day', count: 4 },
  { role: 'bot_trainer', group: '小蜜训化组', shift: 'day', count: 2 },
];

/** Roles that take chats (qa and bot_trainer do not). */
export const CHAT_ROLES: readonly AgentRole[] = [
  'presale',
  'aftersale',
  'logistics',
  'refund',
  'vip',
  'lead',
];

function slots(n: number): GroupPlan[] {
  const candidates: { plan: GroupPlan; order: number; idx: number }[] = [];
  const rounds = Math.ceil(n / 67) + 1;
  PLAN.forEach((plan, idx) => {
    for (let k = 0; k < plan.count * rounds; k++)
      candidates.push({ plan, order: (k + 0.5) / plan.count, idx });
  });
  candidates.sort((a, b) => a.order - b.order || a.idx - b.idx);
  const chosen = candidates.slice(0, n).map((c) => c.plan);
  // A usable team, however small, has presale and aftersale people.
  if (n >= 2 && !chosen.some((p) => p.role === 'aftersale')) chosen[n - 1] = PLAN[4];
  return chosen;
}

export function buildAgents(rng: Rng, n: number, shop: string, startDay: string): DemoAgent[] {
  const plans = slots(n);
  const agents: DemoAgent[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i];
    let name = AGENT_NAMES[i % AGENT_NAMES.length];
    if (usedNames.has(name)) name = `${name}${Math.floor(i / AGENT_NAMES.length) + 1}`;
    usedNames.add(name);
    const chats = plan.role !== 'qa' && plan.role !== 'bot_trainer';
    const newHire = chats && plan.role !== 'lead' && plan.role !== 'vip' && rng.chance(0.13);
    let skill = newHire ? 0.3 + rng.next() * 0.3 : 0.55 + rng.next() * 0.43;
    // A couple of agents every team knows about.
    if (chats && !newHire && (i === 13 || i === 41 || i === 58)) skill = 0.12 + rng.next() * 0.15;
    if (plan.role === 'lead' || plan.role === 'vip') skill = Math.max(skill, 0.8);
    const hiredOn = newHire
      ? addDays(startDay, -rng.int(7, 75))
      : `${rng.int(2016, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const nick = `${SHOP_NAME}:${name}`;
    const poor = 1 - skill;
    agents.push({
      profile: { shop, nick, name, role: plan.role, group: plan.group, hiredOn, mentor: null },
      nick,
      name,
      role: plan.role,
      group: plan.group,
      shift: plan.shift,
      skill,
      newHire,
      firstMedianS: 5 + 14 * poor,
      laterMedianS: 7 + 18 * poor,
      defect: 0.2 + 3.2 * poor * poor,
      closeRate: 0.77 + 0.2 * skill,
    });
  }
  // Mentors: the most skilled veteran of the same role (帮带师傅).
  for (const a of agents) {
    if (!a.newHire) continue;
    const mentors = agents.filter((m) => m.role === a.role && !m.newHire && m !== a);
    mentors.sort((x, y) => y.skill - x.skill);
    const mentor = mentors[0] ?? agents.find((m) => m.role === 'lead');
    if (mentor) a.profile.mentor = mentor.nick;
  }
  return agents;
}

export function onShift(agent: DemoAgent, minuteOfDay: number, allDay: boolean): boolean {
  if (agent.role === 'qa' || agent.role === 'bot_trainer') return false;
  if (allDay) return true;
  const [from, to] = SHIFT_HOURS[agent.shift];
  return minuteOfDay >= from && minuteOfDay < to;
}
