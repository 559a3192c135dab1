import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../electron/services/app-services';
import type { FetchLike } from '../../../electron/services/sync/hub-client';
import { PushResponseSchema, type PushResponse } from '../../../shared/sync/protocol';
import { manualNow } from '../../helpers/services';
import { makeTempDir } from '../../helpers/temp';
import { backends, enrol, hubLocation, startDevice, startHub, syncClean, type Backend } from '../harness';
import { cell, conflictRecords, expectConverged, expectStoredExactlyOnce, outboxChangeIds } from './sync-checks';
import { adviserOf, answerRowId, levelQuestions, saveNote, SavedValues, startVisit, targetRowId, updateClient } from './visit';

const DAY = 24 * 60 * 60 * 1000;

function restoreRecord(device: AppServices) {
  const row = device.database.sqlite.prepare(`select value from meta where key = 'sync_restore'`).get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { hubChangeCount: number; localChangeCount: number; hubLastHlc: string | null }) : null;
}

/**
 * A laptop works and syncs for a week while a second laptop of the same adviser joins in; a copy of
 * its data folder taken (closed) on the Monday is then put back and the laptop reopened, as after a
 * disk failure. Returns everything the checks after the restore need.
 */
async function aWeekThenTheMondayBackup(backend: Backend) {
  const hub = await startHub(await hubLocation(backend));
  const { programme, adviser } = await adviserOf(hub.admin);
  const time = manualNow(Date.parse('2026-11-16T08:00:00.000Z'));
  const folder = makeTempDir('restored-laptop-');
  const pushAnswers: PushResponse[] = [];
  const recording: FetchLike = async (url, init) => {
    const response = await globalThis.fetch(url, init);
    if (url.endsWith('/v1/push') && response.ok) pushAnswers.push(PushResponseSchema.parse(await response.clone().json()));
    return response;
  };
  const open = () => startDevice({ dataDirectory: folder, now: time, fetch: recording });
  let laptop = await open();
  const other = await startDevice({ now: time });
  await enrol(laptop, hub, adviser);
  await enrol(other, hub, adviser);
  const saved = new SavedValues();
  const questions = await levelQuestions(laptop);
  const note = async (device: AppServices, assessmentId: string, question: string, text: string) => {
    await saveNote(device, assessmentId, question, 2, text);
    saved.set('answers', answerRowId(device, assessmentId, question), 'note', text);
  };

  // Monday: the first visit, synced; one note written in the evening is still unsent when the backup is taken.
  const first = await startVisit(laptop, 'Calder Valley Castings Ltd');
  for (const question of questions.slice(0, 4)) await note(laptop, first.assessment.id, question, 'Monday');
  await syncClean(laptop);
  await note(laptop, first.assessment.id, questions[0]!, 'Monday evening');
  await laptop.close();
  const backup = makeTempDir('monday-backup-');
  fs.cpSync(folder, backup, { recursive: true });
  const backupAt = { hubLastHlc: (await hub.admin.database.db.selectFrom('devices').select('last_hlc').where('device_id', '=', laptop.clock.deviceId).executeTakeFirstOrThrow()).last_hlc };
  laptop = await open();

  // Tuesday to Saturday: more work on the first visit, a second visit, and an edit from the other laptop.
  time.advance(DAY);
  await note(laptop, first.assessment.id, questions[1]!, 'Tuesday');
  await laptop.assessments.saveTarget({ assessmentId: first.assessment.id, instrumentId: 'digital-maturity', dimensionId: 'digital-strategy', target: 60, importance: 4 });
  saved.set('dimension_targets', targetRowId(laptop, first.assessment.id, 'digital-strategy'), 'target', 60);
  await syncClean(laptop);
  await syncClean(other);
  time.advance(DAY);
  const second = await startVisit(laptop, 'Ribble Foods Ltd');
  for (const question of questions.slice(0, 6)) await note(laptop, second.assessment.id, question, 'Wednesday visit');
  await note(laptop, first.assessment.id, questions[2]!, 'Wednesday');
  await syncClean(laptop);
  time.advance(DAY);
  await syncClean(other);
  await note(other, first.assessment.id, questions[3]!, 'Thursday, from the other laptop');
  await syncClean(other);
  await syncClean(laptop);
  time.advance(DAY);
  await note(laptop, first.assessment.id, questions[1]!, 'Friday');
  await updateClient(laptop, first.client.id, { town: 'Brighouse' });
  saved.set('companies', first.client.id, 'town', 'Brighouse');
  await syncClean(laptop);
  time.advance(DAY);
  await note(laptop, second.assessment.id, questions[0]!, 'Saturday');
  await syncClean(laptop);
  await syncClean(other);

  // The disk fails; the Monday copy goes back. What the lost database had recorded is only on the hub now.
  const lostChangeIds = outboxChangeIds(laptop);
  const deviceId = laptop.clock.deviceId;
  await laptop.close();
  fs.rmSync(folder, { recursive: true, force: true });
  fs.cpSync(backup, folder, { recursive: true });
  time.advance(2 * DAY);
  const hubBefore = await hub.admin.database.db.selectFrom('devices').select(['last_hlc', 'change_count']).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  laptop = await open();
  expect(laptop.clock.deviceId).toBe(deviceId);
  expect(laptop.database.sqlite.prepare('select count(*) as count from companies').get()).toEqual({ count: 1 });
  pushAnswers.length = 0;

  return { hub, programme, time, laptop, other, first, second, questions, saved, lostChangeIds, hubBefore, backupAt, pushAnswers };
}

