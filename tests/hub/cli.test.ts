import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHubDatabase } from '../../hub/database';
import { createHub } from '../../hub/server';
import { builtinCatalogueJson } from '../../shared/roadmap/builtin';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { hubMigrations } from '../../migrations/hub';
import { CHANGE_SCHEMA_VERSION, SCHEMA_VERSION_HEADER } from '../../shared/sync/protocol';
import { newDeviceId } from '../../shared/sync/uuidv7';
import { makeTempDir } from '../helpers/temp';
import { company, freshLocation, newRowId, TestClock, TestDevice } from './fixtures';

const root = path.resolve(import.meta.dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  lines: string[];
}

function hub(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
    execFile(process.execPath, ['--import', 'tsx', 'hub/main.ts', ...args], { cwd: root, env: childEnv }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, lines: stdout.trimEnd().split('\n') });
    });
  });
}

async function ok(args: string[], env?: Record<string, string>): Promise<string[]> {
  const run = await hub(args, env);
  expect(run.code, run.stderr).toBe(0);
  return run.lines;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('hub admin commands', { timeout: 120_000 }, () => {
  it('creates and lists programmes and users, and prints an enrolment code alone on the last line that enrols a device', async () => {
    const data = path.join(makeTempDir(), 'not-yet-there');
    const [programmeId] = await ok(['programme', 'create', 'North Made Smarter', '--data', data]);
    expect(programmeId).toMatch(uuid);
    const programmes = JSON.parse((await ok(['programme', 'list', '--json', '--data', data]))[0]!);
    expect(programmes).toMatchObject([{ id: programmeId, name: 'North Made Smarter', users: 0, devices: 0 }]);

    const [userId] = await ok(['user', 'create', '--programme', 'North Made Smarter', '--role', 'adviser', 'Ann Adviser', '--data', data]);
    expect(userId).toMatch(uuid);
    expect((await ok(['user', 'list', '--data', data])).join('\n')).toContain(`${userId}  adviser  Ann Adviser  (North Made Smarter)`);

    const lines = await ok(['enrol-code', 'Ann Adviser', '--valid-hours', '2', '--data', data]);
    const code = lines.at(-1)!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const database = await openHubDatabase({ dataDirectory: data });
    try {
      const app = createHub({ database });
      const device = new TestDevice(app, new TestClock(Date.now()), newDeviceId());
      const response = await device.enrol(code);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().user).toEqual({ id: userId, name: 'Ann Adviser', role: 'adviser' });
    } finally {
      await database.close();
    }
  });

  it('lists and revokes devices; a revoked token stops working', async () => {
    const data = makeTempDir();
    await ok(['programme', 'create', 'P', '--data', data]);
    await ok(['user', 'create', '--programme', 'P', '--role', 'office', 'Olga', '--data', data]);
    const code = (await ok(['enrol-code', 'Olga', '--data', data])).at(-1)!;
    let database = await openHubDatabase({ dataDirectory: data });
    const device = new TestDevice(createHub({ database }), new TestClock(Date.now()), newDeviceId());
    expect((await device.enrol(code)).statusCode).toBe(200);
    await database.close();

    const devices = JSON.parse((await ok(['device', 'list', '--json', '--data', data]))[0]!);
    expect(devices).toMatchObject([{ deviceId: device.deviceId, name: 'Test laptop', userName: 'Olga', revokedAt: null }]);
    expect((await ok(['device', 'revoke', device.deviceId, '--data', data])).join('\n')).toContain('revoked');
    const again = await hub(['device', 'revoke', device.deviceId, '--data', data]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No active device ${device.deviceId}`);

    database = await openHubDatabase({ dataDirectory: data });
    try {
      const revoked = new TestDevice(createHub({ database }), new TestClock(Date.now()), device.deviceId);
      revoked.token = device.token;
      expect((await revoked.request('GET', '/v1/status')).statusCode).toBe(401);
    } finally {
      await database.close();
    }
  });

  it('imports a signed bundle file and prints the count of each outcome; a second import is all duplicates', async () => {
    const data = makeTempDir();
    await ok(['programme', 'create', 'P', '--data', data]);
    await ok(['user', 'create', '--programme', 'P', '--role', 'adviser', 'Ann', '--data', data]);
    const code = (await ok(['enrol-code', 'Ann', '--data', data])).at(-1)!;
    const database = await openHubDatabase({ dataDirectory: data });
    const device = new TestDevice(createHub({ database }), new TestClock(Date.now()), newDeviceId());
    await device.enrol(code);
    const firm = newRowId();
    const bundle = device.bundle(
      [device.change('companies', firm, company()), device.change('contacts', newRowId(), { company_id: newRowId(), name: 'x', position: 0 })],
      database.hubId,
    );
    await database.close();
    const file = path.join(data, 'visit.ssbundle');
    fs.writeFileSync(file, JSON.stringify(bundle));

    const first = (await ok(['import-bundle', file, '--data', data])).join('\n');
    expect(first).toContain(`Bundle from device ${device.deviceId}: 2 changes`);
    expect(first).toMatch(/accepted: 1\nduplicate: 0\nconflict: 0\nrejected: 1/);
    expect((await ok(['import-bundle', file, '--data', data])).join('\n')).toMatch(/accepted: 0\nduplicate: 1\nconflict: 0\nrejected: 1/);

    fs.writeFileSync(file, JSON.stringify({ ...bundle, payload: bundle.payload.replace('Acme', 'Acne') }));
    const tampered = await hub(['import-bundle', file, '--data', data]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('signature');
  });

  it('publishes an instrument and a catalogue after validating them, once per version', async () => {
    const data = makeTempDir();
    await ok(['programme', 'create', 'P', '--data', data]);
    const instrumentFile = path.join(data, 'instrument.json');
    const catalogueFile = path.join(data, 'catalogue.json');
    const instrument = builtinInstruments[0]!;
    fs.writeFileSync(instrumentFile, '\uFEFF' + JSON.stringify(instrument, null, 2));
    fs.writeFileSync(catalogueFile, JSON.stringify(builtinCatalogueJson));

    expect((await ok(['publish', 'instrument', instrumentFile, '--programme', 'P', '--data', data])).join('\n')).toContain(
      `Published instrument ${instrument.id} version ${instrument.version}`,
    );
    expect((await ok(['publish', 'instrument', instrumentFile, '--programme', 'P', '--data', data])).join('\n')).toContain('already published');
    expect((await ok(['publish', 'catalogue', catalogueFile, '--programme', 'P', '--data', data])).join('\n')).toContain('Published catalogue');

    fs.writeFileSync(instrumentFile, JSON.stringify({ ...instrument, questions: [] }));
    const changed = await hub(['publish', 'instrument', instrumentFile, '--programme', 'P', '--data', data]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/^Error: The instrument is not valid:\n\$\./);

    const database = await openHubDatabase({ dataDirectory: data });
    try {
      const rows = await database.db.selectFrom('rows').select(['table_name', 'owner_user_id', 'values']).orderBy('seq').execute();
      expect(rows.map((r) => [r.table_name, r.owner_user_id])).toEqual([
        ['published_instruments', null],
        ['published_catalogues', null],
      ]);
      expect(JSON.parse(rows[1]!.values)).toMatchObject({ version: builtinCatalogueJson.version });
    } finally {
      await database.close();
    }
  });

  it('explains bad usage in one line with exit code 2, and prints help', async () => {
    const data = makeTempDir();
    const cases: [string[], RegExp][] = [
      [['frobnicate', '--data', data], /Unknown command "frobnicate"/],
      [['user', 'create', 'Ann', '--role', 'boss', '--programme', 'P', '--data', data], /--role adviser or --role office/],
      [['programme', 'create', '--data', data], /Expected: programme create NAME/],
      [['programme', 'list'], /Give --data DIR .* or set DATABASE_URL/],
      [['--port', 'eighty', '--data', data], /--port must be a number/],
      [['enrol-code', 'Ann', '--valid-hours', '-3', '--data', data], /--valid-hours must be a positive number/],
      [['device', 'list', '--colour', '--data', data], /Unknown option --colour/],
    ];
    for (const [args, message] of cases) {
      const run = await hub(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    const unknownUser = await hub(['enrol-code', 'Nobody', '--data', data]);
    expect(unknownUser.code).toBe(1);
    expect(unknownUser.stderr.trim()).toBe('Error: No user with id or name "Nobody". See: user list');

    const help = await ok(['--help']);
    expect(help.join('\n')).toContain('publish catalogue FILE --programme P');
  });

  it('refuses a database written by a newer hub, with exit code 1 and a clear message', async () => {
    const data = makeTempDir();
    const newer = await openHubDatabase({
      dataDirectory: data,
      migrations: [...hubMigrations, { name: '9999-future', up: async () => undefined }],
    });
    await newer.close();
    const run = await hub(['programme', 'list', '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('written by a newer version of the hub');
  });

  it('serves on 127.0.0.1 by default, answers requests, and stops cleanly on SIGTERM', async () => {
    const data = makeTempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts', '--port', '0', '--data', data], { cwd: root, env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /Hub listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
          if (match) {
            clearInterval(timer);
            resolve(match[1]!);
          }
        }, 50);
        child.on('exit', () => {
          clearInterval(timer);
          reject(new Error(`hub exited early: ${stdout}`));
        });
      });
      const response = await fetch(`${url}/v1/status`, { headers: { [SCHEMA_VERSION_HEADER]: String(CHANGE_SCHEMA_VERSION) } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('Hub stopped.');
  });

  it('works on PostgreSQL through DATABASE_URL', async () => {
    const location = await freshLocation('postgres');
    const url = (location as { databaseUrl: string }).databaseUrl;
    const [id] = await ok(['programme', 'create', 'Postgres Programme'], { DATABASE_URL: url });
    expect(JSON.parse((await ok(['programme', 'list', '--json'], { DATABASE_URL: url }))[0]!)).toMatchObject([{ id, name: 'Postgres Programme' }]);
    const both = await hub(['programme', 'list', '--data', makeTempDir()], { DATABASE_URL: url });
    expect(both.code).toBe(2);
  });
});
