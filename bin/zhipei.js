#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx so `npx zhipei` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
