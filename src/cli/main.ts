// `zhipei <command> …`: thin front door onto the services. Commands parse flags, call a service, print.
import { ImportError } from '../ingest/import-error.js';
import { UsageError } from './parse.js';

export type Command = (argv: string[]) => Promise<number>;

// Commands load on demand: `zhipei status` should not pay for the inspection engine or Excel.
const COMMANDS: Record<string, { load: () => Promise<Command>; summary: string }> = {
  import: {
    load: async () => (await import('./commands/import.command.js')).importCommand,
    summary: 'import chats, orders, refunds, agents (formats detected from content)',
  },
  status: {
    load: async () => (await import('./commands/status.command.js')).statusCommand,
    summary: 'counts of what the store holds',
  },
  demo: {
    load: async () => (await import('./commands/demo.command.js')).demoCommand,
    summary: 'generate the demo shop into the store or into files',
  },
  kpi: {
    load: async () => (await import('./commands/kpi.command.js')).kpiCommand,
    summary: 'agent KPIs for a period (kpi explain: the chats behind a number; kpi refresh)',
  },
  inspect: {
    load: async () => (await import('./commands/inspect.command.js')).inspectCommand,
    summary: 'inspect new or changed sessions with a rulebook (--all: every session)',
  },
  findings: {
    load: async () => (await import('./commands/findings.command.js')).findingsCommand,
    summary: 'list stored inspection findings (--json: with evidence spans)',
  },
  rules: {
    load: async () => (await import('./commands/rules.command.js')).rulesCommand,
    summary: "rules test: run every rule's examples; rules list",
  },
  eval: {
    load: async () => (await import('./commands/eval.command.js')).evalCommand,
    summary: 'precision and recall of the stored findings against planted defects',
  },
  shop: {
    load: async () => (await import('./commands/shop.command.js')).shopCommand,
    summary: "a shop's name, time zone and KPI settings (shop list, shop set)",
  },
  serve: {
    load: async () => (await import('./commands/serve.command.js')).serveCommand,
    summary: 'start the HTTP server',
  },
};

export function registerCommand(name: string, load: () => Promise<Command>, summary: string): void {
  COMMANDS[name] = { load, summary };
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'usage: zhipei <command> [options]',
    '',
    ...lines,
    '',
    'Every command takes --db PATH|postgres://… (default: $ZHIPEI_DB or ./data/zhipei.db).',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`zhipei: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const run = await command.load();
    return await run(rest);
  } catch (err) {
    if (err instanceof ImportError || err instanceof UsageError) {
      console.error(`zhipei ${name}: ${err.message}`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    console.error(`zhipei ${name}: ${message}`);
    if (process.env.ZHIPEI_DEBUG && err instanceof Error) console.error(err.stack);
    return 1;
  }
}
