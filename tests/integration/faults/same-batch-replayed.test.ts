import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../electron/services/sync/hub-client';
import type { HubDatabase } from '../../../hub/database';
import { PushRequestSchema, PushResponseSchema, type PushRequest, type PushResponse } from '../../../shared/sync/protocol';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import { backends, enrol, hubLocation, startDevice, startHub, syncClean } from '../harness';
import { expectConverged, expectStoredExactlyOnce, storedChangeIds } from './sync-checks';
import { adviserOf, levelQuestions, saveNote, startVisit, updateClient } from './visit';

/** What a repeated push could disturb on the hub: the merged rows, the stored changes and the device's watermark. */
async function hubState(database: HubDatabase, programmeId: string) {
  const rows = await database.db.selectFrom('rows').select(['table_name', 'row_id', 'values', 'clocks', 'seq']).where('programme_id', '=', programmeId).orderBy('row_id').execute();
  const devices = await database.db.selectFrom('devices').select(['device_id', 'last_hlc', 'change_count']).where('programme_id', '=', programmeId).orderBy('device_id').execute();
  const programme = await database.db.selectFrom('programmes').select('last_seq').where('id', '=', programmeId).executeTakeFirstOrThrow();
  return {
    rows: rows.map((row) => ({ ...row, seq: String(row.seq) })),
    devices: devices.map((device) => ({ ...device, change_count: Number(device.change_count) })),
    lastSeq: String(programme.last_seq),
    changes: (await storedChangeIds(database, programmeId)).sort(),
  };
}

describe.each(backends)('a push batch sent again on %s', (backend) => {
  it('applies a batch sent five times at once only once: every copy gets the first answer, and under a new batch id every change is a duplicate', async () => {
    const hub = await startHub(await hubLocation(backend));
    const { programme, adviser } = await adviserOf(hub.admin);

    // The laptop's push is captured on its way out and the laptop is told the network failed, so the
    // test holds the exact request, with the laptop's token and batch id, that the hub never saw.
    let captured: { url: string; init: RequestInit; request: PushRequest } | null = null;
    let capture = false;
    const capturing: FetchLike = async (url, init) => {
      if (capture && url.endsWith('/v1/push')) {
        captured = { url, init, request: PushRequestSchema.parse(JSON.parse(init.body as string)) };
        throw new TypeError('fetch failed');
      }
      return globalThis.fetch(url, init);
    };
    const a = await startDevice({ fetch: capturing });
    const b = await startDevice();
    await enrol(a, hub, adviser);
    await enrol(b, hub, adviser);

    const { client, assessment } = await startVisit(a, 'Calder Valley Castings Ltd');
    for (const [index, question] of (await levelQuestions(a)).slice(0, 10).entries()) await saveNote(a, assessment.id, question, index % 6, `seen on the floor ${index}`);
    await updateClient(a, client.id, { town: 'Brighouse' });
    const pending = (await a.sync.status()).pendingChanges;

    capture = true;
    expect((await a.sync.syncNow()).problem?.code).toBe('unreachable');
    capture = false;
    expect(captured).not.toBeNull();
    const { url, init, request } = captured!;
    expect(request.changes).toHaveLength(pending);
    const before = await hubState(hub.admin.database, programme);

    const send = async (body: PushRequest): Promise<PushResponse> => {
      const response = await globalThis.fetch(url, { method: 'POST', headers: init.headers, body: JSON.stringify(body) });
      expect(response.status).toBe(200);
      return PushResponseSchema.parse(await response.json());
    };

    // A client that timed out and retried while its first request was still running: five copies at once.
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(request)));
    const first = answers[0]!;
    expect(first.results.map((r) => r.changeId)).toEqual(request.changes.map((c) => c.changeId));
    expect(first.results.every((r) => r.status === 'accepted')).toBe(true);
    expect(first.device.changeCount).toBe(pending);
    for (const answer of answers) expect(answer).toEqual(first);
    const applied = await hubState(hub.admin.database, programme);
    expect(applied.changes).toEqual(request.changes.map((c) => c.changeId).sort());
    expect(applied.rows.length).toBeGreaterThan(before.rows.length);
    // Only one of the five wrote an audit entry: the others never reached the changes.
    const pushAudits = await hub.admin.database.db.selectFrom('audit_log').select('id').where('action', '=', 'push').where('programme_id', '=', programme).execute();
    expect(pushAudits).toHaveLength(1);

    // The same changes under a new batch id are looked at one by one, and each is already there.
    const again = await send({ ...request, batchId: uuidv7() });
    expect(again.results).toEqual(request.changes.map((c) => ({ changeId: c.changeId, status: 'duplicate' })));
    expect(again.device.changeCount).toBe(pending);
    expect(await hubState(hub.admin.database, programme)).toEqual(applied);

    // The laptop's own retry uses the batch id it kept and gets the stored answer: nothing left to send.
    await syncClean(a);
    expect(await hubState(hub.admin.database, programme)).toEqual(applied);
    await syncClean(b);
    await expectStoredExactlyOnce(hub.admin.database, programme, [a, b]);
    await expectConverged([a, b]);
  }, 60_000);
});
