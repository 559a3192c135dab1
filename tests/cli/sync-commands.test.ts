import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, syncExitCodes } from '../../electron/cli/commands';
import { BundleFileSchema, type EnrolRequest } from '../../shared/sync/protocol';
import type { SyncStatus } from '../../shared/sync/operations';
import { createAppServices } from '../../electron/services/app-services';
import { createClient } from '../helpers/services';
import { makeTempDir } from '../helpers/temp';
import { FakeHub, GOOD_CODE, HUB_URL, hubError } from '../sync/fake-hub';

async function run(hub: FakeHub, argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line), { fetch: hub.fetch });
  return { code, lines };
}

async function enrolled(hub = new FakeHub()) {
  const data = makeTempDir();
  const result = await run(hub, ['sync', 'enrol', '--data', data, '--hub', HUB_URL, '--code', GOOD_CODE]);
  expect(result.code).toBe(0);
  return { data, hub, result };
}

async function status(hub: FakeHub, data: string): Promise<SyncStatus> {
  const { lines } = await run(hub, ['sync', 'status', '--data', data, '--json']);
  return JSON.parse(lines.join('\n')) as SyncStatus;
}

describe('cli sync', () => {
  it('enrol stores the enrolment in the data folder and prints who and where', async () => {
    const { data, hub, result } = await enrolled();
    expect(result.lines[0]).toBe(`Enrolled with ${HUB_URL} · Made Smarter Yorkshire · Alex Adviser (adviser)`);
    expect(await status(hub, data)).toMatchObject({ enrolled: true, programmeName: 'Made Smarter Yorkshire', pendingChanges: 0, problem: null });
  });

  it('enrol with a refused code exits with the invalid_code exit code and says so', async () => {
    const data = makeTempDir();
    const { code, lines } = await run(new FakeHub(), ['sync', 'enrol', '--data', data, '--hub', HUB_URL, '--code', 'WRONG-CODE']);
    expect(code).toBe(syncExitCodes.invalid_code);
    expect(lines.join('\n')).toMatch(/Problem \(invalid_code\): The enrolment code was not accepted/);
  });

  it('enrol refuses a plain-http hub on another machine before contacting it', async () => {
    const hub = new FakeHub();
    await expect(run(hub, ['sync', 'enrol', '--data', makeTempDir(), '--hub', 'http://hub.example.org', '--code', GOOD_CODE])).rejects.toThrow(/https:\/\//);
    expect(hub.requests).toEqual([]);
  });

  it('now pushes what the demo recorded and exits 0; with the hub down it exits with the problem’s code', async () => {
    const { data, hub } = await enrolled();
    await runCli(['demo', '--data', data], () => undefined);
    expect((await status(hub, data)).pendingChanges).toBeGreaterThan(0);
    hub.once('POST /v1/push', () => Promise.reject(new TypeError('fetch failed')));
    const down = await run(hub, ['sync', 'now', '--data', data]);
    expect(down.code).toBe(syncExitCodes.unreachable);
    expect(down.lines.join('\n')).toMatch(/Problem \(unreachable\): Could not reach the hub/);
    const up = await run(hub, ['sync', 'now', '--data', data]);
    expect(up.code).toBe(0);
    expect(await status(hub, data)).toMatchObject({ pendingChanges: 0, problem: null });
  }, 120_000);

  it('now exits with the unauthorized code when the hub no longer knows the token', async () => {
    const { data, hub } = await enrolled();
    hub.always('GET /v1/pull', () => hubError(401, 'unauthorized', 'Revoked'));
    expect((await run(hub, ['sync', 'now', '--data', data])).code).toBe(syncExitCodes.unauthorized);
  });

  it('now on a folder that is not enrolled fails with a clear message', async () => {
    await expect(run(new FakeHub(), ['sync', 'now', '--data', makeTempDir()])).rejects.toThrow(/not enrolled/);
  });

  it('export-bundle writes a signed bundle file that import-bundle on an office installation uploads, printing the outcome', async () => {
    const adviser = await enrolled();
    const services = await createAppServices({ dataDirectory: adviser.data });
    await createClient(services);
    await services.close();

    const file = path.join(makeTempDir(), 'changes.ssbundle');
    const exported = await run(adviser.hub, ['sync', 'export-bundle', '--data', adviser.data, '--out', file]);
    expect(exported.code).toBe(0);
    expect(exported.lines[0]).toMatch(/: 2 changes\./);
    const bundle = BundleFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const publicKey = (adviser.hub.requestsTo('POST /v1/enrol')[0]!.body as EnrolRequest).publicKey;
    expect(crypto.verify(null, Buffer.from(bundle.payload), crypto.createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }), Buffer.from(bundle.signature, 'base64'))).toBe(true);
    expect((await status(adviser.hub, adviser.data)).pendingChanges).toBe(2);

    const office = await enrolled(new FakeHub());
    const imported = await run(office.hub, ['sync', 'import-bundle', '--data', office.data, file]);
    expect(imported.code).toBe(0);
    expect(imported.lines[0]).toMatch(/2 accepted, 0 duplicate, 0 conflict, 0 rejected\./);
    expect(office.hub.requestsTo('POST /v1/bundles')[0]!.body).toEqual(bundle);
    expect((await run(office.hub, ['sync', 'import-bundle', '--data', office.data, file])).lines[0]).toMatch(/0 accepted, 2 duplicate/);
  });

  it('import-bundle reports a hub problem with its exit code, and refuses a file that is not a bundle', async () => {
    const office = await enrolled();
    const notBundle = path.join(makeTempDir(), 'x.json');
    fs.writeFileSync(notBundle, '{"hello":1}');
    await expect(run(office.hub, ['sync', 'import-bundle', '--data', office.data, notBundle])).rejects.toThrow(/not a Stepping Stones sync bundle/);
    const bundle = path.join(makeTempDir(), 'b.json');
    fs.writeFileSync(bundle, JSON.stringify({ payload: '{}', signature: 'abc' }));
    office.hub.once('POST /v1/bundles', hubError(403, 'forbidden', 'Office role only'));
    const result = await run(office.hub, ['sync', 'import-bundle', '--data', office.data, bundle]);
    // Not allowed to do this one thing is not the same as no longer enrolled: no "enrol again".
    expect(result.code).toBe(syncExitCodes.rejected);
    expect(result.lines[0]).toMatch(/Office role only/);
    expect(result.lines[0]).not.toMatch(/[Ee]nrol/);
  });

  it('status prints a readable summary without --json', async () => {
    const { data, hub } = await enrolled();
    const { lines } = await run(hub, ['sync', 'status', '--data', data]);
    expect(lines).toEqual([
      `Enrolled with ${HUB_URL} · Made Smarter Yorkshire · Alex Adviser (adviser)`,
      expect.stringMatching(/^Last full sync: \d{4}-/) as string,
      'Waiting to be sent: 0 · refused by the hub: 0 · open conflicts: 0',
    ]);
  });

  it('lists the sync commands in the usage text', async () => {
    const { lines } = await run(new FakeHub(), ['--help']);
    for (const command of ['sync enrol', 'sync now', 'sync status', 'sync export-bundle', 'sync import-bundle']) expect(lines.join('\n')).toContain(command);
  });
});
