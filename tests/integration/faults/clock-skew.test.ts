import { describe, expect, it } from 'vitest';
import { manualNow } from '../../helpers/services';
import { backends, enrol, hubLocation, startDevice, startHub, syncClean } from '../harness';
import { cell, conflictRecords, expectConverged, expectStoredExactlyOnce } from './sync-checks';
import { adviserOf, answerRowId, levelQuestions, saveNote, startVisit, updateClient } from './visit';

const HOURS = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

describe.each(backends)('a laptop whose clock is six hours off, on %s', (backend) => {
  it.each([
    ['behind', -6 * HOURS],
    ['ahead', +6 * HOURS],
  ] as const)('converges with a laptop whose clock is %s by six hours: edits made after a pull win, concurrent ones end as conflicts', async (_label, offset) => {
    const hub = await startHub(await hubLocation(backend));
    const { programme, adviser } = await adviserOf(hub.admin);
    const time = manualNow(Date.parse('2026-11-21T09:00:00.000Z'));
    const right = await startDevice({ now: time });
    const skewed = await startDevice({ now: () => time() + offset });
    await enrol(right, hub, adviser);
    await enrol(skewed, hub, adviser);

    const { client, assessment } = await startVisit(right, 'Calder Valley Castings Ltd');
    const [q1, q2, q3] = (await levelQuestions(right)) as [string, string, string];
    for (const question of [q1, q2, q3]) await saveNote(right, assessment.id, question, 1, 'first visit');
    await syncClean(right);
    await syncClean(skewed);
    const note = (question: string) => answerRowId(right, assessment.id, question);

    // 1. The skewed laptop edits a note after it pulled the other's edit of it: its edit is later
    //    by cause, so it wins even when its wall clock says it was made six hours earlier.
    time.advance(MINUTE);
    const seen = await saveNote(right, assessment.id, q1, 1, 'Right: ERP chosen');
    await syncClean(right);
    time.advance(MINUTE);
    await syncClean(skewed);
    const after = await saveNote(skewed, assessment.id, q1, 1, 'Skewed: ERP chosen, go-live in May');
    expect(after.updatedAt > seen.updatedAt).toBe(true);
    await syncClean(skewed);
    await syncClean(right);
    expect(cell(right, 'answers', note(q1), 'note')).toBe('Skewed: ERP chosen, go-live in May');

    // 2. Turn about, several rounds, each laptop syncing before it edits: the last edit always wins
    //    and none of them is a conflict, whichever way the clocks disagree.
    let last = '';
    for (let round = 0; round < 6; round++) {
      const [device, name] = round % 2 === 0 ? [right, 'right'] : [skewed, 'skewed'];
      time.advance(MINUTE);
      await syncClean(device);
      last = `${name} round ${round}`;
      await saveNote(device, assessment.id, q3, round % 6, last);
      await updateClient(device, client.id, { town: `Town of ${last}` });
      await syncClean(device);
    }
    await syncClean(right);
    await syncClean(skewed);
    for (const device of [right, skewed]) {
      expect(cell(device, 'answers', note(q3), 'note')).toBe(last);
      expect(cell(device, 'companies', client.id, 'town')).toBe(`Town of ${last}`);
    }
    expect(conflictRecords(right)).toEqual([]);

    // 3. Both edit the same note without syncing in between: the later clock wins, which is the
    //    laptop whose clock runs ahead, and the other value is kept in a conflict record.
    time.advance(MINUTE);
    const fromRight = await saveNote(right, assessment.id, q2, 1, 'Right: no written plan');
    const fromSkewed = await saveNote(skewed, assessment.id, q2, 1, 'Skewed: plan promised for March');
    const [winner, loser] = fromRight.updatedAt > fromSkewed.updatedAt ? [fromRight, fromSkewed] : [fromSkewed, fromRight];
    expect(winner).toBe(offset < 0 ? fromRight : fromSkewed);
    await syncClean(right);
    await syncClean(skewed);
    await syncClean(right);

    for (const device of [right, skewed]) {
      expect(cell(device, 'answers', note(q1), 'note')).toBe('Skewed: ERP chosen, go-live in May');
      expect(cell(device, 'answers', note(q2), 'note')).toBe(winner.note);
      expect(conflictRecords(device)).toEqual([
        {
          table_name: 'answers',
          row_id: note(q2),
          field: 'note',
          kept_value: winner.note,
          kept_hlc: winner.updatedAt,
          other_value: loser.note,
          other_hlc: loser.updatedAt,
          status: 'open',
        },
      ]);
    }
    await expectConverged([right, skewed]);
    await expectStoredExactlyOnce(hub.admin.database, programme, [right, skewed]);
  }, 60_000);
});
