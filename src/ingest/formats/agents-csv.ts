// Agents CSV: shop,agent,name,role,group,hired_on[,mentor]. Roles are the English names of AGENT_ROLES
// or the Chinese labels shops use on their rosters.

import { AGENT_ROLES, type AgentRole, type ImportRecord } from '../../domain/types.js';
import { dayStringToNumber } from '../../domain/time.js';
import { shopOf } from '../chat-fields.js';
import { CsvTable, cell } from '../csv-table.js';
import { requiredCell } from '../field-values.js';
import { quote } from '../import-error.js';
import { fail, type ParserContext, type RecordParser } from '../record-parser.js';

export const CHINESE_ROLE_LABELS: Readonly<Record<string, AgentRole>> = {
  售前: 'presale',
  售后: 'aftersale',
  快递: 'logistics',
  物流: 'logistics',
  退款: 'refund',
  质检: 'qa',
  VIP: 'vip',
  主管: 'lead',
  队长: 'lead',
  组长: 'lead',
  小蜜训化师: 'bot_trainer',
};

export function roleOf(label: string): AgentRole | null {
  const english = label.toLowerCase();
  if ((AGENT_ROLES as readonly string[]).includes(english)) return english as AgentRole;
  return CHINESE_ROLE_LABELS[label] ?? CHINESE_ROLE_LABELS[label.toUpperCase()] ?? null;
}

export class AgentsCsvParser implements RecordParser {
  private readonly table: CsvTable;
  private col = { shop: -1, agent: -1, name: -1, role: -1, group: -1, hiredOn: -1, mentor: -1 };

  constructor(private readonly ctx: ParserContext) {
    this.table = new CsvTable(ctx, true, (t) => {
      this.col = {
        shop: t.column('shop'),
        agent: t.required('agent'),
        name: t.required('name'),
        role: t.required('role'),
        group: t.required('group'),
        hiredOn: t.required('hired_on'),
        mentor: t.column('mentor'),
      };
    });
  }

  push(line: number, text: string, out: ImportRecord[]): void {
    const r = this.table.push(line, text);
    if (r === null) return;
    const { ctx, col } = this;
    const at = r.line;
    const roleLabel = requiredCell(ctx, at, 'role', cell(r, col.role));
    const role = roleOf(roleLabel);
    if (role === null) {
      fail(
        ctx,
        at,
        'role',
        `unknown role ${quote(roleLabel)} (expected ${AGENT_ROLES.join(', ')} or 售前/售后/…)`,
      );
    }
    const hiredOn = cell(r, col.hiredOn);
    if (hiredOn !== '' && Number.isNaN(dayStringToNumber(hiredOn))) {
      fail(ctx, at, 'hired_on', `not a date YYYY-MM-DD: ${quote(hiredOn)}`);
    }
    const mentor = cell(r, col.mentor);
    out.push({
      type: 'agent',
      line: at,
      value: {
        shop: shopOf(ctx, at, cell(r, col.shop)),
        nick: requiredCell(ctx, at, 'agent', cell(r, col.agent)),
        name: requiredCell(ctx, at, 'name', cell(r, col.name)),
        role,
        group: cell(r, col.group),
        hiredOn: hiredOn === '' ? null : hiredOn,
        mentor: mentor === '' ? null : mentor,
      },
    });
  }

  end(): void {
    this.table.end();
  }
}
