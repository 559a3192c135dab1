import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../electron/services/sync/hub-client';
import { HUB_DATABASE_FILE, openHubDatabase, type HubDatabase } from '../../../hub/database';
import { PushRequestSchema } from '../../../shared/sync/protocol';
import { makeTempDir } from '../../helpers/temp';
import { enrol, HubAdmin, spawnHub, startDevice, syncClean } from '../harness';
import { expectConverged, expectStoredExactlyOnce, storedChangeIds } from './sync-checks';
import { adviserOf, levelQuestions, saveNote, startVisit } from './visit';

const CHANGES = 5000;

const opened: HubDatabase[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// On a SQLite hub only, which is enough: what is proved is that the hub applies a batch in one
// transaction, so a killed hub process leaves all of it or none. On PostgreSQL the same transaction
// code runs and the database server, not the killed process, would roll it back; the connection-cut
// and replay tests cover PostgreSQL.
describe('the hub killed mid-batch (SQLite hub)', () => {
  it(`stores a batch whole or not at all when the hub process is killed during a push of ${CHANGES} changes, and after a restart every change is stored once`, async () => {
    const dataDirectory = makeTempDir('hub-killed-');
    // The test reads and administers the hub's database beside the hub process, as `npm run hub -- user create` does.
    const database = await openHubDatabase({ dataDirectory });
    opened.push(database);
    const admin = new HubAdmin(database);
    const { programme, adviser } = await adviserOf(admin);
    const port = await freePort();
    let hub = await spawnHub(dataDirectory, port);

    // Where each push meets the kill: the first goes through; the second is killed while the hub is
    // inside its transaction; the third (the first after the restart) after the hub committed and
    // answered, but before the answer reaches the laptop (the power fails as it replies).
    const plans = ['none', 'during-transaction', 'after-commit'] as const;
    const pushes: { changes: number; batchId: string; answered: boolean }[] = [];
    let kill: Promise<void> | null = null;
    const recording: FetchLike = async (url, init) => {
      if (!url.endsWith('/v1/push')) return globalThis.fetch(url, init);
      const request = PushRequestSchema.parse(JSON.parse(init.body as string));
      const push = { changes: request.changes.length, batchId: request.batchId, answered: false };
      pushes.push(push);
      const armed = plans[pushes.length - 1] ?? 'none';
      const answer = globalThis.fetch(url, init).then((response) => {
        push.answered = true;
        return response;
      });
      if (armed === 'during-transaction') kill = killWhileWriting(answer);
      if (armed === 'after-commit') {
        await (await answer).arrayBuffer();
        await hub.kill();
        throw new TypeError('fetch failed: the hub went away before its answer arrived');
      }
      return answer;
    };

    /** Kills the hub once it is seen holding the database's write lock twice in a row: busy applying the push. */
    const killWhileWriting = async (answer: Promise<unknown>) => {
      let answered = false;
      void answer.then(
        () => (answered = true),
        () => (answered = true),
      );
      const probe = new Database(path.join(dataDirectory, HUB_DATABASE_FILE), { timeout: 0 });
      try {
        let busy = 0;
        while (!answered) {
          try {
            probe.exec('begin immediate');
            probe.exec('rollback');
            busy = 0;
          } catch (error) {
            if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
            if (++busy === 2) {
              await hub.kill();
              return;
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        throw new Error('The hub answered the push before the kill landed.');
      } finally {
        probe.close();
      }
    };

    const a = await startDevice({ fetch: recording });
    const b = await startDevice();
    const target = { url: hub.url, admin };
    await enrol(a, target, adviser);
    await enrol(b, target, adviser);

    // A few fully worked visits: every level question answered over and over with a new note.
    const visits = [await startVisit(a, 'Calder Valley Castings Ltd'), await startVisit(a, 'Ribble Foods Ltd'), await startVisit(a, 'Aire Plastics Ltd')];
    const questions = await levelQuestions(a);
    let pending = (await a.sync.status()).pendingChanges;
    for (let i = 0; pending < CHANGES; i++, pending++) {
      const visit = visits[i % visits.length]!;
      await saveNote(a, visit.assessment.id, questions[Math.floor(i / visits.length) % questions.length]!, i % 6, `note ${i}`);
    }
    expect((await a.sync.status()).pendingChanges).toBe(CHANGES);

    // 1. Killed inside the second batch's transaction.
    const interrupted = await a.sync.syncNow();
    expect(kill, 'a second push was sent').not.toBeNull();
    await kill;
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.answered).toBe(false);
    expect(interrupted.problem?.code).toBe('unreachable');
    expect(interrupted.pendingChanges).toBe(CHANGES - pushes[0]!.changes);
    // Whole batches only: the answered first one, and the second completely or not at all.
    const [first, second] = pushes as [(typeof pushes)[0], (typeof pushes)[0]];
    const afterKill = (await storedChangeIds(database, programme)).length;
    expect([first.changes, first.changes + second.changes]).toContain(afterKill);
    console.info(`The hub was killed ${afterKill === first.changes ? 'before' : 'after'} it committed the second batch.`);

    // 2. Restarted, and killed again after it committed the resent batch but before the laptop heard.
    hub = await spawnHub(dataDirectory, port);
    expect(hub.url).toBe(target.url);
    const unanswered = await a.sync.syncNow();
    expect(pushes).toHaveLength(3);
    // The same changes go again under the same batch id, so the hub can tell it is a retry.
    expect(pushes[2]).toMatchObject({ changes: second.changes, batchId: second.batchId });
    expect(unanswered.problem?.code).toBe('unreachable');
    expect(unanswered.pendingChanges).toBe(CHANGES - first.changes);
    expect((await storedChangeIds(database, programme)).length).toBe(first.changes + second.changes);

    // 3. Restarted once more: the laptop finishes, and a second laptop gets everything.
    hub = await spawnHub(dataDirectory, port);
    await syncClean(a);
    await syncClean(b);
    await syncClean(a);

    await expectStoredExactlyOnce(database, programme, [a, b]);
    expect((await storedChangeIds(database, programme)).length).toBe(CHANGES);
    await expectConverged([a, b]);
    await hub.stop();
  }, 180_000);
});
