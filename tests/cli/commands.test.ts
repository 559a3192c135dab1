import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli, UsageError } from '../../electron/cli/commands';
import { DATABASE_FILE_NAME } from '../../electron/services/app-services';
import { createI18n } from '../../shared/i18n';
import { makeTempDir } from '../helpers/temp';
import { closeServices, startServices } from '../helpers/services';

async function run(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runCli(argv, (line) => lines.push(line));
  return lines;
}

interface ListedClient {
  id: string;
  name: string;
  town: string;
  country: string;
  naceCode: string;
  sector: string;
  contactCount: number;
}

async function listJson(data: string, ...extra: string[]): Promise<ListedClient[]> {
  const lines = await run(['clients', 'list', '--data', data, '--json', ...extra]);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as ListedClient[];
}

// A demo run records about 25 visits answer by answer, each save committed to disk.
describe('cli demo', { timeout: 120_000 }, () => {
  it('fills an empty data folder with at least 20 clients across 3+ countries and 5+ sectors, each with a contact', async () => {
    const data = makeTempDir();
    const lines = await run(['demo', '--data', data]);
    expect(fs.existsSync(path.join(data, DATABASE_FILE_NAME))).toBe(true);

    const clients = await listJson(data);
    expect(lines.join('\n')).toContain(`${clients.length} clients added, 0 were already there`);
    expect(clients.length).toBeGreaterThanOrEqual(20);
    expect(new Set(clients.map((c) => c.country)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(clients.map((c) => c.naceCode)).size).toBeGreaterThanOrEqual(5);
    for (const client of clients) expect(client.contactCount, client.name).toBeGreaterThanOrEqual(1);
  });

  it('stores demo clients that the service can read back in full, contacts included', async () => {
    const data = makeTempDir();
    await run(['demo', '--data', data]);
    const services = await startServices({ dataDirectory: data });
    const summaries = await services.clients.list({ search: '', sort: 'name', direction: 'asc' });
    for (const summary of summaries) {
      const client = await services.clients.get(summary.id);
      expect(client.contacts.length).toBe(summary.contactCount);
      expect(client.contacts.every((c) => c.name.length > 0)).toBe(true);
    }
  });

  it('adds nothing when run a second time on the same data', async () => {
    const data = makeTempDir();
    await run(['demo', '--data', data]);
    const first = await listJson(data);
    const services = await startServices({ dataDirectory: data });
    const outboxBefore = services.database.sqlite.prepare('select count(*) as n from outbox').get();
    await closeServices(services);

    const lines = await run(['demo', '--data', data]);
    expect(lines.join('\n')).toContain(`0 clients added, ${first.length} were already there`);
    const second = await listJson(data);
    expect(second.map((c) => c.id)).toEqual(first.map((c) => c.id));
    const after = await startServices({ dataDirectory: data });
    expect(after.database.sqlite.prepare('select count(*) as n from outbox').get()).toEqual(outboxBefore);
  });
});

describe('cli clients list', { timeout: 120_000 }, () => {
  it('prints parseable JSON with name, town, NACE code and the English sector label', async () => {
    const data = makeTempDir();
    await run(['demo', '--data', data]);
    const clients = await listJson(data);
    const en = createI18n('en');
    for (const client of clients) {
      expect(typeof client.name).toBe('string');
      expect(client.name.length).toBeGreaterThan(0);
      expect(typeof client.town).toBe('string');
      expect(client.naceCode).toMatch(/^\d{2}$/);
      expect(client.sector).toBe(en.t(`sectors.${client.naceCode}`));
      expect(client.sector).not.toMatch(/^sectors\./);
    }
    expect(clients.find((c) => c.naceCode === '10')?.sector).toBe('Food products');
  });

  it('filters with --search, accent-insensitively', async () => {
    const data = makeTempDir();
    await run(['demo', '--data', data]);
    const found = await listJson(data, '--search', 'lodz');
    expect(found.map((c) => c.town)).toEqual(['Łódź']);
  });

  it('prints an empty JSON array for an empty database', async () => {
    const data = makeTempDir();
    expect(await listJson(data)).toEqual([]);
  });

  it('prints a table with a header and a count line without --json', async () => {
    const data = makeTempDir();
    await run(['demo', '--data', data]);
    const clients = await listJson(data);
    const lines = await run(['clients', 'list', '--data', data]);
    expect(lines[0]).toMatch(/^Company\s+Town\s+Region\s+NACE/);
    expect(lines).toHaveLength(clients.length + 2);
    expect(lines.at(-1)).toBe(`${clients.length} clients`);
  });
});

describe('cli usage', () => {
  it.each([['frobnicate'], ['clients'], ['clients', 'delete'], ['demo2']])('throws UsageError for the unknown command %j', async (...argv) => {
    const data = makeTempDir();
    await expect(runCli([...argv, '--data', data], () => {})).rejects.toBeInstanceOf(UsageError);
    expect(fs.readdirSync(data)).toEqual([]);
  });

  it('prints usage and creates no data folder with --help or no command', async () => {
    // Point every platform's default data folder into a temp folder, so a slip cannot touch the real one.
    const home = makeTempDir();
    vi.stubEnv('HOME', home);
    vi.stubEnv('XDG_CONFIG_HOME', home);
    vi.stubEnv('APPDATA', home);
    try {
      for (const argv of [[], ['--help'], ['demo', '-h']]) {
        const lines = await run(argv);
        expect(lines.join('\n')).toContain('Usage: npm run cli');
      }
      expect(fs.readdirSync(home)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('rejects an unknown option', async () => {
    await expect(runCli(['demo', '--data', makeTempDir(), '--force'], () => {})).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });
});
