// Chats as JSON Lines: one message object per line. Blank lines are skipped.

import type { ImportRecord } from '../../domain/types.js';
import { buildChatMessage, type RawChatFields } from '../chat-fields.js';
import { quote } from '../import-error.js';
import { fail, type ParserContext, type RecordParser } from '../record-parser.js';

export class ChatsJsonlParser implements RecordParser {
  constructor(private readonly ctx: ParserContext) {}

  push(line: number, text: string, out: ImportRecord[]): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (text.trim() === '') return;
      const looksCut = text.trimStart().startsWith('{') && !text.trimEnd().endsWith('}');
      fail(this.ctx, line, null, `${looksCut ? 'truncated' : 'malformed'} JSON: ${quote(text)}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(this.ctx, line, null, `expected one JSON object per line, got ${quote(text)}`);
    }
    out.push({ type: 'message', line, value: buildChatMessage(this.ctx, line, value as RawChatFields) });
  }

  end(): void {}
}
