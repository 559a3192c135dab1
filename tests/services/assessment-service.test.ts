import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { AppError } from '../../shared/api/result';
import {
  AnswerSaveSchema,
  AssessmentCreateSchema,
  AssessmentUpdateSchema,
  TargetSaveSchema,
  type Assessment,
  type AnswerSave,
  type AssessmentCreate,
  type TargetSave,
} from '../../shared/assessments/schema';
import { builtinInstrument } from '../../shared/instruments/builtin';
import type { AnswerValue } from '../../shared/instruments/schema';
import { validateInstrument } from '../../shared/instruments/validate';
import { barrierRatingsFrom, scoreInstrument, toAnswerLookup, type DimensionTarget } from '../../shared/scoring/scoring';
import { parseHlc } from '../../shared/sync/hlc';
import { MISSING_ID } from '../helpers/fixtures';
import { sampleInstrumentJson } from '../helpers/instrument-fixture';
import { closeServices, count, createClient, manualNow, outbox, startServices } from '../helpers/services';
import { makeTempDir } from '../helpers/temp';

type Json = Record<string, any>;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DM = 'digital-maturity';
const SS = 'stepping-stones';
const SFR = 'smart-factory-readiness';

async function expectAppError(promise: Promise<unknown>, code: AppError['code'], field?: string): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field !== undefined) expect((error as AppError).field).toBe(field);
  return error as AppError;
}

async function setup(options: Parameters<typeof startServices>[0] = {}) {
  const services = await startServices(options);
  const client = await createClient(services);
  return { services, client };
}

function create(services: AppServices, input: Partial<AssessmentCreate> & { companyId: string }): Promise<Assessment> {
  return services.assessments.create(AssessmentCreateSchema.parse({ instruments: [{ id: DM }], visitDate: '2026-11-20', ...input }));
}

function save(services: AppServices, assessmentId: string, instrumentId: string, questionId: string, value: AnswerValue | null, extra: Partial<AnswerSave> = {}) {
  return services.assessments.saveAnswer(AnswerSaveSchema.parse({ assessmentId, instrumentId, questionId, value, ...extra }));
}

function saveTarget(services: AppServices, assessmentId: string, instrumentId: string, dimensionId: string, target: number | null, importance: number | null = 3, extra: Partial<TargetSave> = {}) {
  return services.assessments.saveTarget(TargetSaveSchema.parse({ assessmentId, instrumentId, dimensionId, target, importance, ...extra }));
}

interface AnswerRowView {
  id: string;
  instrument_id: string;
  question_id: string;
  value: string | null;
  not_applicable: number;
  note: string;
  flagged: number;
  updated_at: string;
}

function answerRows(services: AppServices, assessmentId: string): AnswerRowView[] {
  return services.database.sqlite
    .prepare('select * from answers where assessment_id = ? order by instrument_id, question_id')
    .all(assessmentId) as AnswerRowView[];
}

function assessmentStatus(services: AppServices, id: string): string {
  return (services.database.sqlite.prepare('select status from assessments where id = ?').get(id) as { status: string }).status;
}

function breakOutbox(services: AppServices): void {
  services.database.sqlite.exec(`create trigger outbox_broken before insert on outbox begin select raise(abort, 'outbox is broken'); end`);
}

/** digital-maturity 1.1.0: the built-in with one extra question. */
function digitalMaturityNext(): Json {
  const json = structuredClone(builtinInstrument(DM)) as Json;
  json.version = '1.1.0';
  const t = (en: string) => ({ en, da: `${en} (da)`, sv: `${en} (sv)` });
  json.questions.push({
    id: 'dm-green-roadmap',
    dimension: 'green-digital',
    type: 'level',
    text: t('Is there a green roadmap?'),
    levels: [0, 1, 2, 3, 4, 5].map((level) => ({ level, descriptor: t(`Level ${level}`) })),
  });
  expect(validateInstrument(json)).toEqual([]);
  return json;
}

