import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { workedExample, type WorkedExample } from '../../electron/services/demo/worked-examples';
import { AppError } from '../../shared/api/result';
import { AnswerSaveSchema, AssessmentCreateSchema, TargetSaveSchema } from '../../shared/assessments/schema';
import { ClientInputSchema } from '../../shared/clients/schema';
import { builtinCatalogue, builtinCatalogueJson } from '../../shared/roadmap/builtin';
import { generateRoadmap, horizons, type Horizon } from '../../shared/roadmap/generator';
import { StepAddSchema, StepMoveSchema, StepUpdateSchema, type Roadmap, type RoadmapStep, type StepUpdate } from '../../shared/roadmap/schema';
import { MISSING_ID } from '../helpers/fixtures';
import { count, outbox, startServices } from '../helpers/services';

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

/** Records a worked example as the adviser would: client, assessment, every answer and target. */
async function recordExample(services: AppServices, example: WorkedExample, extra: { companyId?: string; kind?: 'follow-up'; baselineId?: string } = {}) {
  const companyId = extra.companyId ?? (await services.clients.create(ClientInputSchema.parse(example.client))).id;
  const assessment = await services.assessments.create(
    AssessmentCreateSchema.parse({
      companyId,
      kind: extra.kind ?? 'baseline',
      baselineId: extra.baselineId ?? null,
      instruments: example.instruments.map((id) => ({ id })),
      visitDate: example.visitDate,
      peoplePresent: example.peoplePresent,
      reportLanguage: example.reportLanguage,
    }),
  );
  for (const answer of example.answers) {
    await services.assessments.saveAnswer(
      AnswerSaveSchema.parse({ assessmentId: assessment.id, instrumentId: answer.instrumentId, questionId: answer.questionId, value: answer.value, notApplicable: answer.notApplicable, note: answer.note }),
    );
  }
  for (const target of example.targets) {
    await services.assessments.saveTarget(
      TargetSaveSchema.parse({ assessmentId: assessment.id, instrumentId: target.instrumentId, dimensionId: target.dimensionId, target: target.target, importance: target.importance }),
    );
  }
  return { companyId, assessmentId: assessment.id };
}

/** Services with the machine-shop worked example recorded (not yet generated). */
async function setup() {
  const services = await startServices();
  const { companyId, assessmentId } = await recordExample(services, workedExample('machine-shop'));
  return { services, companyId, assessmentId };
}

const update = (services: AppServices, input: StepUpdate) => services.roadmaps.updateStep(StepUpdateSchema.parse(input));
const move = (services: AppServices, id: string, horizon: Horizon, position: number) => services.roadmaps.moveStep(StepMoveSchema.parse({ id, horizon, position }));
const add = (services: AppServices, input: { assessmentId: string; horizon: Horizon; title: string; owner?: string; targetMonth?: string | null }) =>
  services.roadmaps.addStep(StepAddSchema.parse(input));

const lane = (roadmap: Roadmap, horizon: Horizon) => roadmap.steps.filter((s) => s.horizon === horizon);
const catalogueIds = (steps: RoadmapStep[]) => steps.map((s) => s.catalogueStep?.id ?? null);
const stepFor = (roadmap: Roadmap, catalogueId: string) => roadmap.steps.find((s) => s.catalogueStep?.id === catalogueId)!;
const byStepId = (roadmap: Roadmap, id: string) => roadmap.steps.find((s) => s.id === id);

function expectDenseLanes(roadmap: Roadmap): void {
  for (const horizon of horizons) {
    const positions = lane(roadmap, horizon).map((s) => s.position);
    expect(positions, horizon).toEqual(positions.map((_, i) => i));
  }
}

