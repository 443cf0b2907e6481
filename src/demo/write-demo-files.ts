// Writes the demo shop as interchange files (agents.csv, chats.jsonl, orders.csv, refunds.csv and
// truth/planted.jsonl), or streams it day by day into any sink (the store service uses that to generate
// straight into the database).
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { formatIsoLocal } from '../domain/time.js';
import type { AgentProfile, Shop } from '../domain/types.js';
import { type DemoDay, type DemoOptions, generateDemoShop, type ResolvedDemoOptions } from './generate.js';

export interface DemoSink {
  /** Called once, before the first day, with the shop and its agents. */
  agents(list: AgentProfile[], shop: Shop): Promise<void>;
  /** Called for each generated day, in order. */
  day(day: DemoDay): Promise<void>;
}

export interface DemoSummary {
  shop: Shop;
  options: ResolvedDemoOptions;
  agents: number;
  days: number;
  messages: number;
  orders: number;
  refunds: number;
  planted: number;
  plantedByRule: Record<string, number>;
}

/** Generates the demo shop day by day into the sink. */
export async function generateDemoIntoSink(options: DemoOptions, sink: DemoSink): Promise<DemoSummary> {
  const demo = generateDemoShop(options);
  await sink.agents(demo.agents, demo.shop);
  const summary: DemoSummary = {
    shop: demo.shop,
    options: demo.options,
    agents: demo.agents.length,
    days: 0,
    messages: 0,
    orders: 0,
    refunds: 0,
    planted: 0,
    plantedByRule: {},
  };
  for (const day of demo.days) {
    summary.days++;
    summary.messages += day.messages.length;
    summary.orders += day.orders.length;
    summary.refunds += day.refunds.length;
    summary.planted += day.planted.length;
    for (const p of day.planted) summary.plantedByRule[p.rule] = (summary.plantedByRule[p.rule] ?? 0) + 1;
    await sink.day(day);
  }
  return summary;
}

/** A CSV field, quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(fields: (string | number | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i ? ',' : '') + csvField(fields[i]);
  return `${line}\n`;
}

export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * ISO 8601 with the zone's offset, for times that mostly arrive in order: the text up to the minute is
 * cached, so a sorted day of messages costs one Intl-free string build per minute.
 */
function isoFormatter(tz: string): (ms: number) => string {
  let minuteKey = Number.NaN;
  let prefix = '';
  return (ms: number) => {
    const minute = Math.floor(ms / 60_000);
    if (minute !== minuteKey) {
      minuteKey = minute;
      prefix = formatIsoLocal(minute * 60_000, tz);
    }
    const sec = Math.floor((ms - minute * 60_000) / 1000);
    // prefix is YYYY-MM-DDTHH:MM:00+hh:mm; splice the seconds in.
    return `${prefix.slice(0, 17)}${sec < 10 ? '0' : ''}${sec}${prefix.slice(19)}`;
  };
}

/** JSON string literals of the few distinct nicks, cached. */
function jsonCache(): (s: string) => string {
  const cache = new Map<string, string>();
  return (s: string) => {
    let j = cache.get(s);
    if (j === undefined) {
      if (cache.size > 200_000) cache.clear();
      j = JSON.stringify(s);
      cache.set(s, j);
    }
    return j;
  };
}

/** A buffered writer: collects text and writes it in large chunks, honouring back-pressure. */
class BufferedFile {
  private readonly stream: WriteStream;
  private buffer = '';
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** Writes DIR/agents.csv, DIR/chats.jsonl, DIR/orders.csv, DIR/refunds.csv and DIR/truth/planted.jsonl. */
export async function writeDemoFiles(dir: string, options: DemoOptions = {}): Promise<DemoSummary> {
  mkdirSync(join(dir, 'truth'), { recursive: true });
  const agents = new BufferedFile(join(dir, 'agents.csv'));
  const chats = new BufferedFile(join(dir, 'chats.jsonl'));
  const orders = new BufferedFile(join(dir, 'orders.csv'));
  const refunds = new BufferedFile(join(dir, 'refunds.csv'));
  const planted = new BufferedFile(join(dir, 'truth', 'planted.jsonl'));
  let tz = 'Asia/Shanghai';
  const json = jsonCache();
  await orders.write('shop,order_id,buyer,created_at,paid_at,amount,status,items\n');
  await refunds.write('shop,refund_id,order_id,buyer,agent,created_at,amount,reason,status\n');
  const summary = await generateDemoIntoSink(options, {
    async agents(list, shop) {
      tz = shop.timeZone;
      await agents.write('shop,agent,name,role,group,hired_on,mentor\n');
      for (const a of list) {
        await agents.write(csvLine([a.shop, a.nick, a.name, a.role, a.group, a.hiredOn, a.mentor]));
      }
    },
    async day(day) {
      let text = '';
      const iso = isoFormatter(tz);
      for (const m of day.messages) {
        text += `{"shop":${json(m.shop)},"id":"${m.id}","buyer":${json(m.buyer)},"agent":${json(m.agent)},"from":"${m.from}","at":"${iso(m.at)}","text":${JSON.stringify(m.text)},"kind":${json(m.kind)}}\n`;
        if (text.length >= 1 << 20) {
          await chats.write(text);
          text = '';
        }
      }
      await chats.write(text);
      text = '';
      for (const o of day.orders) {
        text += csvLine([
          o.shop,
          o.orderId,
          o.buyer,
          formatIsoLocal(o.createdAt, tz),
          o.paidAt === null ? '' : formatIsoLocal(o.paidAt, tz),
          fenToYuan(o.amountFen),
          o.status,
          o.items,
        ]);
      }
      await orders.write(text);
      text = '';
      for (const r of day.refunds) {
        text += csvLine([
          r.shop,
          r.refundId,
          r.orderId,
          r.buyer,
          r.agent,
          formatIsoLocal(r.createdAt, tz),
          fenToYuan(r.amountFen),
          r.reason,
          r.status,
        ]);
      }
      await refunds.write(text);
      text = '';
      for (const p of day.planted) text += `${JSON.stringify(p)}\n`;
      await planted.write(text);
    },
  });
  await Promise.all([agents.close(), chats.close(), orders.close(), refunds.close(), planted.close()]);
  return summary;
}