describe('AssessmentService create', () => {
  it('creates a draft baseline with defaults, a v7 id and the instruments in the chosen order', async () => {
    const now = manualNow();
    const { services, client } = await setup({ now });
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: SS }, { id: DM }], peoplePresent: 'Sarah (MD), Dev (production)' });
    expect(assessment.id).toMatch(UUID_V7);
    expect(assessment).toMatchObject({
      companyId: client.id,
      kind: 'baseline',
      baselineId: null,
      revisionOf: null,
      status: 'draft',
      visitDate: '2026-11-20',
      peoplePresent: 'Sarah (MD), Dev (production)',
      reportLanguage: 'en',
      finalisedAt: null,
      instruments: [
        { id: SS, version: '1.0.0' },
        { id: DM, version: '1.0.0' },
      ],
      createdAt: '2026-11-21T10:42:00.000Z',
      updatedBy: services.clock.deviceId,
      deletedAt: null,
    });
    expect(parseHlc(assessment.updatedAt)).toMatchObject({ wall: now(), device: services.clock.deviceId });
    expect((await services.assessments.get(assessment.id)).assessment).toEqual(assessment);
  });

  it('records the assessment and each instrument link in the outbox as new rows', async () => {
    const { services, client } = await setup();
    const before = outbox(services).length;
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SS }] });
    const entries = outbox(services).slice(before);
    expect(entries.map((e) => [e.table_name, e.operation, e.base_hlc, e.hlc])).toEqual([
      ['assessments', 'upsert', null, assessment.updatedAt],
      ['assessment_instruments', 'upsert', null, assessment.updatedAt],
      ['assessment_instruments', 'upsert', null, assessment.updatedAt],
    ]);
    expect(entries[0]).toMatchObject({ row_id: assessment.id, changes: { company_id: client.id, status: 'draft', kind: 'baseline' } });
    expect(entries.slice(1).map((e) => e.changes)).toEqual([
      expect.objectContaining({ assessment_id: assessment.id, instrument_id: DM, instrument_version: '1.0.0', position: 0 }),
      expect.objectContaining({ assessment_id: assessment.id, instrument_id: SS, instrument_version: '1.0.0', position: 1 }),
    ]);
  });

  it('resolves an instrument named without a version to the newest installed version', async () => {
    const { services, client } = await setup();
    await services.instruments.add(digitalMaturityNext(), 'hub');
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SS }] });
    expect(assessment.instruments).toEqual([
      { id: DM, version: '1.1.0' },
      { id: SS, version: '1.0.0' },
    ]);
  });

  it('refuses an unknown company with not_found on companyId and writes nothing', async () => {
    const { services } = await setup();
    const before = outbox(services).length;
    await expectAppError(create(services, { companyId: MISSING_ID }), 'not_found', 'companyId');
    expect(count(services, 'assessments')).toBe(0);
    expect(outbox(services)).toHaveLength(before);
  });

  it('refuses a deleted company with not_found on companyId', async () => {
    const { services, client } = await setup();
    await services.clients.delete(client.id);
    await expectAppError(create(services, { companyId: client.id }), 'not_found', 'companyId');
  });

  it('refuses the same instrument twice with invalid_input on instruments', async () => {
    const { services, client } = await setup();
    await expectAppError(create(services, { companyId: client.id, instruments: [{ id: DM }, { id: DM, version: '1.0.0' }] }), 'invalid_input', 'instruments');
    expect(count(services, 'assessments')).toBe(0);
  });

  it('refuses an instrument that is not installed with not_found naming the instruments field', async () => {
    const { services, client } = await setup();
    const error = await expectAppError(create(services, { companyId: client.id, instruments: [{ id: 'no-such-instrument' }] }), 'not_found');
    expect(error.field).toMatch(/^instruments/);
  });

  it('refuses a follow-up whose baseline is still a draft with invalid_input on baselineId', async () => {
    const { services, client } = await setup();
    const baseline = await create(services, { companyId: client.id });
    await expectAppError(create(services, { companyId: client.id, kind: 'follow-up', baselineId: baseline.id }), 'invalid_input', 'baselineId');
    expect(count(services, 'assessments')).toBe(1);
  });

  it('refuses a follow-up whose baseline was superseded by a revision', async () => {
    const { services, client } = await setup();
    const baseline = await create(services, { companyId: client.id });
    await services.assessments.finalise(baseline.id);
    const revision = await services.assessments.revise(baseline.id);
    await services.assessments.finalise(revision.id);
    await expectAppError(create(services, { companyId: client.id, kind: 'follow-up', baselineId: baseline.id }), 'invalid_input', 'baselineId');
    const followUp = await create(services, { companyId: client.id, kind: 'follow-up', baselineId: revision.id });
    expect(followUp.baselineId).toBe(revision.id);
  });

  it('refuses a follow-up against a finalised baseline of another company with invalid_input on baselineId', async () => {
    const { services, client } = await setup();
    const other = await createClient(services, { name: 'Other Works Ltd' });
    const theirs = await create(services, { companyId: other.id });
    await services.assessments.finalise(theirs.id);
    await expectAppError(create(services, { companyId: client.id, kind: 'follow-up', baselineId: theirs.id }), 'invalid_input', 'baselineId');
  });

  it('refuses a follow-up against a baseline that does not exist with invalid_input on baselineId', async () => {
    const { services, client } = await setup();
    await expectAppError(create(services, { companyId: client.id, kind: 'follow-up', baselineId: MISSING_ID }), 'invalid_input', 'baselineId');
  });

  it('creates a follow-up against a finalised baseline of the same company', async () => {
    const { services, client } = await setup();
    const baseline = await create(services, { companyId: client.id, visitDate: '2026-01-15' });
    await services.assessments.finalise(baseline.id);
    const followUp = await create(services, { companyId: client.id, kind: 'follow-up', baselineId: baseline.id, visitDate: '2026-11-20' });
    expect(followUp).toMatchObject({ kind: 'follow-up', baselineId: baseline.id, status: 'draft' });
  });
});