describe('RoadmapService generate and get', () => {
  it('stores the proposed steps in order and records each new row in the outbox', async () => {
    const { services, assessmentId } = await setup();
    const before = outbox(services).length;
    const roadmap = await services.roadmaps.generate(assessmentId);
    const proposal = generateRoadmap(builtinCatalogue, await services.roadmaps.inputsFor(assessmentId));

    expect(roadmap.assessmentId).toBe(assessmentId);
    expect(roadmap.steps.map((s) => [s.horizon, s.position, s.catalogueStep?.id])).toEqual(proposal.map((p) => [p.horizon, p.order, p.stepId]));
    expect(roadmap.removed).toEqual([]);
    for (const step of roadmap.steps) {
      expect(step).toMatchObject({ origin: 'generated', title: null, owner: '', targetMonth: null, status: null, carriedFrom: null, edited: false, pinned: false });
      expect(step.why.length).toBeGreaterThan(0);
    }
    expect(count(services, 'roadmap_steps')).toBe(proposal.length);

    const entries = outbox(services).slice(before);
    expect(entries.every((e) => e.table_name === 'roadmap_steps' && e.operation === 'upsert' && e.base_hlc === null)).toBe(true);
    expect(entries.map((e) => e.row_id).sort()).toEqual(roadmap.steps.map((s) => s.id).sort());
    const first = entries.find((e) => e.row_id === roadmap.steps[0]!.id)!;
    expect(first.changes).toMatchObject({
      assessment_id: assessmentId,
      catalogue_step_id: roadmap.steps[0]!.catalogueStep!.id,
      catalogue_version: builtinCatalogue.version,
      origin: 'generated',
      horizon: roadmap.steps[0]!.horizon,
      position: 0,
    });
    expect(first.hlc).toBe(roadmap.steps[0]!.updatedAt);
  });

  it('gets the steps in horizon and position order, each with its catalogue step', async () => {
    const { services, assessmentId } = await setup();
    const generated = await services.roadmaps.generate(assessmentId);
    const roadmap = await services.roadmaps.get(assessmentId);
    expect(roadmap).toEqual(generated);
    expect(roadmap.steps.length).toBeGreaterThan(3);
    const order = roadmap.steps.map((s) => [horizons.indexOf(s.horizon), s.position] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expectDenseLanes(roadmap);
    for (const step of roadmap.steps) expect(step.catalogueStep).toEqual(builtinCatalogue.steps.find((s) => s.id === step.catalogueStep!.id));
    expect(new Set(roadmap.steps.map((s) => s.horizon))).toEqual(new Set(horizons));
  });

  it('gets an empty roadmap before one is generated and refuses an unknown assessment', async () => {
    const { services, assessmentId } = await setup();
    expect(await services.roadmaps.get(assessmentId)).toEqual({ assessmentId, steps: [], removed: [] });
    await expectAppError(services.roadmaps.get(MISSING_ID), 'not_found');
    await expectAppError(services.roadmaps.generate(MISSING_ID), 'not_found');
  });

  it('replaces untouched proposals on regenerate without duplicating them', async () => {
    const { services, assessmentId } = await setup();
    const first = await services.roadmaps.generate(assessmentId);
    const again = await services.roadmaps.generate(assessmentId);
    expect(catalogueIds(again.steps)).toEqual(catalogueIds(first.steps));
    expect(again.removed).toEqual([]);
    expect(new Set(again.steps.map((s) => s.id)).size).toBe(again.steps.length);
  });
});

describe('RoadmapService and catalogue versions published by the programme office', () => {
  it('proposes from the newest catalogue on the device, and steps proposed earlier keep the text of the version that proposed them', async () => {
    const { services, assessmentId } = await setup();
    const before = await services.roadmaps.generate(assessmentId);
    const first = before.steps[0]!.catalogueStep!;

    const next = structuredClone(builtinCatalogueJson);
    next.version = '1.1.0';
    const step = next.steps.find((s) => s.id === first.id)!;
    step.title = { ...step.title, en: `${step.title.en} (revised by the programme office)` };
    services.database.sqlite.prepare('insert into catalogues (version, definition, received_at) values (?, ?, ?)').run('1.1.0', JSON.stringify(next), '2026-11-22T08:00:00.000Z');

    expect((await services.roadmaps.get(assessmentId)).steps[0]!.catalogueStep!.title.en).toBe(first.title.en);
    const pinned = await update(services, { id: before.steps[0]!.id, pinned: true });
    const after = await services.roadmaps.generate(assessmentId);
    expect(byStepId(after, pinned.steps.find((s) => s.pinned)!.id)!.catalogueStep!.title.en).toBe(first.title.en);
    const fresh = after.steps.filter((s) => !s.pinned && s.catalogueStep);
    expect(fresh.length).toBeGreaterThan(0);
    const versions = services.database.sqlite
      .prepare('select distinct catalogue_version as v from roadmap_steps where deleted_at is null and pinned = 0 and catalogue_step_id is not null')
      .all() as { v: string }[];
    expect(versions).toEqual([{ v: '1.1.0' }]);
  });
});

describe('RoadmapService edits that survive regenerate', () => {
  it('marks a step edited when the adviser changes its title, owner, target month and cost, and keeps it exactly as edited on regenerate', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const target = lane(roadmap, 'next')[1]!;
    const before = outbox(services).length;
    const edited = byStepId(
      await update(services, { id: target.id, title: 'Apply for the Midlands adoption grant with Karen', owner: 'Karen Hollis', targetMonth: '2026-12', costBand: 'under-5k' }),
      target.id,
    )!;
    expect(edited).toMatchObject({ title: 'Apply for the Midlands adoption grant with Karen', owner: 'Karen Hollis', targetMonth: '2026-12', costBand: 'under-5k', edited: true, pinned: false });
    expect(outbox(services).slice(before)).toMatchObject([{ table_name: 'roadmap_steps', row_id: target.id, operation: 'upsert', base_hlc: target.updatedAt }]);

    const regenerated = await services.roadmaps.generate(assessmentId);
    expect(byStepId(regenerated, target.id)).toEqual(edited);
    expect(regenerated.steps.filter((s) => s.catalogueStep?.id === target.catalogueStep!.id)).toHaveLength(1);
  });

  it('keeps a pinned step on regenerate, and pinning alone is not an edit', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const target = lane(roadmap, 'later')[0]!;
    const pinned = byStepId(await update(services, { id: target.id, pinned: true }), target.id)!;
    expect(pinned).toMatchObject({ pinned: true, edited: false });
    const regenerated = await services.roadmaps.generate(assessmentId);
    expect(byStepId(regenerated, target.id)).toEqual(pinned);
    expect(regenerated.steps.filter((s) => s.catalogueStep?.id === target.catalogueStep!.id)).toHaveLength(1);
  });

  it('keeps the adviser’s own step on regenerate', async () => {
    const { services, assessmentId } = await setup();
    await services.roadmaps.generate(assessmentId);
    const withCustom = await add(services, { assessmentId, horizon: 'now', title: 'Book Cyber Essentials assessor', owner: 'Gary Hollis', targetMonth: '2027-02' });
    const custom = withCustom.steps.find((s) => s.origin === 'custom')!;
    expect(custom).toMatchObject({ catalogueStep: null, title: 'Book Cyber Essentials assessor', owner: 'Gary Hollis', targetMonth: '2027-02', horizon: 'now', edited: true, why: [], enabler: null });
    expect(lane(withCustom, 'now').at(-1)!.id).toBe(custom.id);
    const regenerated = await services.roadmaps.generate(assessmentId);
    expect(byStepId(regenerated, custom.id)).toEqual(custom);
  });

  it('removes a step to the removed list, restores it, and does not propose a removed step again', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const target = lane(roadmap, 'next')[0]!;
    const catalogueId = target.catalogueStep!.id;

    const removed = await services.roadmaps.removeStep(target.id);
    expect(byStepId(removed, target.id)).toBeUndefined();
    expect(removed.removed.map((s) => s.id)).toEqual([target.id]);
    expect(outbox(services).at(-1)).toMatchObject({ row_id: target.id, operation: 'delete' });

    const restored = await services.roadmaps.restoreStep(target.id);
    expect(byStepId(restored, target.id)).toMatchObject({ catalogueStep: { id: catalogueId }, horizon: target.horizon });
    expect(restored.removed).toEqual([]);

    await services.roadmaps.removeStep(target.id);
    const regenerated = await services.roadmaps.generate(assessmentId);
    expect(regenerated.steps.some((s) => s.catalogueStep?.id === catalogueId)).toBe(false);
    expect(regenerated.removed.map((s) => s.id)).toEqual([target.id]);
    // It can still be brought back after the regenerate.
    const back = await services.roadmaps.restoreStep(target.id);
    expect(back.steps.filter((s) => s.catalogueStep?.id === catalogueId)).toHaveLength(1);
  });

  it('moves a step from Next to the top of Now, renumbering both lanes from 0 and marking the moved step edited', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const nowBefore = lane(roadmap, 'now').map((s) => s.id);
    const nextBefore = lane(roadmap, 'next').map((s) => s.id);
    const moving = lane(roadmap, 'next')[2]!;

    const moved = await move(services, moving.id, 'now', 0);
    expect(byStepId(moved, moving.id)).toMatchObject({ horizon: 'now', position: 0, edited: true });
    expect(lane(moved, 'now').map((s) => s.id)).toEqual([moving.id, ...nowBefore]);
    expect(lane(moved, 'next').map((s) => s.id)).toEqual(nextBefore.filter((id) => id !== moving.id));
    expectDenseLanes(moved);
    expect(await services.roadmaps.get(assessmentId)).toEqual(moved);
  });

  it('moves a step within its lane and keeps the other steps untouched by the edited flag', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const later = lane(roadmap, 'later').map((s) => s.id);
    const moved = await move(services, later[0]!, 'later', 2);
    expect(lane(moved, 'later').map((s) => s.id)).toEqual([later[1], later[2], later[0], ...later.slice(3)]);
    expectDenseLanes(moved);
    expect(moved.steps.filter((s) => s.edited).map((s) => s.id)).toEqual([later[0]]);
  });

  it('puts the adviser’s own step at the end of its lane, even after steps were removed from it', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const next = lane(roadmap, 'next');
    expect(next.length).toBeGreaterThanOrEqual(4);
    await services.roadmaps.removeStep(next[0]!.id);
    await services.roadmaps.removeStep(next[1]!.id);
    const withCustom = await add(services, { assessmentId, horizon: 'next', title: 'Quote-turnaround review with Lee' });
    expect(lane(withCustom, 'next').at(-1)!.title).toBe('Quote-turnaround review with Lee');
  });
});

