import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { AppError } from '../../shared/api/result';
import { AssessmentCreateSchema, type AssessmentCreate } from '../../shared/assessments/schema';
import { builtinInstrument } from '../../shared/instruments/builtin';
import { InstrumentSchema, type Instrument } from '../../shared/instruments/schema';
import { validateInstrument } from '../../shared/instruments/validate';
import { scoreInstrument, toAnswerLookup } from '../../shared/scoring/scoring';
import { sampleInstrumentJson } from '../helpers/instrument-fixture';
import { closeServices, count, createClient, startServices } from '../helpers/services';
import { makeTempDir } from '../helpers/temp';

type Json = Record<string, any>;
const t = (en: string) => ({ en, da: `${en} (da)`, sv: `${en} (sv)` });
const NEW_QUESTION = 'dm-strategy-roadmap';

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

/** The built-in digital-maturity file as JSON, at another version, with one extra level question. */
function digitalMaturityJson(version = '1.1.0'): Json {
  const json = structuredClone(builtinInstrument('digital-maturity')) as Json;
  json.version = version;
  json.title = { ...json.title, en: `Digital maturity ${version}` };
  const levels = [0, 1, 2, 3, 4, 5].map((level) => ({ level, descriptor: t(`Roadmap at level ${level}`) }));
  const at = (json.questions as Json[]).findIndex((q) => q.id === 'dm-strategy-support');
  (json.questions as Json[]).splice(at + 1, 0, { id: NEW_QUESTION, dimension: 'digital-strategy', type: 'level', text: t('Is there a written digital roadmap?'), levels });
  expect(validateInstrument(json)).toEqual([]);
  return json;
}

function instrumentRows(services: AppServices): { id: string; version: string; source: string; received_at: string }[] {
  return services.database.sqlite.prepare('select id, version, source, received_at from instruments order by id, version').all() as {
    id: string;
    version: string;
    source: string;
    received_at: string;
  }[];
}

async function createAssessment(services: AppServices, overrides: Partial<AssessmentCreate> = {}) {
  const companyId = overrides.companyId ?? (await createClient(services)).id;
  return services.assessments.create(AssessmentCreateSchema.parse({ instruments: [{ id: 'digital-maturity' }], visitDate: '2026-11-20', ...overrides, companyId }));
}

describe('InstrumentStore built-ins', () => {
  it('installs the three built-in instruments at start, each at version 1.0.0 from the app', async () => {
    const services = await startServices();
    expect(instrumentRows(services).map(({ id, version, source }) => [id, version, source])).toEqual([
      ['digital-maturity', '1.0.0', 'builtin'],
      ['smart-factory-readiness', '1.0.0', 'builtin'],
      ['stepping-stones', '1.0.0', 'builtin'],
    ]);
    const listed = await services.instruments.list();
    expect(listed.map((s) => [s.id, s.version]).sort()).toEqual([
      ['digital-maturity', '1.0.0'],
      ['smart-factory-readiness', '1.0.0'],
      ['stepping-stones', '1.0.0'],
    ]);
  });

  it('summarises each instrument with its kind, texts and counts', async () => {
    const services = await startServices();
    const listed = await services.instruments.list();
    for (const summary of listed) {
      const instrument = builtinInstrument(summary.id);
      expect(summary).toEqual({
        id: instrument.id,
        version: instrument.version,
        kind: instrument.kind,
        title: instrument.title,
        description: instrument.description,
        questionCount: instrument.questions.length,
        dimensionCount: instrument.dimensions.length,
      });
    }
  });

  it('stores the built-ins once: a second start on the same file adds no rows and keeps the first copies', async () => {
    const dataDirectory = makeTempDir();
    const first = await startServices({ dataDirectory, now: () => Date.parse('2026-01-01T00:00:00.000Z') });
    const before = instrumentRows(first);
    await closeServices(first);

    const second = await startServices({ dataDirectory, now: () => Date.parse('2026-06-01T00:00:00.000Z') });
    expect(instrumentRows(second)).toEqual(before);
    expect(count(second, 'instruments')).toBe(3);
    expect(before.every((row) => row.received_at === '2026-01-01T00:00:00.000Z')).toBe(true);
  });

  it('returns the stored built-in as the parsed instrument', async () => {
    const services = await startServices();
    expect(await services.instruments.get('stepping-stones', '1.0.0')).toEqual(builtinInstrument('stepping-stones'));
    expect(await services.instruments.get('stepping-stones')).toEqual(builtinInstrument('stepping-stones'));
  });

  it('answers get() for an instrument or version that is not installed with not_found', async () => {
    const services = await startServices();
    await expectAppError(services.instruments.get('no-such-instrument'), 'not_found', 'id');
    await expectAppError(services.instruments.get('digital-maturity', '9.9.9'), 'not_found', 'id');
  });
});