describe('AssessmentService saveAnswer', () => {
  it('stores an answer of every type and get() returns it with its value as given', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SS }] });
    const given: [string, string, AnswerValue][] = [
      [DM, 'dm-strategy-vision', 3],
      [DM, 'dm-strategy-investment', 'annual'],
      [DM, 'dm-strategy-areas', ['planning', 'quality']],
      [DM, 'dm-strategy-support', true],
      [DM, 'dm-human-trained', 35],
      [DM, 'dm-readiness-systems', 'Visma Business, Excel for planning'],
      [SS, 'ss-drivers', ['quality', 'productivity', 'growth']],
    ];
    for (const [instrumentId, questionId, value] of given) {
      const saved = await save(services, assessment.id, instrumentId, questionId, value, { note: `note on ${questionId}`, flagged: questionId === 'dm-strategy-vision' });
      expect(saved).toMatchObject({ instrumentId, questionId, value, notApplicable: false, note: `note on ${questionId}` });
    }
    const detail = await services.assessments.get(assessment.id);
    expect(detail.answers.map((a) => [a.instrumentId, a.questionId, a.value]).sort()).toEqual(given.map((g) => [...g]).sort());
    expect(detail.answers.find((a) => a.questionId === 'dm-strategy-vision')!.flagged).toBe(true);
    expect(detail.answers.find((a) => a.questionId === 'dm-human-trained')!.flagged).toBe(false);
  });

  it('saves the first answer after a restart, when the instrument is not yet in memory, instead of waiting on its own transaction', async () => {
    const dataDirectory = makeTempDir();
    const first = await startServices({ dataDirectory });
    const client = await createClient(first);
    const assessment = await create(first, { companyId: client.id });
    await closeServices(first);
    const restarted = await startServices({ dataDirectory });
    const saved = await save(restarted, assessment.id, DM, 'dm-strategy-vision', 4);
    expect(saved).toMatchObject({ questionId: 'dm-strategy-vision', value: 4 });
  });

  it('refuses a question the instrument does not have, even one of another instrument in the visit, with invalid_input on questionId', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SS }] });
    await expectAppError(save(services, assessment.id, DM, 'ss-barrier-finance', 'severe'), 'invalid_input', 'questionId');
    await expectAppError(save(services, assessment.id, DM, 'dm-no-such-question', 3), 'invalid_input', 'questionId');
    expect(answerRows(services, assessment.id)).toEqual([]);
  });

  it('refuses an instrument the assessment does not use with invalid_input on instrumentId', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    await expectAppError(save(services, assessment.id, SFR, 'sfr-vertical-integration', 3), 'invalid_input', 'instrumentId');
    expect(answerRows(services, assessment.id)).toEqual([]);
  });

  it.each<[string, AnswerValue]>([
    ['dm-strategy-vision', 6],
    ['dm-strategy-vision', 2.5],
    ['dm-strategy-vision', 'high'],
    ['dm-strategy-investment', 'lavish'],
    ['dm-strategy-areas', ['none', 'quality']],
    ['dm-strategy-areas', ['quality', 'quality']],
    ['dm-strategy-support', 'yes'],
    ['dm-human-trained', 101],
    ['dm-human-trained', -1],
    ['dm-readiness-systems', 7],
  ])('refuses a value that does not fit %s (%o) with invalid_input on value, storing nothing', async (questionId, value) => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const before = outbox(services).length;
    await expectAppError(save(services, assessment.id, DM, questionId, value), 'invalid_input', 'value');
    expect(answerRows(services, assessment.id)).toEqual([]);
    expect(outbox(services)).toHaveLength(before);
  });

  it('says why a value does not fit, e.g. that "none" cannot be combined', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const error = await expectAppError(save(services, assessment.id, DM, 'dm-strategy-areas', ['quality', 'none']), 'invalid_input', 'value');
    expect(error.message).toContain('"none" cannot be combined with other options');
  });

  it('stores a not-applicable answer with a null value, dropping any value sent with it', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const saved = await save(services, assessment.id, DM, 'dm-strategy-vision', 4, { notApplicable: true, note: 'No strategy work yet' });
    expect(saved).toMatchObject({ value: null, notApplicable: true, note: 'No strategy work yet' });
    expect(answerRows(services, assessment.id)).toEqual([expect.objectContaining({ question_id: 'dm-strategy-vision', value: null, not_applicable: 1 })]);
    // Even a value that would not fit is irrelevant once the question is marked not applicable.
    const na = await save(services, assessment.id, DM, 'dm-strategy-leadership', 42, { notApplicable: true });
    expect(na).toMatchObject({ value: null, notApplicable: true });
  });

  it('turns a not-applicable mark back into an answer, clearing the mark', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    await save(services, assessment.id, DM, 'dm-strategy-vision', null, { notApplicable: true });
    const answered = await save(services, assessment.id, DM, 'dm-strategy-vision', 2);
    expect(answered).toMatchObject({ value: 2, notApplicable: false });
    expect(answerRows(services, assessment.id)).toEqual([expect.objectContaining({ value: '2', not_applicable: 0 })]);
  });

  it('writes no outbox row and keeps the clock when the same answer is saved again', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const first = await save(services, assessment.id, DM, 'dm-strategy-areas', ['planning', 'quality'], { note: 'ERP project next year' });
    const before = outbox(services);
    const again = await save(services, assessment.id, DM, 'dm-strategy-areas', ['planning', 'quality'], { note: 'ERP project next year' });
    expect(again).toEqual(first);
    expect(outbox(services)).toEqual(before);
    expect(answerRows(services, assessment.id)[0]!.updated_at).toBe(first.updatedAt);
  });

  it('writes one outbox row per change, based on the clock the row had before and holding only what changed', async () => {
    const now = manualNow();
    const { services, client } = await setup({ now });
    const assessment = await create(services, { companyId: client.id });
    const before = outbox(services).length;
    const first = await save(services, assessment.id, DM, 'dm-strategy-vision', 1);
    now.advance(1000);
    const second = await save(services, assessment.id, DM, 'dm-strategy-vision', 3);
    now.advance(1000);
    const third = await save(services, assessment.id, DM, 'dm-strategy-vision', 3, { note: 'Owner wants to move fast', flagged: true });
    const rowId = answerRows(services, assessment.id)[0]!.id;

    expect(outbox(services).slice(before)).toEqual([
      expect.objectContaining({
        table_name: 'answers',
        row_id: rowId,
        operation: 'upsert',
        hlc: first.updatedAt,
        base_hlc: null,
        changes: expect.objectContaining({ assessment_id: assessment.id, instrument_id: DM, question_id: 'dm-strategy-vision', value: '1' }),
      }),
      expect.objectContaining({ table_name: 'answers', row_id: rowId, hlc: second.updatedAt, base_hlc: first.updatedAt, changes: { value: '3' } }),
      expect.objectContaining({ table_name: 'answers', row_id: rowId, hlc: third.updatedAt, base_hlc: second.updatedAt, changes: { note: 'Owner wants to move fast', flagged: 1 } }),
    ]);
    expect(first.updatedAt < second.updatedAt && second.updatedAt < third.updatedAt).toBe(true);
  });

  it('keeps one row per assessment, instrument and question however often it is answered', async () => {
    const { services, client } = await setup();
    await services.instruments.add(sampleInstrumentJson(), 'file');
    await services.instruments.add({ ...sampleInstrumentJson(), id: 'sample-copy' }, 'file');
    const first = await create(services, { companyId: client.id, instruments: [{ id: 'sample' }, { id: 'sample-copy' }] });
    const second = await create(services, { companyId: client.id, instruments: [{ id: 'sample' }] });
    for (const level of [1, 2, 3, 4]) await save(services, first.id, 'sample', 'q-level', level);
    await save(services, first.id, 'sample', 'q-level', null, { notApplicable: true });
    await save(services, first.id, 'sample-copy', 'q-level', 5);
    await save(services, second.id, 'sample', 'q-level', 0);

    expect(answerRows(services, first.id).map((r) => [r.instrument_id, r.question_id, r.value, r.not_applicable])).toEqual([
      ['sample', 'q-level', null, 1],
      ['sample-copy', 'q-level', '5', 0],
    ]);
    expect(answerRows(services, second.id).map((r) => [r.instrument_id, r.question_id, r.value])).toEqual([['sample', 'q-level', '0']]);
    expect((await services.assessments.get(first.id)).answers).toHaveLength(2);
  });

  it('changes neither the answer nor the clock when its outbox row cannot be written', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    await save(services, assessment.id, DM, 'dm-strategy-vision', 2);
    const rowsBefore = answerRows(services, assessment.id);
    const clockBefore = services.database.sqlite.prepare(`select value from meta where key = 'hlc_last'`).get();
    breakOutbox(services);
    await expect(save(services, assessment.id, DM, 'dm-strategy-vision', 4)).rejects.toThrow('outbox is broken');
    await expect(save(services, assessment.id, DM, 'dm-strategy-leadership', 4)).rejects.toThrow('outbox is broken');
    expect(answerRows(services, assessment.id)).toEqual(rowsBefore);
    expect(services.database.sqlite.prepare(`select value from meta where key = 'hlc_last'`).get()).toEqual(clockBefore);
  });

  it('keeps one row when two saves of the same new question arrive at once', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const saved = await Promise.all([save(services, assessment.id, DM, 'dm-strategy-vision', 1), save(services, assessment.id, DM, 'dm-strategy-vision', 2)]);
    expect(saved.map((a) => a.value)).toEqual([1, 2]);
    expect(answerRows(services, assessment.id).map((r) => r.value)).toEqual(['2']);
  });

  it.each<[string, (services: AppServices) => Promise<unknown>]>([
    ['answers.save', (services) => save(services, MISSING_ID, DM, 'dm-strategy-vision', 2)],
    ['targets.save', (services) => saveTarget(services, MISSING_ID, DM, 'digital-strategy', 60)],
    ['assessments.setPosition', (services) => services.assessments.setPosition({ assessmentId: MISSING_ID, instrumentId: DM, questionId: 'dm-strategy-vision' })],
  ])('answers %s for an assessment that does not exist with not_found on assessmentId, the field the caller sent', async (_operation, call) => {
    const { services } = await setup();
    await expectAppError(call(services), 'not_found', 'assessmentId');
  });
});

