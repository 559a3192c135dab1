import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';
import { createI18n } from '../../shared/i18n';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { validateInstrument } from '../../shared/instruments/validate';
import { createAppServices } from '../services/app-services';
import { defaultDataDirectory } from '../services/app-data-directory';
import { demoClients } from '../services/demo/demo-clients';
import { createInProcessTransport } from '../transports/in-process';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo --data DIR                       fill a database with realistic demo data
  clients list --data DIR [--json] [--search TEXT]
                                        list client companies
  instrument list                       the built-in instruments and their versions
  instrument validate FILE              check an instrument file; one line per problem

Without --data the app's own data folder is used.`;

export class UsageError extends Error {}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function demo(api: ApiClient, out: (line: string) => void): Promise<void> {
  const existing = new Set(unwrap(await api.call('clients.list', {})).map((c) => c.name));
  let created = 0;
  for (const client of demoClients()) {
    if (existing.has(client.name)) continue;
    unwrap(await api.call('clients.create', client));
    created += 1;
  }
  out(`Demo data ready: ${created} clients added, ${existing.size} were already there.`);
}

async function listClients(api: ApiClient, json: boolean, search: string, out: (line: string) => void): Promise<void> {
  const clients = unwrap(await api.call('clients.list', { search }));
  if (json) {
    const en = createI18n('en');
    out(JSON.stringify(clients.map((c) => ({ ...c, sector: en.t(`sectors.${c.naceCode}`) })), null, 2));
    return;
  }
  const widths = [36, 18, 28, 6];
  const pad = (cells: string[]) => cells.map((cell, i) => cell.slice(0, widths[i]).padEnd(widths[i] ?? 0)).join('  ');
  out(pad(['Company', 'Town', 'Region', 'NACE']));
  for (const c of clients) out(pad([c.name, c.town, c.region, c.naceCode]));
  out(`${clients.length} clients`);
}

function listInstruments(out: (line: string) => void): void {
  for (const instrument of builtinInstruments) {
    out(`${instrument.id.padEnd(26)} ${instrument.version.padEnd(8)} ${instrument.kind.padEnd(10)} ${instrument.dimensions.length} dimensions, ${instrument.questions.length} questions  ${instrument.title.en}`);
  }
}

function validateFile(file: string, out: (line: string) => void): number {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    out(`$: cannot read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }
  const problems = validateInstrument(json);
  for (const problem of problems) out(problem);
  if (problems.length === 0) out(`${file}: valid`);
  return problems.length === 0 ? 0 : 1;
}

/** Runs one command; resolves to the process exit code. */
export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      search: { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, subcommand] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return 0;
  }
  if (command === 'instrument' && subcommand === 'list') {
    listInstruments(out);
    return 0;
  }
  if (command === 'instrument' && subcommand === 'validate') {
    const file = positionals[2];
    if (!file) throw new UsageError(`instrument validate needs a FILE\n\n${USAGE}`);
    return validateFile(file, out);
  }
  if (command !== 'demo' && !(command === 'clients' && subcommand === 'list')) {
    throw new UsageError(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  }
  const services = await createAppServices({ dataDirectory: path.resolve(values.data ?? defaultDataDirectory()) });
  try {
    const api = createApiClient(createInProcessTransport(services.dispatch));
    if (command === 'demo') await demo(api, out);
    else await listClients(api, values.json, values.search, out);
    return 0;
  } finally {
    await services.close();
  }
}