describe('InstrumentStore add', () => {
  it('refuses an invalid instrument with every validator line in the message, and stores nothing', async () => {
    const services = await startServices();
    const json = digitalMaturityJson();
    delete json.questions[0].text.sv;
    json.questions[1].dimension = 'nowhere';
    const problems = validateInstrument(json);
    expect(problems).toHaveLength(2);

    const error = await expectAppError(services.instruments.add(json, 'file'), 'invalid_input');
    for (const problem of problems) expect(error.message).toContain(problem);
    expect(error.message.split('\n').slice(1)).toEqual(problems);
    expect(count(services, 'instruments')).toBe(3);
  });

  it('refuses something that is not an instrument at all with invalid_input', async () => {
    const services = await startServices();
    await expectAppError(services.instruments.add('digital-maturity', 'hub'), 'invalid_input');
    await expectAppError(services.instruments.add({ id: 'x' }, 'hub'), 'invalid_input');
    expect(count(services, 'instruments')).toBe(3);
  });

  it('refuses the same id and version twice with conflict and keeps the first', async () => {
    const services = await startServices();
    await services.instruments.add(digitalMaturityJson(), 'hub');
    const changed = digitalMaturityJson();
    changed.title.en = 'Someone edited 1.1.0 in place';
    await expectAppError(services.instruments.add(changed, 'file'), 'conflict');
    expect((await services.instruments.get('digital-maturity', '1.1.0')).title.en).toBe('Digital maturity 1.1.0');
    expect(instrumentRows(services).filter((r) => r.version === '1.1.0').map((r) => r.source)).toEqual(['hub']);
  });

  it('refuses a built-in id and version arriving again from a file with conflict', async () => {
    const services = await startServices();
    const copy = structuredClone(builtinInstrument('stepping-stones')) as Json;
    copy.title.en = 'Edited stepping stones';
    await expectAppError(services.instruments.add(copy, 'file'), 'conflict');
    expect((await services.instruments.get('stepping-stones', '1.0.0')).title.en).toBe(builtinInstrument('stepping-stones').title.en);
  });

  it('adds a new instrument id and lists it beside the built-ins', async () => {
    const services = await startServices();
    const added = await services.instruments.add(sampleInstrumentJson(), 'file');
    expect(added).toEqual(InstrumentSchema.parse(sampleInstrumentJson()));
    expect((await services.instruments.list()).map((s) => s.id).sort()).toEqual(['digital-maturity', 'sample', 'smart-factory-readiness', 'stepping-stones']);
  });

  it('lists digital-maturity 1.1.0 after it is added while get(…, "1.0.0") still returns the old version', async () => {
    const services = await startServices();
    await services.instruments.add(digitalMaturityJson(), 'hub');

    const listed = await services.instruments.list();
    expect(listed.filter((s) => s.id === 'digital-maturity')).toEqual([
      expect.objectContaining({ version: '1.1.0', questionCount: builtinInstrument('digital-maturity').questions.length + 1 }),
    ]);
    expect(listed).toHaveLength(3);
    const old = await services.instruments.get('digital-maturity', '1.0.0');
    expect(old).toEqual(builtinInstrument('digital-maturity'));
    expect(old.questions.map((q) => q.id)).not.toContain(NEW_QUESTION);
    const newest = await services.instruments.get('digital-maturity');
    expect(newest.version).toBe('1.1.0');
    expect(newest.questions.map((q) => q.id)).toContain(NEW_QUESTION);
  });

  it('compares versions as numbers, so 1.10.0 is newer than 1.9.0 and 1.2.0', async () => {
    const services = await startServices();
    for (const version of ['1.10.0', '1.9.0', '1.2.0']) await services.instruments.add(digitalMaturityJson(version), 'hub');
    expect(await services.instruments.latestVersion('digital-maturity')).toBe('1.10.0');
    expect((await services.instruments.list()).find((s) => s.id === 'digital-maturity')!.version).toBe('1.10.0');
    expect((await services.instruments.get('digital-maturity')).version).toBe('1.10.0');
  });

  it('keeps an added version across a restart on the same file', async () => {
    const dataDirectory = makeTempDir();
    const first = await startServices({ dataDirectory });
    await first.instruments.add(digitalMaturityJson(), 'file');
    await closeServices(first);
    const second = await startServices({ dataDirectory });
    expect((await second.instruments.get('digital-maturity')).version).toBe('1.1.0');
    expect(instrumentRows(second).map((r) => [r.id, r.version, r.source])).toContainEqual(['digital-maturity', '1.1.0', 'file']);
    expect(count(second, 'instruments')).toBe(4);
  });

  it('serves the instruments through dispatch as well', async () => {
    const services = await startServices();
    await services.instruments.add(digitalMaturityJson(), 'hub');
    const listed = await services.dispatch('instruments.list', {});
    expect(listed).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: 'digital-maturity', version: '1.1.0' })]) });
    const old = await services.dispatch('instruments.get', { id: 'digital-maturity', version: '1.0.0' });
    expect(old).toEqual({ ok: true, value: builtinInstrument('digital-maturity') });
    expect(await services.dispatch('instruments.get', { id: 'nothing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('InstrumentStore versions and assessments', () => {
  it('keeps an assessment made before a new version on 1.0.0: it loads, scores and validates answers with 1.0.0', async () => {
    const services = await startServices();
    const old = await createAssessment(services);
    expect(old.instruments).toEqual([{ id: 'digital-maturity', version: '1.0.0' }]);
    await services.assessments.saveAnswer({ assessmentId: old.id, instrumentId: 'digital-maturity', questionId: 'dm-strategy-vision', value: 4, notApplicable: false, note: '', flagged: false });

    await services.instruments.add(digitalMaturityJson(), 'hub');

    const detail = await services.assessments.get(old.id);
    expect(detail.assessment.instruments).toEqual([{ id: 'digital-maturity', version: '1.0.0' }]);
    const results = await services.assessments.results(old.id);
    const v1: Instrument = builtinInstrument('digital-maturity');
    expect(results.instruments[0]!.instrumentVersion).toBe('1.0.0');
    expect(results.instruments[0]).toEqual(scoreInstrument(v1, toAnswerLookup(detail.answers), { targets: new Map(), barriers: {} }));
    expect(results.instruments[0]!.dimensions.flatMap((d) => d.contributions.map((c) => c.questionId))).not.toContain(NEW_QUESTION);
    await expectAppError(
      services.assessments.saveAnswer({ assessmentId: old.id, instrumentId: 'digital-maturity', questionId: NEW_QUESTION, value: 3, notApplicable: false, note: '', flagged: false }),
      'invalid_input',
      'questionId',
    );
  });

  it('starts a new assessment on the newest version, which takes the new question', async () => {
    const services = await startServices();
    await services.instruments.add(digitalMaturityJson(), 'hub');
    const fresh = await createAssessment(services);
    expect(fresh.instruments).toEqual([{ id: 'digital-maturity', version: '1.1.0' }]);
    const saved = await services.assessments.saveAnswer({ assessmentId: fresh.id, instrumentId: 'digital-maturity', questionId: NEW_QUESTION, value: 3, notApplicable: false, note: '', flagged: false });
    expect(saved).toMatchObject({ questionId: NEW_QUESTION, value: 3 });
    const results = await services.assessments.results(fresh.id);
    expect(results.instruments[0]!.instrumentVersion).toBe('1.1.0');
    expect(results.instruments[0]!.dimensions.find((d) => d.dimensionId === 'digital-strategy')!.score).toBe(60);
  });

  it('still lets a new assessment choose the older version by name', async () => {
    const services = await startServices();
    await services.instruments.add(digitalMaturityJson(), 'hub');
    const pinned = await createAssessment(services, { instruments: [{ id: 'digital-maturity', version: '1.0.0' }] });
    expect(pinned.instruments).toEqual([{ id: 'digital-maturity', version: '1.0.0' }]);
  });

  it('refuses to start an assessment on a version that is not installed', async () => {
    const services = await startServices();
    const client = await createClient(services);
    await expectAppError(
      services.assessments.create(AssessmentCreateSchema.parse({ companyId: client.id, instruments: [{ id: 'digital-maturity', version: '2.0.0' }], visitDate: '2026-11-20' })),
      'not_found',
    );
    expect(count(services, 'assessments')).toBe(0);
  });
});