describe('AssessmentService saveTarget', () => {
  it('stores a target and importance per dimension and get() returns them', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SFR }] });
    const saved = await saveTarget(services, assessment.id, DM, 'data-management', 70, 5);
    expect(saved).toMatchObject({ instrumentId: DM, dimensionId: 'data-management', target: 70, importance: 5 });
    await saveTarget(services, assessment.id, SFR, 'tech-shop-floor-automation', 3.5, 2);
    const { targets } = await services.assessments.get(assessment.id);
    expect(targets.map((t) => [t.instrumentId, t.dimensionId, t.target, t.importance]).sort()).toEqual([
      [DM, 'data-management', 70, 5],
      [SFR, 'tech-shop-floor-automation', 3.5, 2],
    ]);
  });

  it('refuses a dimension the instrument does not have with invalid_input on dimensionId', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SFR }] });
    await expectAppError(saveTarget(services, assessment.id, DM, 'tech-shop-floor-automation', 50), 'invalid_input', 'dimensionId');
    await expectAppError(saveTarget(services, assessment.id, DM, 'no-such-dimension', 50), 'invalid_input', 'dimensionId');
    expect(count(services, 'dimension_targets')).toBe(0);
  });

  it('refuses a target outside the instrument’s scale with invalid_input on target, and accepts both ends', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SFR }] });
    await expectAppError(saveTarget(services, assessment.id, DM, 'data-management', 101), 'invalid_input', 'target');
    await expectAppError(saveTarget(services, assessment.id, DM, 'data-management', -1), 'invalid_input', 'target');
    await expectAppError(saveTarget(services, assessment.id, SFR, 'tech-shop-floor-automation', 5.1), 'invalid_input', 'target');
    // 50 is fine on a 0–100 scale but not on the 0–5 scale of smart-factory-readiness.
    await expectAppError(saveTarget(services, assessment.id, SFR, 'tech-shop-floor-automation', 50), 'invalid_input', 'target');
    expect(count(services, 'dimension_targets')).toBe(0);
    await saveTarget(services, assessment.id, DM, 'data-management', 0);
    await saveTarget(services, assessment.id, DM, 'digital-strategy', 100);
    await saveTarget(services, assessment.id, SFR, 'tech-shop-floor-automation', 5);
    expect(count(services, 'dimension_targets')).toBe(3);
  });

  it('clears a target with null, and writes outbox rows only for changes, based on the previous clock', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const before = outbox(services).length;
    const first = await saveTarget(services, assessment.id, DM, 'data-management', 60, 4);
    const same = await saveTarget(services, assessment.id, DM, 'data-management', 60, 4);
    expect(same).toEqual(first);
    const cleared = await saveTarget(services, assessment.id, DM, 'data-management', null, 4);
    expect(cleared).toMatchObject({ target: null, importance: 4 });
    const entries = outbox(services).slice(before);
    expect(entries.map((e) => [e.table_name, e.base_hlc, e.hlc])).toEqual([
      ['dimension_targets', null, first.updatedAt],
      ['dimension_targets', first.updatedAt, cleared.updatedAt],
    ]);
    expect(entries[1]!.changes).toEqual({ target: null });
    expect(count(services, 'dimension_targets')).toBe(1);
  });
});

