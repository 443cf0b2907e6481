import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src/demo/generate.js';
import * as A from '../../src/demo/phrases-agent.js';
import * as D from '../../src/demo/phrases-defects.js';
import {
  EMPATHY_RE,
  GREETING_RE,
  type PlantedDefect,
  PLANTED_RULES,
  VERIFY_RE,
} from '../../src/demo/truth.js';
import { writeDemoFiles } from '../../src/demo/write-demo-files.js';
import { localDay } from '../../src/domain/time.js';
import {
  AGENT_ROLES,
  type AgentProfile,
  type ChatMessage,
  type Order,
  type Refund,
} from '../../src/domain/types.js';
import { inquiryConversion, responseRuns, sessionsOf } from './kpi-check.js';

interface Collected {
  agents: AgentProfile[];
  days: string[];
  messages: ChatMessage[];
  orders: Order[];
  refunds: Refund[];
  planted: PlantedDefect[];
}

function collect(options: Parameters<typeof generateDemoShop>[0]): Collected {
  const demo = generateDemoShop(options);
  const c: Collected = { agents: demo.agents, days: [], messages: [], orders: [], refunds: [], planted: [] };
  for (const day of demo.days) {
    c.days.push(day.date);
    for (const m of day.messages) c.messages.push(m);
    for (const o of day.orders) c.orders.push(o);
    for (const r of day.refunds) c.refunds.push(r);
    for (const p of day.planted) c.planted.push(p);
  }
  return c;
}

const key = (p: { agent: string; buyer: string; date?: string; day?: string }) =>
  `${p.agent}|${p.buyer}|${p.date ?? p.day}`;

// A medium shop: 6 days around Double 11.
let medium: Collected;
beforeAll(() => {
  medium = collect({ seed: 42, messages: 60_000 });
});

describe('determinism and files', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const files = ['agents.csv', 'chats.jsonl', 'orders.csv', 'refunds.csv', 'truth/planted.jsonl'];

  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const [a, b, c] = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'zhipei-demo-')));
    dirs.push(a, b, c);
    await writeDemoFiles(a, { seed: 7, messages: 6000 });
    await writeDemoFiles(b, { seed: 7, messages: 6000 });
    await writeDemoFiles(c, { seed: 8, messages: 6000 });
    for (const f of files) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    expect(readFileSync(join(a, 'chats.jsonl')).equals(readFileSync(join(c, 'chats.jsonl')))).toBe(false);

    const lines = readFileSync(join(a, 'chats.jsonl'), 'utf8').trim().split('\n');
    const first = JSON.parse(lines[0]);
    expect(Object.keys(first)).toEqual(['shop', 'id', 'buyer', 'agent', 'from', 'at', 'text', 'kind']);
    expect(first.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const orders = readFileSync(join(a, 'orders.csv'), 'utf8').trim().split('\n');
    expect(orders[0]).toBe('shop,order_id,buyer,created_at,paid_at,amount,status,items');
    for (const line of orders.slice(1, 200)) {
      expect(line).toMatch(/^xiyu-demo,\d{19},[^,]+,\S+\+08:00,(\S+\+08:00)?,\d+\.\d{2},/);
    }
    const agents = readFileSync(join(a, 'agents.csv'), 'utf8').trim().split('\n');
    expect(agents[0]).toBe('shop,agent,name,role,group,hired_on,mentor');
    expect(agents).toHaveLength(68);
    const refunds = readFileSync(join(a, 'refunds.csv'), 'utf8').trim().split('\n');
    expect(refunds[0]).toBe('shop,refund_id,order_id,buyer,agent,created_at,amount,reason,status');
    const planted = readFileSync(join(a, 'truth/planted.jsonl'), 'utf8').trim().split('\n');
    expect(planted.length).toBeGreaterThan(10);
    expect(Object.keys(JSON.parse(planted[0]))).toEqual(
      expect.arrayContaining(['rule', 'shop', 'agent', 'buyer', 'date', 'message_id']),
    );
  });

  it('regenerates the same days on a second iteration', () => {
    const demo = generateDemoShop({ seed: 3, messages: 3000 });
    const once = [...demo.days].map((d) => d.messages.map((m) => `${m.id}${m.at}${m.text}`).join());
    const twice = [...demo.days].map((d) => d.messages.map((m) => `${m.id}${m.at}${m.text}`).join());
    expect(twice).toEqual(once);
  });
});

