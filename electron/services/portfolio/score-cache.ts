import { sql, type Kysely } from 'kysely';
import type { AnswerValue, Instrument } from '../../../shared/instruments/schema';
import { bandFor, barrierRatingsFrom, scoreInstrument, toAnswerLookup, type BarrierRatings } from '../../../shared/scoring/scoring';
import type { AnswerRecord } from '../../../shared/instruments/answers';
import type { LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';

/** Assessments scored per round trip; bounds memory and keeps each write transaction short. */
const CHUNK = 400;

/**
 * Brings the derived scores up to date with the answers: every assessment whose answers or
 * instruments changed since it was last scored (locally or by a pull; the triggers of migration
 * 0007 strike it off) is scored again, others are left alone, so opening the portfolio after a
 * sync costs only what the sync brought. Returns how many assessments were scored.
 */
export async function refreshScores(db: Kysely<LocalDatabase>, instruments: InstrumentStore): Promise<number> {
  const stale = (
    await db
      .selectFrom('assessments as a')
      .select('a.id')
      .where('a.deleted_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('scored_assessments as s').select('s.assessment_id').whereRef('s.assessment_id', '=', 'a.id'))))
      .execute()
  ).map((row) => row.id);
  for (let start = 0; start < stale.length; start += CHUNK) {
    await scoreChunk(db, instruments, stale.slice(start, start + CHUNK));
  }
  if (stale.length > 0) await forgetDeleted(db);
  return stale.length;
}

async function scoreChunk(db: Kysely<LocalDatabase>, instruments: InstrumentStore, ids: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const links = await trx
      .selectFrom('assessment_instruments')
      .select(['assessment_id', 'instrument_id', 'instrument_version'])
      .where('assessment_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .execute();
    const answerRows = await trx
      .selectFrom('answers')
      .select(['assessment_id', 'instrument_id', 'question_id', 'value', 'not_applicable'])
      .where('assessment_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    const answers = new Map<string, AnswerRecord[]>();
    for (const row of answerRows) {
      const key = `${row.assessment_id} ${row.instrument_id}`;
      const list = answers.get(key) ?? [];
      list.push({ questionId: row.question_id, value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue), notApplicable: row.not_applicable === 1 });
      answers.set(key, list);
    }

    const scores: LocalDatabase['assessment_scores'][] = [];
    const barriers: LocalDatabase['assessment_barriers'][] = [];
    for (const id of ids) {
      const used: Instrument[] = [];
      for (const link of links.filter((l) => l.assessment_id === id)) {
        used.push(await instruments.get(link.instrument_id, link.instrument_version, trx));
      }
      const lookup = (instrument: Instrument) => toAnswerLookup(answers.get(`${id} ${instrument.id}`) ?? []);
      const ratings: BarrierRatings = {};
      for (const instrument of used) if (instrument.kind === 'diagnostic') Object.assign(ratings, barrierRatingsFrom(instrument, lookup(instrument)));
      for (const [barrierId, rating] of Object.entries(ratings)) barriers.push({ assessment_id: id, barrier_id: barrierId, rating });
      for (const instrument of used) {
        const result = scoreInstrument(instrument, lookup(instrument));
        for (const dimension of result.dimensions) {
          scores.push({
            assessment_id: id,
            instrument_id: instrument.id,
            dimension_id: dimension.dimensionId,
            score: dimension.score,
            band_id: dimension.score === null ? null : bandFor(instrument, dimension.score),
          });
        }
      }
    }

    await trx.deleteFrom('assessment_scores').where('assessment_id', 'in', ids).execute();
    await trx.deleteFrom('assessment_barriers').where('assessment_id', 'in', ids).execute();
    await trx.deleteFrom('scored_assessments').where('assessment_id', 'in', ids).execute();
    // SQLite allows at most 32,766 bound parameters per statement.
    for (let at = 0; at < scores.length; at += 6000) await trx.insertInto('assessment_scores').values(scores.slice(at, at + 6000)).execute();
    if (barriers.length > 0) await trx.insertInto('assessment_barriers').values(barriers).execute();
    await trx.insertInto('scored_assessments').values(ids.map((id) => ({ assessment_id: id }))).execute();
  });
}

async function forgetDeleted(db: Kysely<LocalDatabase>): Promise<void> {
  const gone = sql<boolean>`assessment_id in (select id from assessments where deleted_at is not null)`;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('assessment_scores').where(gone).execute();
    await trx.deleteFrom('assessment_barriers').where(gone).execute();
    await trx.deleteFrom('scored_assessments').where(gone).execute();
  });
}
