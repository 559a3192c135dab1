import fs from 'node:fs';
import path from 'node:path';
import { BundleFileSchema, RoleSchema } from '../shared/sync/protocol';
import {
  AdminError,
  createProgramme,
  createUser,
  findUser,
  listDevices,
  listProgrammes,
  listUsers,
  publish,
} from './admin';
import { importBundle } from './bundles';
import { HubDatabaseError, openHubDatabase, type HubDatabase } from './database';
import { createEnrolCode, DEFAULT_CODE_VALID_HOURS, revokeDevice } from './enrolment';
import { HubRequestError } from './errors';
import { countOutcomes } from './push';
import { createHub } from './server';
import { describeIssues } from './validation';

export const DEFAULT_PORT = 8787;

export const HELP = `Stepping Stones hub: the programme office's sync server.

Usage: npm run hub -- [command] [options]

Database (one of):
  --data DIR                 SQLite database DIR/hub.sqlite (DIR is created when missing)
  DATABASE_URL=postgres://…  PostgreSQL, from the environment

Commands:
  (none)                              serve: --port N (default ${DEFAULT_PORT}), --bind ADDR (default 127.0.0.1),
                                      --trust-proxy (behind a reverse proxy on this machine)
  programme create NAME               create a programme; prints its id
  programme list [--json]
  user create --programme P --role adviser|office NAME
                                      P is a programme id or name; prints the user id
  user list [--programme P] [--json]
  enrol-code USER [--valid-hours H]   one-time enrolment code for USER (id or unique name),
                                      valid ${DEFAULT_CODE_VALID_HOURS} h by default; the code is on the last line
  device list [--json]
  device revoke DEVICE_ID
  import-bundle FILE                  verify a signed sync bundle and apply its changes
  publish instrument FILE --programme P
  publish catalogue FILE --programme P
  --help                              this text`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Resolves when the server should stop; the entry point wires it to SIGINT and SIGTERM. */
  stopSignal?: Promise<void>;
}

class UsageError extends Error {}

const VALUE_OPTIONS = new Set(['data', 'port', 'bind', 'programme', 'role', 'valid-hours']);
const FLAG_OPTIONS = new Set(['help', 'json', 'trust-proxy']);

interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (FLAG_OPTIONS.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      parsed.flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
      parsed.options.set(name, value);
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  return parsed;
}

/** Runs one command; returns the process exit code. */
export async function runHubCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    if (args.flags.has('help')) {
      io.out(HELP);
      return 0;
    }
    checkCommandShape(args);
  } catch (error) {
    return reportError(error, io);
  }
  let database: HubDatabase | null = null;
  try {
    database = await openFromArgs(args, io.env);
    await dispatch(database, args, io);
    return 0;
  } catch (error) {
    return reportError(error, io);
  } finally {
    await database?.close();
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`Usage error: ${error.message} See: npm run hub -- --help`);
    return 2;
  }
  if (error instanceof AdminError || error instanceof HubDatabaseError || error instanceof HubRequestError) {
    io.err(`Error: ${error.message}`);
    return 1;
  }
  io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

