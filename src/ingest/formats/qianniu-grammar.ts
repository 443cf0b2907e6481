// The line grammar of a transcript copied out of the Qianniu (千牛) chat window. Classification only;
// what the lines mean for a conversation is decided in qianniu-text.ts. Documented in docs/formats.md.

import { quote } from '../import-error.js';
import { parseWallClock, type WallClock } from '../timestamp.js';

const DATE_TIME = String.raw`(\d{4}-\d{1,2}-\d{1,2})\s+(\d{1,2}:\d{2}:\d{2})`;
/** `客服A --> 客服B 2024-1-5 10:03:00` */
const TRANSFER = new RegExp(String.raw`^(\S.*?)\s*-->\s*(\S.*?)\s*${DATE_TIME}$`);
/** `昵称 2024-1-5 10:00:00`, also `昵称2024-1-5 10:00:00` (no space). */
const HEADER = new RegExp(String.raw`^(\S.*?)\s*${DATE_TIME}$`);
const RECALL = /^(\S.*?)\s*撤回了一条消息$/;
const STATUS = /^(?:已读|未读|发送中)$/;
const SOURCE = /^当前用户来自/;
const HAND_OVER = /^由\s*(\S.*?)\s*转交给\s*(\S.*?)[。.]?$/;
const REASON = /^原因[：:]/;
const AUTO_REPLY_SUFFIX = /\s*[(（]自动回复[)）]$/;

export type QianniuLine =
  | { type: 'header'; nick: string; autoReply: boolean; clock: WallClock }
  | { type: 'transfer'; from: string; to: string; clock: WallClock }
  | { type: 'recall'; nick: string }
  | { type: 'status' }
  | { type: 'source' }
  | { type: 'hand-over'; from: string; to: string }
  | { type: 'reason' }
  | { type: 'content' }
  | { type: 'bad-time'; reason: string };

/** Classifies one line (already trimmed). A reason line only counts right after a hand-over. */
export function classifyQianniuLine(text: string, afterHandOver: boolean): QianniuLine {
  let m = TRANSFER.exec(text);
  if (m) {
    const clock = parseWallClock(`${m[3]} ${m[4]}`);
    if (typeof clock === 'string') return { type: 'bad-time', reason: clock };
    return { type: 'transfer', from: m[1], to: m[2], clock };
  }
  m = HEADER.exec(text);
  if (m) {
    const clock = parseWallClock(`${m[2]} ${m[3]}`);
    if (typeof clock === 'string') return { type: 'bad-time', reason: clock };
    const nick = m[1].replace(AUTO_REPLY_SUFFIX, '');
    if (nick === '') return { type: 'bad-time', reason: `header without a nick: ${quote(text)}` };
    return { type: 'header', nick, autoReply: nick !== m[1], clock };
  }
  m = RECALL.exec(text);
  if (m) return { type: 'recall', nick: m[1] };
  if (STATUS.test(text)) return { type: 'status' };
  if (SOURCE.test(text)) return { type: 'source' };
  m = HAND_OVER.exec(text);
  if (m) return { type: 'hand-over', from: m[1], to: m[2] };
  if (REASON.test(text) && (afterHandOver || text.includes('【'))) return { type: 'reason' };
  return { type: 'content' };
}

/**
 * Whether the first lines of a file read as a Qianniu transcript (for format detection): one of the
 * first 20 non-blank lines is a message header or a transfer. The other formats are tried first.
 */
export function looksLikeQianniu(lines: readonly string[]): boolean {
  let seen = 0;
  for (const raw of lines) {
    const text = raw.trim();
    if (text === '') continue;
    const type = classifyQianniuLine(text, false).type;
    if (type === 'header' || type === 'transfer') return true;
    if (++seen >= 20) return false;
  }
  return false;
}

/** Kinds guessed from what the chat window puts in place of non-text content. */
export function qianniuKindOf(text: string): string {
  if (text === '') return 'other';
  if (text === '[图片]') return 'image';
  if (text === '[表情]' || text === '[动画表情]') return 'emoji';
  if (/^https?:\/\/(item\.taobao\.com|detail\.tmall\.com)\/\S*$/.test(text)) return 'item';
  return 'text';
}
