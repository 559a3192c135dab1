import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../electron/services/sync/hub-client';
import { startFlakyProxy, type Cut } from '../../support/flaky-proxy';
import { backends, enrol, hubLocation, startDevice, startHub, syncClean } from '../harness';
import { mulberry32 } from '../../../electron/services/demo/random';
import { cell, conflictRecords, expectConverged, expectStoredExactlyOnce } from './sync-checks';
import { adviserOf, answerRowId, dimensions, levelQuestions, saveNote, SavedValues, startVisit, targetRowId, UNTHROTTLED, updateClient } from './visit';

const SEED = 20_261_121;
const PUSHES = 200;

describe.each(backends)('connection cuts on %s', (backend) => {
  it(`loses nothing and stores every change once when the connection is cut at random points during ${PUSHES} pushes (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const hub = await startHub(await hubLocation(backend), UNTHROTTLED);
    const { programme, adviser } = await adviserOf(hub.admin);

    // The laptop talks to the hub through the proxy only while `flaky`; enrolment and the final sync go direct.
    let flaky = false;
    let pushAttempts = 0;
    const proxy = await startFlakyProxy(hub.url, () => {
      const roll = random();
      if (roll < 0.4) return 'pass';
      return (['before-hub', 'after-hub', 'mid-answer'] as const satisfies readonly Cut[])[Math.floor((roll - 0.4) / 0.2)]!;
    });
    try {
      const viaProxy: FetchLike = (url, init) => {
        if (!flaky) return globalThis.fetch(url, init);
        if (url.includes('/v1/push')) pushAttempts += 1;
        return globalThis.fetch(proxy.url + url.slice(hub.url.length), init);
      };
      const a = await startDevice({ fetch: viaProxy });
      const b = await startDevice();
      await enrol(a, hub, adviser);
      await enrol(b, hub, adviser);

      const firms = [await startVisit(a, 'Calder Valley Castings Ltd'), await startVisit(a, 'Ribble Foods Ltd')];
      const questions = (await levelQuestions(a)).slice(0, 8);
      const dims = await dimensions(a);
      const saved = new SavedValues();
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

      flaky = true;
      let failedRuns = 0;
      // Every run first asks the hub what it holds of the laptop; a cut there ends the run before
      // its push, so runs go on until 200 pushes have met the flaky connection.
      for (let run = 0; pushAttempts < PUSHES; run++) {
        const edits = 1 + Math.floor(random() * 3);
        for (let e = 0; e < edits; e++) {
          const { client, assessment } = pick(firms);
          const kind = random();
          if (kind < 0.5) {
            const question = pick(questions);
            const value = Math.floor(random() * 6);
            const note = `note ${run}.${e}`;
            await saveNote(a, assessment.id, question, value, note);
            const rowId = answerRowId(a, assessment.id, question);
            saved.set('answers', rowId, 'value', JSON.stringify(value));
            saved.set('answers', rowId, 'note', note);
          } else if (kind < 0.8) {
            const dimension = pick(dims);
            const target = Math.floor(random() * 101);
            const importance = 1 + Math.floor(random() * 5);
            await a.assessments.saveTarget({ assessmentId: assessment.id, instrumentId: 'digital-maturity', dimensionId: dimension, target, importance });
            const rowId = targetRowId(a, assessment.id, dimension);
            saved.set('dimension_targets', rowId, 'target', target);
            saved.set('dimension_targets', rowId, 'importance', importance);
          } else {
            const town = `Town ${run}.${e}`;
            await updateClient(a, client.id, { town });
            saved.set('companies', client.id, 'town', town);
          }
        }
        const status = await a.sync.syncNow();
        if (status.problem) failedRuns += 1;
      }
      flaky = false;

      // The proxy really cut in every way, and some runs failed because of it.
      expect(proxy.cuts['before-hub']).toBeGreaterThan(0);
      expect(proxy.cuts['after-hub']).toBeGreaterThan(0);
      expect(proxy.cuts['mid-answer']).toBeGreaterThan(0);
      expect(proxy.passed).toBeGreaterThan(0);
      expect(failedRuns).toBeGreaterThan(0);

      await syncClean(a);
      await syncClean(b);
      await syncClean(a);

      await expectConverged([a, b]);
      await expectStoredExactlyOnce(hub.admin.database, programme, [a, b]);
      for (const { table, rowId, column, value } of saved.entries()) {
        expect(cell(a, table, rowId, column), `${table}.${column} of ${rowId} on a`).toEqual(value);
        expect(cell(b, table, rowId, column), `${table}.${column} of ${rowId} on b`).toEqual(value);
      }
      // One laptop edited: a resent change must never be taken for a concurrent edit of its own.
      expect(conflictRecords(a)).toEqual([]);
      expect(conflictRecords(b)).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
