// A Qianniu chat-window transcript: one conversation between one buyer and the shop's accounts. Which
// account the buyer wrote to, and so the shop, is often only known further down (the buyer speaks
// first), so the whole transcript is read before any record is produced; transcripts are small.

import type { ChatMessage, ImportRecord, Sender } from '../../domain/types.js';
import { quote } from '../import-error.js';
import { messageIdFor } from '../message-id.js';
import { fail, type ParserContext, type RecordParser } from '../record-parser.js';
import { toEpoch, type WallClock } from '../timestamp.js';
import { classifyQianniuLine, qianniuKindOf } from './qianniu-grammar.js';

/** One message-to-be, before the thread's agent, the shop and its zone are known. */
interface Entry {
  line: number;
  /** Null for untimed system lines: they take the time of the message before (or after) them. */
  clock: WallClock | null;
  from: Sender;
  kind: string;
  /** The account that wrote it (agent/bot), or the account the thread moves to (transfer). */
  account: string | null;
  /** For a transfer: the account the thread moves away from. */
  previous?: string;
  textLines: string[];
}

const AUTO_REPLY_MARK = '【自动回复】';

export class QianniuTextParser implements RecordParser {
  private readonly entries: Entry[] = [];
  private current: Entry | null = null;
  private buyer: string | null = null;
  private afterHandOver = false;

  constructor(private readonly ctx: ParserContext) {}

  /** A sub-account (`店铺:客服`) or the shop's main account given as --shop. */
  private isAgentNick(nick: string): boolean {
    return nick.includes(':') || nick === this.ctx.defaultShop;
  }

  push(line: number, raw: string, _out: ImportRecord[]): void {
    const text = raw.trim();
    const c = classifyQianniuLine(text, this.afterHandOver);
    this.afterHandOver = c.type === 'hand-over' || (this.afterHandOver && c.type === 'reason');
    switch (c.type) {
      case 'header': {
        let from: Sender;
        if (this.isAgentNick(c.nick)) from = c.autoReply ? 'bot' : 'agent';
        else if (c.autoReply) from = 'bot';
        else {
          this.noteBuyer(line, c.nick);
          from = 'buyer';
        }
        this.open({
          line,
          clock: c.clock,
          from,
          kind: 'text',
          account: from === 'buyer' ? null : c.nick,
          textLines: [],
        });
        return;
      }
      case 'transfer':
        this.open({
          line,
          clock: c.clock,
          from: 'system',
          kind: 'transfer',
          account: c.to,
          previous: c.from,
          textLines: [`${c.from} --> ${c.to}`],
        });
        this.current = null;
        return;
      case 'hand-over':
        this.open({
          line,
          clock: null,
          from: 'system',
          kind: 'transfer',
          account: c.to,
          previous: c.from,
          textLines: [text],
        });
        this.current = null;
        return;
      case 'recall':
      case 'source':
      case 'reason': {
        const kind = c.type === 'recall' ? 'recall' : 'system';
        this.open({ line, clock: null, from: 'system', kind, account: null, textLines: [text] });
        this.current = null;
        return;
      }
      case 'status':
        // 已读/未读 follow a message; as the first line of a message it is what the buyer wrote.
        if (this.current && this.current.textLines.length === 0) this.current.textLines.push(text);
        return;
      case 'bad-time':
        fail(this.ctx, line, null, c.reason);
        return;
      case 'content':
        if (this.current) this.current.textLines.push(raw.trimEnd());
        else if (text !== '') {
          fail(this.ctx, line, null, `text before the first message header (nick and time): ${quote(text)}`);
        }
        return;
    }
  }

  private open(entry: Entry): void {
    this.entries.push(entry);
    this.current = entry.from === 'system' ? null : entry;
  }

  private noteBuyer(line: number, nick: string): void {
    if (this.buyer === null) this.buyer = nick;
    else if (this.buyer !== nick) {
      fail(
        this.ctx,
        line,
        null,
        `two nicks that are not sub-accounts, ${quote(this.buyer)} and ${quote(nick)}: a transcript holds one ` +
          'buyer; if one of them is the shop main account, pass it as --shop',
      );
    }
  }

  end(out: ImportRecord[]): void {
    const { ctx, entries } = this;
    if (entries.length === 0)
      fail(ctx, null, null, 'no messages: no line of the form "昵称 2024-1-5 10:00:00"');
    if (this.buyer === null) fail(ctx, null, null, 'no buyer: every nick is a shop account');
    const buyer = this.buyer;
    let agent = this.firstAccount();
    if (!ctx.defaultShop && !agent.includes(':')) {
      fail(ctx, null, null, `cannot tell the shop from the account ${quote(agent)}: pass --shop`);
    }
    const shop = ctx.defaultShop || agent.slice(0, agent.indexOf(':'));
    const zone = ctx.timeZoneOf(shop);
    const ids = new Map<string, number>();
    let clock = entries.find((e) => e.clock !== null)!.clock!;
    for (const e of entries) {
      if (e.clock) clock = e.clock;
      if (this.takesThread(e)) agent = e.account!;
      const text = joinContent(e.textLines);
      const from: Sender = e.from === 'agent' && text.includes(AUTO_REPLY_MARK) ? 'bot' : e.from;
      const kind = e.kind === 'text' ? qianniuKindOf(text) : e.kind;
      const at = toEpoch(clock, zone);
      let id = messageIdFor(shop, buyer, agent, from, at, text);
      // The same words twice in the same second (a double send) are two messages, numbered in file order.
      const seen = ids.get(id) ?? 0;
      ids.set(id, seen + 1);
      if (seen > 0) id = `${id}-${seen + 1}`;
      const value: ChatMessage = { shop, id, buyer, agent, from, at, text, kind };
      out.push({ type: 'message', line: e.line, value });
    }
  }

  /**
   * Whether from this entry on the thread is with entry.account: a person at a shop account speaks, or
   * a transfer. Auto-replies do not take the thread: the bot answers for whoever the thread is with.
   */
  private takesThread(e: Entry): boolean {
    return e.account !== null && (e.kind === 'transfer' || e.from === 'agent');
  }

  /** The account the buyer first wrote to: the first agent who speaks, or the source of a transfer. */
  private firstAccount(): string {
    for (const e of this.entries) {
      if (!this.takesThread(e)) continue;
      if (e.kind === 'transfer' && e.previous !== undefined && this.isAgentNick(e.previous))
        return e.previous;
      return e.account!;
    }
    // Only the bot answered: the buyer wrote to the account it answers from.
    const bot = this.entries.find(
      (e) => e.from === 'bot' && e.account !== null && this.isAgentNick(e.account),
    );
    if (bot) return bot.account!;
    if (this.ctx.defaultShop) return this.ctx.defaultShop;
    fail(
      this.ctx,
      null,
      null,
      'cannot tell which shop account the buyer wrote to (no agent speaks): pass --shop',
    );
  }
}

/** Content lines of one message, without the blank lines around them. */
function joinContent(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return lines.slice(start, end).join('\n');
}