describe('shape and volume', () => {
  it('reaches the requested number of messages and puts Double 11 in range', () => {
    expect(medium.messages.length).toBeGreaterThan(57_000);
    expect(medium.messages.length).toBeLessThan(63_000);
    expect(medium.days).toContain('2026-11-11');
    const perDay = new Map<string, number>();
    for (const m of medium.messages)
      perDay.set(localDay(m.at, 'Asia/Shanghai'), (perDay.get(localDay(m.at, 'Asia/Shanghai')) ?? 0) + 1);
    const normal = perDay.get('2026-11-08') ?? 0;
    const d11 = perDay.get('2026-11-11') ?? 0;
    expect(d11 / normal).toBeGreaterThan(7);
    expect(d11 / normal).toBeLessThan(13);
  });

  it('honours --days and --agents', () => {
    const demo = generateDemoShop({ seed: 1, days: 2, agents: 12, startDay: '2026-03-02' });
    const days = [...demo.days];
    expect(days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03']);
    expect(demo.agents).toHaveLength(12);
    expect(days[0].messages.length).toBeGreaterThan(500);
  });

  it('has 67 agents over every role, with shifts, new hires and mentors', () => {
    expect(medium.agents).toHaveLength(67);
    expect(new Set(medium.agents.map((a) => a.role))).toEqual(new Set(AGENT_ROLES));
    expect(new Set(medium.agents.map((a) => a.nick)).size).toBe(67);
    for (const a of medium.agents) expect(a.nick).toMatch(/^西域果园旗舰店:/);
    expect(medium.agents.some((a) => a.group.includes('早班'))).toBe(true);
    expect(medium.agents.some((a) => a.group.includes('晚班'))).toBe(true);
    const hires = medium.agents.filter((a) => a.mentor !== null);
    expect(hires.length).toBeGreaterThan(2);
    for (const h of hires) expect(medium.agents.some((a) => a.nick === h.mentor)).toBe(true);
  });

  it('gives stable unique ids in time order, and crosses midnight', () => {
    const ids = new Set<string>();
    for (let i = 0; i < medium.messages.length; i++) {
      const m = medium.messages[i];
      expect(m.id).toMatch(/^m\d{9}$/);
      ids.add(m.id);
      if (i > 0) expect(m.at).toBeGreaterThanOrEqual(medium.messages[i - 1].at);
    }
    expect(ids.size).toBe(medium.messages.length);
    const kinds = new Set(medium.messages.map((m) => m.kind));
    for (const k of ['text', 'image', 'item', 'order', 'transfer']) expect(kinds).toContain(k);
    const senders = new Set(medium.messages.map((m) => m.from));
    expect(senders).toEqual(new Set(['buyer', 'agent', 'bot', 'system']));
    // Some thread continues across midnight: same agent and buyer just before and after 00:00.
    const tz = 'Asia/Shanghai';
    const late = new Set(
      medium.messages
        .filter((m) => m.from !== 'system' && new Date(m.at + 8 * 3_600_000).getUTCHours() === 23)
        .map((m) => `${m.agent}|${m.buyer}|${localDay(m.at + 3_600_000, tz)}`),
    );
    const crossing = medium.messages.filter(
      (m) =>
        new Date(m.at + 8 * 3_600_000).getUTCHours() === 0 &&
        late.has(`${m.agent}|${m.buyer}|${localDay(m.at, tz)}`),
    );
    expect(crossing.length).toBeGreaterThan(0);
  });

  it('has orders in range, paid and unpaid, silent ones, and refunds tied to orders', () => {
    const amounts = medium.orders.map((o) => o.amountFen);
    expect(Math.min(...amounts)).toBeGreaterThanOrEqual(1990);
    expect(Math.max(...amounts)).toBeLessThanOrEqual(49900);
    expect(medium.orders.some((o) => o.paidAt === null)).toBe(true);
    expect(new Set(medium.orders.map((o) => o.orderId)).size).toBe(medium.orders.length);
    const chatted = new Set(medium.messages.map((m) => m.buyer));
    expect(medium.orders.filter((o) => !chatted.has(o.buyer)).length).toBeGreaterThan(100);
    const orderIds = new Set(medium.orders.map((o) => o.orderId));
    expect(medium.refunds.length).toBeGreaterThan(20);
    for (const r of medium.refunds) expect(orderIds.has(r.orderId)).toBe(true);
    expect(new Set(medium.refunds.map((r) => r.reason))).toContain('少件/漏发');
  });
});

describe('conversion', () => {
  it('converts 60–70% of inquiries on normal days and more on Double 11', () => {
    const conv = inquiryConversion(medium.messages, medium.orders);
    let inq = 0;
    let paid = 0;
    for (const [day, v] of conv.byDay) {
      if (day === '2026-11-11' || day > medium.days[medium.days.length - 1]) continue;
      inq += v.inquiries;
      paid += v.paid;
    }
    const normal = paid / inq;
    expect(normal).toBeGreaterThan(0.58);
    expect(normal).toBeLessThan(0.72);
    const d11 = conv.byDay.get('2026-11-11')!;
    expect(d11.paid / d11.inquiries).toBeGreaterThan(normal);
    expect(d11.paid / d11.inquiries).toBeGreaterThan(0.7);
  });
});

describe('planted truth', () => {
  it('plants every rule in a medium shop', () => {
    const rules = new Set(medium.planted.map((p) => p.rule));
    for (const r of PLANTED_RULES) expect(rules, r).toContain(r);
    const sessions = sessionsOf(medium.messages).length;
    for (const r of PLANTED_RULES) {
      const n = medium.planted.filter((p) => p.rule === r).length;
      expect(n / sessions, r).toBeLessThan(0.1);
    }
  });

  it('lists each finding once, on a real session, with a message of that session', () => {
    const byId = new Map(medium.messages.map((m) => [m.id, m]));
    const seen = new Set<string>();
    for (const p of medium.planted) {
      const k = `${p.rule}|${key(p)}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
      const m = byId.get(p.message_id!)!;
      expect(m, p.message_id).toBeDefined();
      expect(m.buyer).toBe(p.buyer);
      if (p.rule !== 'missed_payment_reminder') {
        expect(m.agent).toBe(p.agent);
        expect(localDay(m.at, 'Asia/Shanghai')).toBe(p.date);
      }
    }
  });

  it('matches the timing truths recomputed from the response runs', () => {
    const slowFirst = new Set<string>();
    const slow = new Set<string>();
    for (const s of sessionsOf(medium.messages)) {
      const runs = responseRuns(s);
      const firstBuyer = s.messages.findIndex((m) => m.from === 'buyer');
      const firstAgentAfter = s.messages.findIndex((m, i) => i > firstBuyer && m.from === 'agent');
      if (firstBuyer >= 0 && firstAgentAfter >= 0 && runs.closed[0] > 30_000) slowFirst.add(key(s));
      if (runs.closed.some((rt) => rt > 60_000)) slow.add(key(s));
    }
    const planted = (rule: string) => new Set(medium.planted.filter((p) => p.rule === rule).map(key));
    expect(planted('slow_first_response')).toEqual(slowFirst);
    expect(planted('slow_response')).toEqual(slow);
  });

  it('matches no_greeting and repeated_reply recomputed from the texts', () => {
    const noGreeting = new Set<string>();
    const repeated = new Set<string>();
    for (const s of sessionsOf(medium.messages)) {
      const agentMsgs = s.messages.filter((m) => m.from === 'agent');
      if (agentMsgs.length > 0 && !GREETING_RE.test(agentMsgs[0].text)) noGreeting.add(key(s));
      const counts = new Map<string, number>();
      for (const m of agentMsgs) if (m.text.length >= 6) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
      if ([...counts.values()].some((c) => c >= 3)) repeated.add(key(s));
    }
    const planted = (rule: string) => new Set(medium.planted.filter((p) => p.rule === rule).map(key));
    expect(planted('no_greeting')).toEqual(noGreeting);
    expect(planted('repeated_reply')).toEqual(repeated);
  });

  it('keeps clean sessions free of obvious language hits', () => {
    const flagged = (rule: string) => new Set(medium.planted.filter((p) => p.rule === rule).map(key));
    const adlaw = flagged('adlaw_absolute');
    const off = flagged('off_platform');
    const rude = flagged('rude_language');
    const absolute =
      /全网|销量第一|第一品牌|顶级|顶尖|100%|绝对|国家级|独一无二|首选|极品|王牌|冠军|独家|最(?!近|佳食用|佳赏味|新到货|后一天|终)/;
    const contact = /(?<!不加私人)微信(?!支付)|vx|薇信|威信|QQ|企鹅|wx|电话\s*1|转账|收款码|手机号/i;
    const dismissive = /^不知道。?$|自己看|爱买不买|烦不烦|好几遍|不会看|神经病|有病|滚/;
    for (const s of sessionsOf(medium.messages)) {
      for (const m of s.messages) {
        if (m.from !== 'agent') continue;
        if (absolute.test(m.text)) expect(adlaw.has(key(s)), m.text).toBe(true);
        if (contact.test(m.text)) expect(off.has(key(s)), `${m.text} ${m.id}`).toBe(true);
        if (dismissive.test(m.text)) expect(rude.has(key(s)), m.text).toBe(true);
      }
    }
  });

  it('plants tricky negatives in clean sessions', () => {
    const adlaw = new Set(medium.planted.filter((p) => p.rule === 'adlaw_absolute').map(key));
    const off = new Set(medium.planted.filter((p) => p.rule === 'off_platform').map(key));
    const clean = sessionsOf(medium.messages).filter((s) => !adlaw.has(key(s)) && !off.has(key(s)));
    const agentTexts = clean.flatMap((s) => s.messages.filter((m) => m.from === 'agent').map((m) => m.text));
    for (const phrase of [
      '第一次购买',
      '最近发货',
      '最佳食用期',
      '最新到货',
      '平台内沟通',
      '不支持微信支付',
      '我不知道您喜欢哪种口味',
    ]) {
      expect(
        agentTexts.some((t) => t.includes(phrase)),
        phrase,
      ).toBe(true);
    }
    expect(agentTexts.some((t) => /\d{19}/.test(t))).toBe(true);
    const buyerTexts = medium.messages.filter((m) => m.from === 'buyer').map((m) => m.text);
    expect(buyerTexts.some((t) => t.includes('收到的枣有点少了一颗'))).toBe(true);
  });

  it('matches missed payment reminders recomputed from orders and messages', () => {
    const agentMsgs = new Map<string, ChatMessage[]>();
    for (const m of medium.messages) {
      if (m.from !== 'agent') continue;
      const list = agentMsgs.get(m.buyer) ?? [];
      list.push(m);
      agentMsgs.set(m.buyer, list);
    }
    const tz = 'Asia/Shanghai';
    const expected = new Set<string>();
    for (const o of medium.orders) {
      if (o.paidAt !== null && o.paidAt - o.createdAt <= 30 * 60_000) continue;
      const list = agentMsgs.get(o.buyer) ?? [];
      const before = list.filter((m) => m.at <= o.createdAt);
      const credited = before[before.length - 1];
      if (!credited) continue;
      const dayGap =
        (Date.parse(`${localDay(o.createdAt, tz)}T00:00:00Z`) -
          Date.parse(`${localDay(credited.at, tz)}T00:00:00Z`)) /
        86_400_000;
      if (dayGap > 1) continue;
      const until = Math.min(o.paidAt ?? Number.POSITIVE_INFINITY, o.createdAt + 86_400_000);
      if (list.some((m) => m.at > o.createdAt && m.at < until)) continue;
      expected.add(`${credited.agent}|${o.buyer}|${localDay(credited.at, tz)}`);
    }
    const planted = new Set(medium.planted.filter((p) => p.rule === 'missed_payment_reminder').map(key));
    expect(planted).toEqual(expected);
    expect(planted.size).toBeGreaterThan(5);
  });

  it('plants refunds without verification only after a missing-items claim and with no check before', () => {
    const byId = new Map(medium.messages.map((m, i) => [m.id, i]));
    const sessions = new Map(sessionsOf(medium.messages).map((s) => [key(s), s]));
    const found = medium.planted.filter((p) => p.rule === 'refund_without_verification');
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      const s = sessions.get(key(p))!;
      const idx = s.messages.findIndex((m) => m.id === p.message_id);
      expect(byId.has(p.message_id!)).toBe(true);
      const before = s.messages.slice(0, idx);
      expect(
        before.some((m) => m.from === 'buyer' && /少|漏发|只收到|没收到|没发|发错|不发全/.test(m.text)),
      ).toBe(true);
      expect(before.some((m) => m.from === 'agent' && VERIFY_RE.test(m.text))).toBe(false);
    }
  });
});

describe('text variety', () => {
  it('does not collapse into a handful of templates', () => {
    for (const from of ['agent', 'buyer'] as const) {
      const texts = medium.messages.filter((m) => m.from === from).map((m) => m.text);
      const counts = new Map<string, number>();
      for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
      const top = Math.max(...counts.values());
      expect(counts.size / texts.length, from).toBeGreaterThan(from === 'agent' ? 0.3 : 0.15);
      expect(top / texts.length, from).toBeLessThan(0.03);
    }
  });
});

describe('phrase pool hygiene', () => {
  const clean = [
    ...A.GREETINGS,
    ...A.GREETINGS_AFTERSALE,
    ...Object.values(A.AGENT_ANSWERS).flat(),
    ...A.AGENT_UPSELL,
    ...A.AGENT_ORDER_ACK,
    ...A.AGENT_REMINDERS,
    ...A.AGENT_CLOSINGS,
    ...A.AGENT_CLOSINGS_LEAVE,
    ...A.AGENT_SHORT,
    ...A.AGENT_EMPATHY,
    ...A.AGENT_VERIFY,
    ...A.AGENT_LOGISTICS,
  ];
  it('clean agent phrases carry no absolute claims, contacts or rude words', () => {
    for (const t of clean) {
      expect(t, t).not.toMatch(
        /全网|顶级|100%|绝对|国家级|唯一|首选|极品|王牌|冠军|独家|最(?!近|佳食用|佳赏味|新到货|后一天|终)/,
      );
      expect(t, t).not.toMatch(/(?<!不支持|私人)微信(?!支付)|vx|QQ|电话\s*1\d|转账/i);
      expect(t, t).not.toMatch(/^不知道[。！]?$|自己看|爱买不买|烦不烦/);
    }
  });
  it('greetings greet, bare openers do not, curt replies do not apologise', () => {
    for (const t of [...A.GREETINGS, ...A.GREETINGS_AFTERSALE]) expect(GREETING_RE.test(t), t).toBe(true);
    for (const t of D.BARE_OPENERS) expect(GREETING_RE.test(t), t).toBe(false);
    for (const t of D.NO_EMPATHY) {
      expect(EMPATHY_RE.test(t), t).toBe(false);
      expect(VERIFY_RE.test(t), t).toBe(false);
    }
    for (const t of A.AGENT_EMPATHY) expect(EMPATHY_RE.test(t), t).toBe(true);
    for (const t of A.AGENT_VERIFY) expect(VERIFY_RE.test(t), t).toBe(true);
  });
});
