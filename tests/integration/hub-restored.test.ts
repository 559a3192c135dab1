import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { ClientInputSchema, ClientListQuerySchema } from '../../shared/clients/schema';
import { validClient } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp';
import { enrol, startDevice, startHub, syncClean } from './harness';

/**
 * The first request after the hub restarts in the same moment may meet the kept-alive connection the
 * old hub process closed; the laptop's next sync, minutes later in real life, opens a new one.
 */
async function reconnect(laptop: AppServices): Promise<void> {
  const status = await laptop.sync.syncNow();
  if (status.problem) expect(status.problem.code).toBe('unreachable');
}

describe('a hub restored from its backup', () => {
  it('gets back from the laptops every change it lost, stores each once, and every laptop ends with everything', async () => {
    const hubData = makeTempDir('hub-restored-');
    let hub = await startHub({ dataDirectory: hubData });
    const programme = await hub.admin.programme();
    const adviser = await hub.admin.user(programme, 'adviser');
    const laptop = await startDevice();
    await enrol(laptop, hub, adviser);
    await laptop.clients.create(ClientInputSchema.parse(validClient({ name: 'Before the backup Ltd' })));
    await syncClean(laptop);

    // The office backs up the hub's folder, the laptop goes on working and syncing…
    const port = Number(new URL(hub.url).port);
    await hub.close();
    const backup = makeTempDir('hub-backup-');
    fs.cpSync(hubData, backup, { recursive: true });
    hub = await startHub({ dataDirectory: hubData }, { port });
    await reconnect(laptop);
    await laptop.clients.create(ClientInputSchema.parse(validClient({ name: 'After the backup Ltd' })));
    await syncClean(laptop);

    // …then the hub's disk fails and the backup is put back.
    await hub.close();
    fs.rmSync(hubData, { recursive: true, force: true });
    fs.cpSync(backup, hubData, { recursive: true });
    hub = await startHub({ dataDirectory: hubData }, { port });
    const code = await hub.admin.code(adviser);
    await reconnect(laptop);
    await syncClean(laptop);

    const tablet = await startDevice();
    expect((await tablet.sync.enrol(hub.url, code)).problem).toBeNull();
    const names = (await tablet.clients.list(ClientListQuerySchema.parse({}))).map((c) => c.name).sort();
    expect(names).toEqual(['After the backup Ltd', 'Before the backup Ltd']);
    const stored = await hub.admin.storedChangeIds();
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.length).toBe((laptop.database.sqlite.prepare('select count(*) as n from outbox').get() as { n: number }).n);
    expect(fs.existsSync(path.join(hubData, 'hub.sqlite'))).toBe(true);
  });
});