describe('AssessmentService results', () => {
  const dmAnswers: [string, AnswerValue | null, boolean?][] = [
    ['dm-strategy-vision', 3],
    ['dm-strategy-investment', 'annual'],
    ['dm-strategy-areas', ['planning', 'quality', 'manufacturing']],
    ['dm-readiness-erp', 1],
    ['dm-readiness-erp-integration', 4], // skipped: the ERP level is below 2
    ['dm-readiness-network', null, true],
    ['dm-human-trained', 35],
    ['dm-data-security-measures', ['backup', 'mfa']],
    ['dm-data-restore', 'within-year'],
    ['dm-automation-production', 2],
    ['dm-green-energy', 4],
  ];
  const ssAnswers: [string, AnswerValue | null, boolean?][] = [
    ['ss-drivers', ['productivity', 'quality']],
    ['ss-barrier-finance', 'severe'],
    ['ss-barrier-people-capacity', 'none'],
    ['ss-barrier-connectivity', null, true],
  ];

  async function answeredVisit(instruments: string[]) {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: instruments.map((id) => ({ id })) });
    for (const [questionId, value, na] of dmAnswers) await save(services, assessment.id, DM, questionId, value, { notApplicable: na ?? false });
    if (instruments.includes(SS)) for (const [questionId, value, na] of ssAnswers) await save(services, assessment.id, SS, questionId, value, { notApplicable: na ?? false });
    return { services, assessment };
  }

  it('scores each instrument exactly as scoreInstrument does on the same answers, targets and barriers', async () => {
    const { services, assessment } = await answeredVisit([DM, SS]);
    await saveTarget(services, assessment.id, DM, 'digital-strategy', 80, 5);
    await saveTarget(services, assessment.id, DM, 'digital-readiness', 70, 3);
    await saveTarget(services, assessment.id, DM, 'human-centric', 60, null); // no importance: not a usable target

    const results = await services.assessments.results(assessment.id);
    const dm = builtinInstrument(DM);
    const ss = builtinInstrument(SS);
    const lookupOf = (answers: typeof dmAnswers) => toAnswerLookup(answers.map(([questionId, value, na]) => ({ questionId, value: na ? null : value, notApplicable: na ?? false })));
    const barriers = barrierRatingsFrom(ss, lookupOf(ssAnswers));
    const targets = new Map<string, DimensionTarget>([
      ['digital-strategy', { target: 80, importance: 5 }],
      ['digital-readiness', { target: 70, importance: 3 }],
    ]);
    expect(results.assessmentId).toBe(assessment.id);
    expect(results.barriers).toEqual({ finance: 3, 'people-capacity': 0 });
    expect(results.instruments).toEqual([
      scoreInstrument(dm, lookupOf(dmAnswers), { targets, barriers }),
      scoreInstrument(ss, lookupOf(ssAnswers), { targets: new Map(), barriers }),
    ]);
    const strategy = results.instruments[0]!.dimensions.find((d) => d.dimensionId === 'digital-strategy')!;
    expect(strategy.score).not.toBeNull();
    expect(strategy.gap).toBe(80 - strategy.score!);
    expect(results.instruments[0]!.dimensions.find((d) => d.dimensionId === 'human-centric')!.priority).toBeNull();
  });

  it('lowers the feasibility of the digital-maturity dimensions that list a barrier the SME rates severe, and only those', async () => {
    const { services, assessment } = await answeredVisit([DM, SS]);
    const results = await services.assessments.results(assessment.id);
    const dm = builtinInstrument(DM);
    const byId = new Map(results.instruments[0]!.dimensions.map((d) => [d.dimensionId, d]));
    for (const dimension of dm.dimensions) {
      const result = byId.get(dimension.id)!;
      const rated = dimension.barriers.filter((b) => b === 'finance' || b === 'people-capacity');
      expect(result.barriersConsidered.sort(), dimension.id).toEqual(rated.sort());
      if (rated.includes('finance')) expect(result.feasibility, dimension.id).toBeLessThan(1);
      else expect(result.feasibility, dimension.id).toBe(1);
    }
    // finance alone, rated 3 of 3: feasibility halves.
    expect(byId.get('green-digital')!.feasibility).toBe(0.5);
    // finance 3 and people capacity 0: a mean of 1.5 of 3.
    expect(byId.get('automation-ai')!.feasibility).toBe(0.75);
  });

  it('gives the same gap a lower priority when barriers make the dimension harder', async () => {
    const withBarriers = await answeredVisit([DM, SS]);
    const without = await answeredVisit([DM]);
    for (const { services, assessment } of [withBarriers, without]) await saveTarget(services, assessment.id, DM, 'green-digital', 100, 4);
    const dimension = async ({ services, assessment }: typeof without) =>
      (await services.assessments.results(assessment.id)).instruments[0]!.dimensions.find((d) => d.dimensionId === 'green-digital')!;
    const hard = await dimension(withBarriers);
    const easy = await dimension(without);
    expect(hard.gap).toBe(easy.gap);
    expect(easy.feasibility).toBe(1);
    expect(hard.priority).toBe(Number((easy.priority! * 0.5).toFixed(1)));
    expect((await without.services.assessments.results(without.assessment.id)).barriers).toEqual({});
  });

  it('scores an assessment with nothing answered as empty rather than zero', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SFR }] });
    const results = await services.assessments.results(assessment.id);
    for (const instrument of results.instruments) {
      expect(instrument.overall).toBeNull();
      expect(instrument.done).toBe(0);
      expect(instrument.dimensions.every((d) => d.score === null)).toBe(true);
    }
  });

  it('answers results() for an unknown assessment with not_found', async () => {
    const { services } = await setup();
    await expectAppError(services.assessments.results(MISSING_ID), 'not_found', 'id');
  });
});