/** Usage mistakes are reported before the database is opened (and perhaps created). */
function checkCommandShape(args: ParsedArgs): void {
  const [command, sub] = args.positional;
  const allowed = (...names: string[]) => {
    const extra = [...args.options.keys(), ...args.flags].filter((name) => name !== 'data' && !names.includes(name));
    if (extra.length > 0) throw new UsageError(`--${extra[0]} does not apply to this command.`);
  };
  const need = (count: number, what: string) => {
    if (args.positional.length !== count) throw new UsageError(`Expected: ${what}.`);
  };
  switch (command) {
    case undefined:
      allowed('port', 'bind', 'trust-proxy');
      parsePort(args.options.get('port'));
      return;
    case 'programme':
      if (sub === 'create') need(3, 'programme create NAME');
      else if (sub === 'list') need(2, 'programme list');
      else throw new UsageError('programme takes create or list.');
      allowed(...(sub === 'list' ? ['json'] : []));
      return;
    case 'user':
      if (sub === 'create') {
        need(3, 'user create --programme P --role adviser|office NAME');
        allowed('programme', 'role');
        if (!args.options.has('programme')) throw new UsageError('user create needs --programme P.');
        if (!RoleSchema.safeParse(args.options.get('role')).success) throw new UsageError('user create needs --role adviser or --role office.');
        return;
      }
      if (sub !== 'list') throw new UsageError('user takes create or list.');
      need(2, 'user list [--programme P]');
      allowed('programme', 'json');
      return;
    case 'enrol-code':
      need(2, 'enrol-code USER [--valid-hours H]');
      allowed('valid-hours');
      parseValidHours(args.options.get('valid-hours'));
      return;
    case 'device':
      if (sub === 'list') need(2, 'device list');
      else if (sub === 'revoke') need(3, 'device revoke DEVICE_ID');
      else throw new UsageError('device takes list or revoke.');
      allowed(...(sub === 'list' ? ['json'] : []));
      return;
    case 'import-bundle':
      need(2, 'import-bundle FILE');
      allowed();
      return;
    case 'publish':
      if (sub !== 'instrument' && sub !== 'catalogue') throw new UsageError('publish takes instrument or catalogue.');
      need(3, `publish ${sub} FILE --programme P`);
      allowed('programme');
      if (!args.options.has('programme')) throw new UsageError(`publish ${sub} needs --programme P.`);
      return;
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function openFromArgs(args: ParsedArgs, env: CliIo['env']): Promise<HubDatabase> {
  const data = args.options.get('data');
  const url = env.DATABASE_URL;
  if (data !== undefined && url) throw new UsageError('Both --data and DATABASE_URL are set; use one database.');
  if (url) return openHubDatabase({ databaseUrl: url });
  if (data !== undefined) return openHubDatabase({ dataDirectory: path.resolve(data) });
  throw new UsageError('Give --data DIR for a SQLite database, or set DATABASE_URL for PostgreSQL.');
}

async function dispatch(database: HubDatabase, args: ParsedArgs, io: CliIo): Promise<void> {
  const { db } = database;
  const [command, sub, third] = args.positional;
  const now = new Date();
  const json = args.flags.has('json');
  switch (command) {
    case undefined:
      return serve(database, args, io);
    case 'programme':
      if (sub === 'create') {
        io.out((await createProgramme(db, now, third!)).id);
        return;
      }
      return printList(io, json, await listProgrammes(db), (p) => `${p.id}  ${p.name}  (${p.users} users, ${p.devices} devices)`, 'No programmes yet.');
    case 'user':
      if (sub === 'create') {
        const user = await createUser(db, now, { programme: args.options.get('programme')!, role: RoleSchema.parse(args.options.get('role')), name: third! });
        io.out(user.id);
        return;
      }
      return printList(io, json, await listUsers(db, args.options.get('programme')), (u) => `${u.id}  ${u.role.padEnd(7)}  ${u.name}  (${u.programmeName})`, 'No users yet.');
    case 'enrol-code': {
      const user = await findUser(db, sub!);
      const code = await createEnrolCode(db, now, user.id, parseValidHours(args.options.get('valid-hours')));
      io.out(`One-time enrolment code for ${user.name} (${user.id}), valid until ${code.expiresAt}:`);
      io.out(code.code);
      return;
    }
    case 'device':
      if (sub === 'revoke') {
        if (!(await revokeDevice(db, now, third!))) throw new AdminError(`No active device ${third}. See: device list`);
        io.out(`Device ${third} revoked; its token no longer works.`);
        return;
      }
      return printList(
        io,
        json,
        await listDevices(db),
        (d) =>
          `${d.deviceId}  ${d.revokedAt ? 'revoked' : 'active '}  ${d.name}  user ${d.userName} (${d.userId})  ` +
          `enrolled ${d.enrolledAt}  last seen ${d.lastSeenAt ?? 'never'}  ${d.changeCount} changes`,
        'No devices enrolled yet.',
      );
    case 'import-bundle':
      return importBundleFile(database, sub!, now, io);
    case 'publish': {
      const kind = sub as 'instrument' | 'catalogue';
      const result = await publish(database, now, kind, args.options.get('programme')!, readJsonFile(third!));
      io.out(
        result.published
          ? `Published ${kind} ${result.id} version ${result.version} (row ${result.rowId}); devices receive it on their next sync.`
          : `${kind} ${result.id} version ${result.version} was already published with this content; nothing changed.`,
      );
      return;
    }
  }
}

function printList<T>(io: CliIo, json: boolean, items: readonly T[], line: (item: T) => string, empty: string): void {
  if (json) io.out(JSON.stringify(items));
  else if (items.length === 0) io.out(empty);
  else for (const item of items) io.out(line(item));
}

async function importBundleFile(database: HubDatabase, file: string, now: Date, io: CliIo): Promise<void> {
  const parsed = BundleFileSchema.safeParse(readJsonFile(file));
  if (!parsed.success) throw new AdminError(`${file} is not a sync bundle: ${describeIssues(parsed.error)}`);
  const result = await importBundle(database, now, parsed.data, { kind: 'admin' });
  const counts = countOutcomes(result.results);
  io.out(`Bundle from device ${result.deviceId}: ${result.results.length} changes`);
  for (const [status, count] of Object.entries(counts)) io.out(`${status}: ${count}`);
  for (const rejected of result.results.filter((r) => r.status === 'rejected')) io.out(`  rejected ${rejected.changeId}: ${rejected.reason ?? ''}`);
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AdminError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    // Files saved by Windows editors often start with a byte-order mark.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AdminError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`);
  return port;
}

function parseValidHours(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CODE_VALID_HOURS;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 365) throw new UsageError(`--valid-hours must be a positive number of hours, not "${value}".`);
  return hours;
}

async function serve(database: HubDatabase, args: ParsedArgs, io: CliIo): Promise<void> {
  const host = args.options.get('bind') ?? '127.0.0.1';
  const app = createHub({
    database,
    logger: { level: 'warn' },
    trustProxy: args.flags.has('trust-proxy') ? ['127.0.0.1', '::1'] : false,
  });
  await app.listen({ host, port: parsePort(args.options.get('port')) });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : parsePort(args.options.get('port'));
  io.out(`Database: ${database.dialect} ${database.location}`);
  io.out(`Hub listening on http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  await (io.stopSignal ?? new Promise<void>(() => undefined));
  await app.close();
  io.out('Hub stopped.');
}