describe('RoadmapService lane numbering', () => {
  it('keeps every lane numbered 0..n-1 through remove, restore, move, add and regenerate', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const next = lane(roadmap, 'next');
    const later = lane(roadmap, 'later');

    await services.roadmaps.removeStep(next[1]!.id);
    expectDenseLanes(await services.roadmaps.get(assessmentId));
    await move(services, next[3]!.id, 'next', 0);
    expectDenseLanes(await services.roadmaps.get(assessmentId));
    await services.roadmaps.restoreStep(next[1]!.id);
    expectDenseLanes(await services.roadmaps.get(assessmentId));
    await add(services, { assessmentId, horizon: 'later', title: 'Second bar feeder: get three quotes' });
    expectDenseLanes(await services.roadmaps.get(assessmentId));
    await update(services, { id: later[3]!.id, pinned: true });
    expectDenseLanes(await services.roadmaps.generate(assessmentId));
  });

  it('does not bring back a proposal that regenerate has since replaced', async () => {
    const { services, assessmentId } = await setup();
    const first = await services.roadmaps.generate(assessmentId);
    await services.roadmaps.generate(assessmentId);
    const replaced = first.steps[0]!;
    await services.roadmaps.restoreStep(replaced.id).catch(() => undefined);
    const roadmap = await services.roadmaps.get(assessmentId);
    expect(roadmap.steps.filter((s) => s.catalogueStep?.id === replaced.catalogueStep!.id)).toHaveLength(1);
  });
});