describe('AssessmentService finalise and revise', () => {
  async function finalisedVisit() {
    const now = manualNow();
    const { services, client } = await setup({ now });
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SS }], peoplePresent: 'Owner' });
    await save(services, assessment.id, DM, 'dm-strategy-vision', 3, { note: 'Vision on the wall', flagged: true });
    await save(services, assessment.id, DM, 'dm-readiness-network', null, { notApplicable: true });
    await save(services, assessment.id, SS, 'ss-barrier-finance', 'significant');
    await saveTarget(services, assessment.id, DM, 'digital-strategy', 75, 4);
    now.advance(60_000);
    const finalised = await services.assessments.finalise(assessment.id);
    return { services, client, now, assessment, finalised };
  }

  it('locks a finalised assessment: answers, targets, details and a second finalise are refused with conflict', async () => {
    const { services, assessment, finalised } = await finalisedVisit();
    expect(finalised).toMatchObject({ id: assessment.id, status: 'finalised', finalisedAt: '2026-11-21T10:43:00.000Z' });
    const before = outbox(services).length;
    await expectAppError(save(services, assessment.id, DM, 'dm-strategy-vision', 5), 'conflict', 'assessmentId');
    await expectAppError(save(services, assessment.id, DM, 'dm-strategy-leadership', 2), 'conflict', 'assessmentId');
    await expectAppError(saveTarget(services, assessment.id, DM, 'digital-strategy', 90), 'conflict', 'assessmentId');
    await expectAppError(
      services.assessments.update(AssessmentUpdateSchema.parse({ id: assessment.id, visitDate: '2026-11-21', peoplePresent: 'Owner', reportLanguage: 'en' })),
      'conflict',
      'id',
    );
    await expectAppError(services.assessments.finalise(assessment.id), 'conflict', 'id');
    expect(outbox(services)).toHaveLength(before);
    expect((await services.assessments.get(assessment.id)).answers.find((a) => a.questionId === 'dm-strategy-vision')!.value).toBe(3);
  });

  it('records finalising in the outbox based on the draft’s clock', async () => {
    const { services, assessment, finalised } = await finalisedVisit();
    const entry = outbox(services).at(-1)!;
    expect(entry).toMatchObject({ table_name: 'assessments', row_id: assessment.id, hlc: finalised.updatedAt, base_hlc: assessment.updatedAt });
    expect(entry.changes).toEqual({ status: 'finalised', finalised_at: '2026-11-21T10:43:00.000Z' });
  });

  it('revises into a new draft that copies the details, instrument versions, answers and targets, with revisionOf', async () => {
    const { services, client, assessment } = await finalisedVisit();
    const revision = await services.assessments.revise(assessment.id);
    expect(revision.id).not.toBe(assessment.id);
    expect(revision).toMatchObject({
      companyId: client.id,
      kind: 'baseline',
      baselineId: null,
      revisionOf: assessment.id,
      status: 'draft',
      finalisedAt: null,
      visitDate: assessment.visitDate,
      peoplePresent: 'Owner',
      instruments: assessment.instruments,
    });
    const original = await services.assessments.get(assessment.id);
    const copy = await services.assessments.get(revision.id);
    const strip = <T extends { updatedAt: string }>(rows: T[]) =>
      rows.map(({ updatedAt, ...rest }) => (void updatedAt, rest)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(copy.answers).toHaveLength(3);
    expect(strip(copy.answers)).toEqual(strip(original.answers));
    expect(strip(copy.targets)).toEqual(strip(original.targets));
    expect(original.assessment.status).toBe('finalised');
  });

  it('keeps the revision on the instrument versions of the original even when a newer version is installed', async () => {
    const { services, assessment } = await finalisedVisit();
    await services.instruments.add(digitalMaturityNext(), 'hub');
    const revision = await services.assessments.revise(assessment.id);
    expect(revision.instruments).toEqual([
      { id: DM, version: '1.0.0' },
      { id: SS, version: '1.0.0' },
    ]);
    await expectAppError(save(services, revision.id, DM, 'dm-green-roadmap', 2), 'invalid_input', 'questionId');
  });

  it('lets the revision change while the finalised original stays exactly as it was handed over', async () => {
    const { services, assessment } = await finalisedVisit();
    const originalBefore = await services.assessments.get(assessment.id);
    const revision = await services.assessments.revise(assessment.id);
    await save(services, revision.id, DM, 'dm-strategy-vision', 5);
    await saveTarget(services, revision.id, DM, 'digital-strategy', 90, 5);
    expect(await services.assessments.get(assessment.id)).toEqual(originalBefore);
    expect((await services.assessments.get(revision.id)).answers.find((a) => a.questionId === 'dm-strategy-vision')!.value).toBe(5);
  });

  it('writes an outbox row for the revision and every row copied into it', async () => {
    const { services, assessment } = await finalisedVisit();
    const before = outbox(services).length;
    const revision = await services.assessments.revise(assessment.id);
    const entries = outbox(services).slice(before);
    expect(entries.map((e) => e.table_name).sort()).toEqual(
      ['assessments', 'assessment_instruments', 'assessment_instruments', 'answers', 'answers', 'answers', 'dimension_targets'].sort(),
    );
    expect(entries.every((e) => e.base_hlc === null && e.hlc === revision.updatedAt)).toBe(true);
    expect(entries.find((e) => e.table_name === 'assessments')).toMatchObject({ row_id: revision.id, changes: expect.objectContaining({ revision_of: assessment.id, status: 'draft' }) });
  });

  it('refuses to revise a draft, and refuses a second revision while a draft revision exists, with conflict', async () => {
    const { services, client, assessment } = await finalisedVisit();
    const draft = await create(services, { companyId: client.id });
    await expectAppError(services.assessments.revise(draft.id), 'conflict', 'id');
    await services.assessments.revise(assessment.id);
    const assessmentsBefore = count(services, 'assessments');
    await expectAppError(services.assessments.revise(assessment.id), 'conflict', 'id');
    expect(count(services, 'assessments')).toBe(assessmentsBefore);
  });

  it('marks the original superseded when its revision is finalised; the superseded one can no longer be revised', async () => {
    const { services, assessment } = await finalisedVisit();
    const revision = await services.assessments.revise(assessment.id);
    expect(assessmentStatus(services, assessment.id)).toBe('finalised');
    const finalRevision = await services.assessments.finalise(revision.id);
    expect(finalRevision.status).toBe('finalised');
    const original = (await services.assessments.get(assessment.id)).assessment;
    expect(original.status).toBe('superseded');
    expect(outbox(services).at(-1)).toMatchObject({ table_name: 'assessments', row_id: assessment.id, changes: { status: 'superseded' } });
    await expectAppError(services.assessments.revise(assessment.id), 'conflict', 'id');
    const second = await services.assessments.revise(revision.id);
    expect(second.revisionOf).toBe(revision.id);
  });

  it('answers finalise and revise of an unknown assessment with not_found', async () => {
    const { services } = await setup();
    await expectAppError(services.assessments.finalise(MISSING_ID), 'not_found', 'id');
    await expectAppError(services.assessments.revise(MISSING_ID), 'not_found', 'id');
  });
});

describe('AssessmentService update', () => {
  it('changes the visit details of a draft and records only what changed', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const before = outbox(services).length;
    const updated = await services.assessments.update(AssessmentUpdateSchema.parse({ id: assessment.id, visitDate: '2026-11-19', peoplePresent: '', reportLanguage: 'da' }));
    expect(updated).toMatchObject({ visitDate: '2026-11-19', reportLanguage: 'da' });
    expect(outbox(services).slice(before)).toEqual([
      expect.objectContaining({ table_name: 'assessments', base_hlc: assessment.updatedAt, hlc: updated.updatedAt, changes: { visit_date: '2026-11-19', report_language: 'da' } }),
    ]);
    const same = await services.assessments.update(AssessmentUpdateSchema.parse({ id: assessment.id, visitDate: '2026-11-19', peoplePresent: '', reportLanguage: 'da' }));
    expect(same).toEqual(updated);
    expect(outbox(services)).toHaveLength(before + 1);
  });
});

describe('AssessmentService setPosition', () => {
  it('remembers where the adviser left off, returned by get(), the latest position winning', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SS }] });
    expect((await services.assessments.get(assessment.id)).position).toBeNull();
    expect(await services.assessments.setPosition({ assessmentId: assessment.id, instrumentId: DM, questionId: 'dm-human-skills' })).toEqual({});
    expect((await services.assessments.get(assessment.id)).position).toEqual({ instrumentId: DM, questionId: 'dm-human-skills' });
    await services.assessments.setPosition({ assessmentId: assessment.id, instrumentId: SS, questionId: 'ss-barrier-finance' });
    expect((await services.assessments.get(assessment.id)).position).toEqual({ instrumentId: SS, questionId: 'ss-barrier-finance' });
    expect(count(services, 'assessment_positions')).toBe(1);
  });

  it('keeps the position on this device only: no outbox row', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id });
    const before = outbox(services);
    await services.assessments.setPosition({ assessmentId: assessment.id, instrumentId: DM, questionId: 'dm-human-skills' });
    expect(outbox(services)).toEqual(before);
  });

  it('keeps each assessment’s position separately', async () => {
    const { services, client } = await setup();
    const a = await create(services, { companyId: client.id });
    const b = await create(services, { companyId: client.id });
    await services.assessments.setPosition({ assessmentId: a.id, instrumentId: DM, questionId: 'dm-green-energy' });
    await services.assessments.setPosition({ assessmentId: b.id, instrumentId: DM, questionId: 'dm-data-storage' });
    expect((await services.assessments.get(a.id)).position).toEqual({ instrumentId: DM, questionId: 'dm-green-energy' });
    expect((await services.assessments.get(b.id)).position).toEqual({ instrumentId: DM, questionId: 'dm-data-storage' });
  });
});