describe.each(backends)('a laptop restored from a week-old backup, on %s', (backend) => {
  it('detects the restore, gets the lost week back from the hub, stores its resent changes once, and its new edits win', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { hub, programme, laptop, other, first, questions, saved, lostChangeIds, hubBefore, backupAt, pushAnswers } = await aWeekThenTheMondayBackup(backend);
    expect(backupAt.hubLastHlc! < hubBefore.last_hlc!).toBe(true);
    const restoredOutbox = outboxChangeIds(laptop);
    // The Monday-evening note was unsent in the backup; the hub got it on Tuesday.
    expect((await laptop.sync.status()).pendingChanges).toBe(1);

    await syncClean(laptop);

    // It noticed: the hub knows more changes and a newer clock from it than it does.
    expect(restoreRecord(laptop)).toMatchObject({ hubChangeCount: Number(hubBefore.change_count), localChangeCount: restoredOutbox.length, hubLastHlc: hubBefore.last_hlc });
    expect(warn.mock.calls.some(([message]) => String(message).includes('restored from a backup'))).toBe(true);
    // The change it sent again was one the hub had: a duplicate, not stored twice.
    expect(pushAnswers.flatMap((answer) => answer.results.map((r) => r.status))).toEqual(['duplicate']);
    expect(Number((await hub.admin.database.db.selectFrom('devices').select('change_count').where('device_id', '=', laptop.clock.deviceId).executeTakeFirstOrThrow()).change_count)).toBe(
      Number(hubBefore.change_count),
    );

    // Everything of the lost week is back, including what the other laptop did.
    for (const { table, rowId, column, value } of saved.entries()) expect(cell(laptop, table, rowId, column), `${table}.${column} of ${rowId}`).toEqual(value);
    expect(laptop.database.sqlite.prepare('select count(*) as count from companies').get()).toEqual({ count: 2 });

    // New edits after the restore win over the week's, with a clock past everything it issued before.
    const edited = await saveNote(laptop, first.assessment.id, questions[1]!, 3, 'Next Monday, after the restore');
    expect(edited.updatedAt > hubBefore.last_hlc!).toBe(true);
    await updateClient(laptop, first.client.id, { town: 'Elland' });
    await syncClean(laptop);
    await syncClean(other);
    for (const device of [laptop, other]) {
      expect(cell(device, 'answers', answerRowId(device, first.assessment.id, questions[1]!), 'note')).toBe('Next Monday, after the restore');
      expect(cell(device, 'companies', first.client.id, 'town')).toBe('Elland');
      expect(conflictRecords(device)).toEqual([]);
    }

    await expectConverged([laptop, other]);
    await expectStoredExactlyOnce(hub.admin.database, programme, [laptop, other], lostChangeIds);
    warn.mockRestore();
  }, 60_000);

  it('keeps the lost week’s value in a conflict record when the restored laptop overwrites it before its first sync', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { hub, programme, laptop, other, first, questions, lostChangeIds } = await aWeekThenTheMondayBackup(backend);
    const answer = answerRowId(laptop, first.assessment.id, questions[1]!);
    // The restored laptop still shows Monday's note; the adviser, not knowing about Friday's, rewrites it.
    expect(cell(laptop, 'answers', answer, 'note')).toBe('Monday');
    const rewritten = await saveNote(laptop, first.assessment.id, questions[1]!, 2, 'Rewritten on the restored laptop');
    await syncClean(laptop);
    await syncClean(other);
    await syncClean(laptop);

    // The later edit wins, as edits after a restore should; Friday's note was never seen by it, so,
    // like any edit overwritten unseen, it must be kept in a conflict record rather than vanish.
    for (const device of [laptop, other]) {
      expect(cell(device, 'answers', answer, 'note')).toBe('Rewritten on the restored laptop');
      expect(conflictRecords(device)).toEqual([
        expect.objectContaining({ table_name: 'answers', row_id: answer, field: 'note', kept_value: 'Rewritten on the restored laptop', kept_hlc: rewritten.updatedAt, other_value: 'Friday' }),
      ]);
    }
    await expectConverged([laptop, other]);
    await expectStoredExactlyOnce(hub.admin.database, programme, [laptop, other], lostChangeIds);
    warn.mockRestore();
  }, 60_000);
});