describe('RoadmapService through dispatch', () => {
  it('refuses unknown ids with not_found, and an impossible month or an empty title with invalid_input on that field', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const id = roadmap.steps[0]!.id;

    expect(await services.dispatch('roadmap.updateStep', { id: MISSING_ID, owner: 'Gary' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(await services.dispatch('roadmap.moveStep', { id: MISSING_ID, horizon: 'now', position: 0 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(await services.dispatch('roadmap.removeStep', { id: MISSING_ID })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(await services.dispatch('roadmap.restoreStep', { id: MISSING_ID })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(await services.dispatch('roadmap.get', { assessmentId: MISSING_ID })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await services.dispatch('roadmap.addStep', { assessmentId: MISSING_ID, horizon: 'now', title: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'assessmentId' } });

    expect(await services.dispatch('roadmap.updateStep', { id, targetMonth: '2026-13' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'targetMonth' } });
    expect(await services.dispatch('roadmap.updateStep', { id, targetMonth: '2026-1' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'targetMonth' } });
    expect(await services.dispatch('roadmap.updateStep', { id, title: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'title' } });
    expect(await services.dispatch('roadmap.updateStep', { id, title: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'title' } });
    expect(await services.dispatch('roadmap.addStep', { assessmentId, horizon: 'now', title: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'title' } });
    expect(await services.dispatch('roadmap.moveStep', { id, horizon: 'someday', position: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'horizon' } });
    expect(await services.dispatch('roadmap.updateStep', { id, costBand: 'priceless' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'costBand' } });
    expect(await services.dispatch('roadmap.updateStep', { id, edited: false })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // Nothing was changed by the refused calls.
    expect(await services.roadmaps.get(assessmentId)).toEqual(roadmap);
    expect(await services.dispatch('roadmap.updateStep', { id, targetMonth: '2026-12' })).toMatchObject({ ok: true, value: { steps: expect.arrayContaining([expect.objectContaining({ id, targetMonth: '2026-12', edited: true })]) } });
  });
});

describe('RoadmapService and finalised assessments', () => {
  it('refuses every change to a finalised assessment’s roadmap with conflict, and leaves it as it was', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const removedId = lane(roadmap, 'later')[0]!.id;
    await services.roadmaps.removeStep(removedId);
    await services.assessments.finalise(assessmentId);
    const handedOver = await services.roadmaps.get(assessmentId);
    const before = outbox(services).length;
    const id = lane(handedOver, 'now')[0]!.id;

    await expectAppError(services.roadmaps.generate(assessmentId), 'conflict', 'assessmentId');
    await expectAppError(update(services, { id, owner: 'Gary' }), 'conflict', 'assessmentId');
    await expectAppError(update(services, { id, pinned: true }), 'conflict', 'assessmentId');
    await expectAppError(move(services, id, 'later', 0), 'conflict', 'assessmentId');
    await expectAppError(add(services, { assessmentId, horizon: 'now', title: 'Too late' }), 'conflict', 'assessmentId');
    await expectAppError(services.roadmaps.removeStep(id), 'conflict', 'assessmentId');
    await expectAppError(services.roadmaps.restoreStep(removedId), 'conflict', 'assessmentId');
    expect(await services.dispatch('roadmap.generate', { assessmentId })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await services.roadmaps.get(assessmentId)).toEqual(handedOver);
    expect(outbox(services)).toHaveLength(before);
  });

  it('starts a revision of a finalised assessment from the roadmap the firm was given', async () => {
    const { services, assessmentId } = await setup();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const edited = lane(roadmap, 'now')[0]!;
    await update(services, { id: edited.id, owner: 'Gary Hollis' });
    await add(services, { assessmentId, horizon: 'next', title: 'Cyber Essentials by spring' });
    const handedOver = await services.roadmaps.get(assessmentId);
    await services.assessments.finalise(assessmentId);

    const revision = await services.assessments.revise(assessmentId);
    const revised = await services.roadmaps.get(revision.id);
    expect(revised.steps.map((s) => [s.horizon, s.catalogueStep?.id ?? s.title, s.owner])).toEqual(
      handedOver.steps.map((s) => [s.horizon, s.catalogueStep?.id ?? s.title, s.owner]),
    );
  });
});

describe('RoadmapService follow-ups', () => {
  async function followUp() {
    const { services, companyId, assessmentId: baselineId } = await setup();
    const baseline = await services.roadmaps.generate(baselineId);
    await services.assessments.finalise(baselineId);
    const { assessmentId } = await recordExample(services, workedExample('machine-shop'), { companyId, kind: 'follow-up', baselineId });
    return { services, baselineId, baseline, assessmentId };
  }

  it('carries every step of the baseline’s roadmap forward as planned, naming the step it came from', async () => {
    const { services, baseline, assessmentId } = await followUp();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const carried = roadmap.steps.filter((s) => s.origin === 'carried');
    expect(carried.map((s) => s.carriedFrom).sort()).toEqual(baseline.steps.map((s) => s.id).sort());
    for (const step of carried) {
      const from = baseline.steps.find((s) => s.id === step.carriedFrom)!;
      expect(step).toMatchObject({ status: 'planned', horizon: from.horizon, catalogueStep: from.catalogueStep, why: from.why });
      expect(step.id).not.toBe(from.id);
    }
    // Proposals for the same catalogue steps are not added beside the carried ones.
    const ids = catalogueIds(roadmap.steps).filter((id) => id !== null);
    expect(new Set(ids).size).toBe(ids.length);
    // The baseline itself is untouched.
    expect(await services.roadmaps.get(baseline.assessmentId)).toEqual(baseline);
  });

  it('carries the baseline’s steps forward once only, however often the follow-up is regenerated', async () => {
    const { services, baseline, assessmentId } = await followUp();
    await services.roadmaps.generate(assessmentId);
    const again = await services.roadmaps.generate(assessmentId);
    const carried = again.steps.filter((s) => s.origin === 'carried');
    expect(carried).toHaveLength(baseline.steps.length);
    expect(new Set(carried.map((s) => s.carriedFrom)).size).toBe(baseline.steps.length);
    expect(again.steps).toHaveLength(baseline.steps.length);
  });

  it('records what became of a carried step', async () => {
    const { services, assessmentId } = await followUp();
    const roadmap = await services.roadmaps.generate(assessmentId);
    const carried = roadmap.steps.find((s) => s.origin === 'carried')!;
    const done = byStepId(await update(services, { id: carried.id, status: 'done' }), carried.id)!;
    expect(done).toMatchObject({ status: 'done', origin: 'carried', carriedFrom: carried.carriedFrom, edited: true });
    const regenerated = await services.roadmaps.generate(assessmentId);
    expect(byStepId(regenerated, carried.id)).toEqual(done);
    expect(regenerated.steps.filter((s) => s.carriedFrom === carried.carriedFrom)).toHaveLength(1);
  });
});