describe('AssessmentService listForClient', () => {
  it('lists the client’s visits newest visit date first, whatever order they were entered in', async () => {
    const { services, client } = await setup();
    const other = await createClient(services, { name: 'Other Works Ltd' });
    const march = await create(services, { companyId: client.id, visitDate: '2025-03-01' });
    const may = await create(services, { companyId: client.id, visitDate: '2026-05-10' });
    const november = await create(services, { companyId: client.id, visitDate: '2025-11-20' });
    await create(services, { companyId: other.id, visitDate: '2026-12-01' });
    const listed = await services.assessments.listForClient(client.id);
    expect(listed.map((a) => [a.id, a.visitDate])).toEqual([
      [may.id, '2026-05-10'],
      [november.id, '2025-11-20'],
      [march.id, '2025-03-01'],
    ]);
  });

  it('shows the overall score and band of each answered maturity instrument and the completeness of the visit', async () => {
    const { services, client } = await setup();
    const assessment = await create(services, { companyId: client.id, instruments: [{ id: DM }, { id: SFR }] });
    await save(services, assessment.id, DM, 'dm-strategy-vision', 4);
    await save(services, assessment.id, DM, 'dm-green-energy', null, { notApplicable: true });
    await save(services, assessment.id, SFR, 'sfr-vertical-integration', 2);
    await save(services, assessment.id, SFR, 'sfr-shop-floor-automation', 3);

    const [summary] = await services.assessments.listForClient(client.id);
    const results = await services.assessments.results(assessment.id);
    const [dm, sfr] = results.instruments;
    expect(summary).toMatchObject({ ...(await services.assessments.get(assessment.id)).assessment });
    expect(summary!.scores).toEqual([
      { instrumentId: DM, score: dm!.overall!.score, band: dm!.overall!.band },
      { instrumentId: SFR, score: sfr!.overall!.score, band: sfr!.overall!.band },
    ]);
    expect(summary!.scores[0]).toEqual({ instrumentId: DM, score: 80, band: 'advanced' });
    expect(summary!.completeness).toBeCloseTo((dm!.done + sfr!.done) / (dm!.applicable + sfr!.applicable), 10);
    expect(summary!.completeness).toBeGreaterThan(0);
    expect(summary!.completeness).toBeLessThan(1);
  });

  it('lists a visit with nothing answered with a null score for each maturity instrument and completeness 0', async () => {
    const { services, client } = await setup();
    await create(services, { companyId: client.id });
    const [summary] = await services.assessments.listForClient(client.id);
    expect(summary).toMatchObject({ scores: [{ instrumentId: 'digital-maturity', score: null, band: null }], completeness: 0 });
  });

  it('lists nothing for a client without visits', async () => {
    const { services, client } = await setup();
    expect(await services.assessments.listForClient(client.id)).toEqual([]);
  });
});

describe('assessments through dispatch', () => {
  async function draft() {
    const { services, client } = await setup();
    const created = await services.dispatch('assessments.create', { companyId: client.id, instruments: [{ id: DM }, { id: SS }], visitDate: '2026-11-20' });
    if (!created.ok) throw new Error(created.error.message);
    return { services, client, assessment: created.value as Assessment };
  }

  const answerInput = (assessmentId: string, overrides: Record<string, unknown> = {}) => ({
    assessmentId,
    instrumentId: DM,
    questionId: 'dm-strategy-vision',
    value: 3,
    ...overrides,
  });

  it('runs a whole visit: create, answer, target, position, results, finalise, list', async () => {
    const { services, client, assessment } = await draft();
    expect(await services.dispatch('answers.save', answerInput(assessment.id))).toMatchObject({ ok: true, value: { value: 3, notApplicable: false, note: '', flagged: false } });
    expect(await services.dispatch('answers.save', answerInput(assessment.id, { instrumentId: SS, questionId: 'ss-barrier-finance', value: 'minor' }))).toMatchObject({ ok: true });
    expect(await services.dispatch('targets.save', { assessmentId: assessment.id, instrumentId: DM, dimensionId: 'digital-strategy', target: 80, importance: 4 })).toMatchObject({
      ok: true,
      value: { target: 80, importance: 4 },
    });
    expect(await services.dispatch('assessments.setPosition', { assessmentId: assessment.id, instrumentId: DM, questionId: 'dm-strategy-leadership' })).toEqual({ ok: true, value: {} });
    expect(await services.dispatch('assessments.get', { id: assessment.id })).toMatchObject({ ok: true, value: { position: { instrumentId: DM, questionId: 'dm-strategy-leadership' } } });
    expect(await services.dispatch('assessments.results', { id: assessment.id })).toMatchObject({ ok: true, value: { barriers: { finance: 1 } } });
    expect(await services.dispatch('assessments.finalise', { id: assessment.id })).toMatchObject({ ok: true, value: { status: 'finalised' } });
    expect(await services.dispatch('answers.save', answerInput(assessment.id, { value: 5 }))).toMatchObject({ ok: false, error: { code: 'conflict', field: 'assessmentId' } });
    expect(await services.dispatch('assessments.revise', { id: assessment.id })).toMatchObject({ ok: true, value: { revisionOf: assessment.id, status: 'draft' } });
    expect(await services.dispatch('assessments.listForClient', { companyId: client.id })).toMatchObject({ ok: true, value: [expect.anything(), expect.anything()] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a value of the wrong shape', { value: { level: 3 } }, 'value'],
    ['a value that is a list of numbers', { value: [1, 2] }, 'value'],
    ['notApplicable as text', { notApplicable: 'yes' }, 'notApplicable'],
    ['flagged as a number', { flagged: 1 }, 'flagged'],
    ['a note that is not text', { note: 42 }, 'note'],
    ['a 1 MB note', { note: 'x'.repeat(1024 * 1024) }, 'note'],
    ['a note with a control character', { note: 'line\u0000break' }, 'note'],
    ['an assessment id that is a number', { assessmentId: 42 }, 'assessmentId'],
    ['an assessment id that is not a uuid', { assessmentId: "1' or '1'='1" }, 'assessmentId'],
    ['an instrument id with a path in it', { instrumentId: '../../etc/passwd' }, 'instrumentId'],
    ['a question id with SQL in it', { questionId: "x'; drop table answers; --" }, 'questionId'],
    ['a missing question id', { questionId: undefined }, 'questionId'],
    ['an unknown field', { score: 100 }, 'score'],
  ])('refuses answers.save with %s as invalid_input naming the field, storing nothing', async (_what, overrides, field) => {
    const { services, assessment } = await draft();
    const before = outbox(services).length;
    const result = await services.dispatch('answers.save', answerInput(assessment.id, overrides));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    expect(count(services, 'answers')).toBe(0);
    expect(outbox(services)).toHaveLength(before);
  });

  it('refuses an own __proto__ key, as sent in JSON, as an unknown field', async () => {
    const { services, assessment } = await draft();
    const input = JSON.parse(`{"assessmentId":"${assessment.id}","instrumentId":"${DM}","questionId":"dm-strategy-vision","value":3,"__proto__":{"polluted":true}}`) as unknown;
    expect(await services.dispatch('answers.save', input)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: '__proto__' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(count(services, 'answers')).toBe(0);
  });

  it.each([null, 'answers', 42, [1, 2, 3]])('refuses answers.save with a whole input of %o as invalid_input', async (input) => {
    const { services } = await draft();
    expect(await services.dispatch('answers.save', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(count(services, 'answers')).toBe(0);
  });

  it('refuses a 1 MB text answer with invalid_input on value, as it does a 1 MB note', async () => {
    const { services, assessment } = await draft();
    const result = await services.dispatch('answers.save', answerInput(assessment.id, { questionId: 'dm-readiness-systems', value: 'x'.repeat(1024 * 1024) }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'value' } });
    expect(count(services, 'answers')).toBe(0);
  });

  it('passes the service’s own refusals through dispatch with their field', async () => {
    const { services, assessment } = await draft();
    expect(await services.dispatch('answers.save', answerInput(assessment.id, { value: 9 }))).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'value' } });
    expect(await services.dispatch('answers.save', answerInput(assessment.id, { questionId: 'ss-barrier-finance' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'questionId' },
    });
    expect(await services.dispatch('answers.save', answerInput(assessment.id, { instrumentId: SFR }))).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'instrumentId' } });
    expect(await services.dispatch('targets.save', { assessmentId: assessment.id, instrumentId: DM, dimensionId: 'nowhere', target: 50, importance: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'dimensionId' },
    });
    expect(await services.dispatch('targets.save', { assessmentId: assessment.id, instrumentId: DM, dimensionId: 'digital-strategy', target: 500, importance: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'target' },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no instruments', { instruments: [] }, 'instruments'],
    ['six instruments', { instruments: Array.from({ length: 6 }, () => ({ id: DM })) }, 'instruments'],
    ['an instrument with an unknown field', { instruments: [{ id: DM, latest: true }] }, 'instruments.0.latest'],
    ['a visit date that is not a date', { visitDate: 'last Tuesday' }, 'visitDate'],
    ['an impossible visit date', { visitDate: '2026-02-30' }, 'visitDate'],
    ['a report language the instruments lack', { reportLanguage: 'de' }, 'reportLanguage'],
    ['1 MB of people present', { peoplePresent: 'x'.repeat(1024 * 1024) }, 'peoplePresent'],
    ['a company id that is a number', { companyId: 7 }, 'companyId'],
    ['a follow-up without a baseline', { kind: 'follow-up' }, 'baselineId'],
    ['a baseline with a baseline', { baselineId: MISSING_ID }, 'baselineId'],
    ['a kind that does not exist', { kind: 'audit' }, 'kind'],
    ['a status set by the caller', { status: 'finalised' }, 'status'],
  ])('refuses assessments.create with %s as invalid_input naming the field', async (_what, overrides, field) => {
    const { services, client } = await setup();
    const result = await services.dispatch('assessments.create', { companyId: client.id, instruments: [{ id: DM }], visitDate: '2026-11-20', ...overrides });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    expect(count(services, 'assessments')).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['importance above 5', { importance: 6 }, 'importance'],
    ['importance below 1', { importance: 0 }, 'importance'],
    ['a fractional importance', { importance: 2.5 }, 'importance'],
    ['a target as text', { target: 'high' }, 'target'],
    ['a dimension id with spaces', { dimensionId: 'digital strategy' }, 'dimensionId'],
    ['an unknown field', { weight: 2 }, 'weight'],
  ])('refuses targets.save with %s as invalid_input naming the field', async (_what, overrides, field) => {
    const { services, assessment } = await draft();
    const result = await services.dispatch('targets.save', { assessmentId: assessment.id, instrumentId: DM, dimensionId: 'digital-strategy', target: 60, importance: 3, ...overrides });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    expect(count(services, 'dimension_targets')).toBe(0);
  });

  it('refuses malformed ids and unknown fields on the other assessment operations', async () => {
    const { services, assessment } = await draft();
    expect(await services.dispatch('assessments.get', { id: 12 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(await services.dispatch('assessments.finalise', { id: assessment.id, force: true })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'force' } });
    expect(await services.dispatch('assessments.revise', { id: 'latest' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(await services.dispatch('assessments.listForClient', { companyId: '*' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'companyId' } });
    expect(await services.dispatch('assessments.setPosition', { assessmentId: assessment.id, instrumentId: DM, questionId: 'Q 1' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'questionId' },
    });
    expect(await services.dispatch('assessments.setPosition', { assessmentId: assessment.id, instrumentId: DM, questionId: 'dm-strategy-vision', device: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'device' },
    });
    expect(await services.dispatch('assessments.update', { id: assessment.id, visitDate: '2026-11-20', peoplePresent: 'y'.repeat(1024 * 1024), reportLanguage: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'peoplePresent' },
    });
    expect((await services.assessments.get(assessment.id)).assessment).toEqual(assessment);
  });
});
