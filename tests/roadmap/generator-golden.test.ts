import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { workedExample, workedExamples, type WorkedExample } from '../../electron/services/demo/worked-examples';
import { AnswerSaveSchema, AssessmentCreateSchema, TargetSaveSchema } from '../../shared/assessments/schema';
import { ClientInputSchema } from '../../shared/clients/schema';
import { builtinCatalogue } from '../../shared/roadmap/builtin';
import { costBands, type CostBand, type Step } from '../../shared/roadmap/catalogue-schema';
import { generateRoadmap, type Horizon, type ProposedStep, type RoadmapInputs, type Why } from '../../shared/roadmap/generator';
import { startServices } from '../helpers/services';

/**
 * Golden roadmaps: the three worked examples recorded as an adviser would (client, assessment,
 * every answer and target), their roadmap inputs read back the way the app reads them, and the
 * generator's proposal pinned. Each was read as a senior adviser would before being pinned.
 */

const DM = 'digital-maturity';
const SFR = 'smart-factory-readiness';

const byId = new Map(builtinCatalogue.steps.map((s) => [s.id, s]));
const catalogueStep = (id: string): Step => byId.get(id)!;
const costRank = (band: CostBand) => costBands.indexOf(band);

async function recordExample(services: AppServices, example: WorkedExample): Promise<string> {
  const client = await services.clients.create(ClientInputSchema.parse(example.client));
  const assessment = await services.assessments.create(
    AssessmentCreateSchema.parse({
      companyId: client.id,
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
  return assessment.id;
}

interface Golden {
  inputs: RoadmapInputs;
  roadmap: ProposedStep[];
  services: AppServices;
  assessmentId: string;
}

async function golden(id: string): Promise<Golden> {
  const services = await startServices();
  const assessmentId = await recordExample(services, workedExample(id));
  const inputs = await services.roadmaps.inputsFor(assessmentId);
  return { inputs, roadmap: generateRoadmap(builtinCatalogue, inputs), services, assessmentId };
}

const sequence = (roadmap: ProposedStep[]): [Horizon, string][] => roadmap.map((s) => [s.horizon, s.stepId]);
const gap = (instrument: string, dimension: string, priority: number): Why => ({ kind: 'gap', instrument, dimension, priority });

/** The dimension with the highest priority of each maturity instrument in the inputs. */
function topPriorityDimensions(inputs: RoadmapInputs) {
  return inputs.maturity.map((result) => {
    const top = [...result.dimensions].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))[0]!;
    return { instrument: result.instrumentId, dimension: top.dimensionId, priority: top.priority ?? 0 };
  });
}

// Pinned after prerequisites took the urgency of the steps waiting for them (so a stoppage log
// no longer trails the tablet booking it unlocks); re-read the roadmaps before changing these.
const EXPECTED: Record<string, { sequence: [Horizon, string][]; firstWhy: Why[][] }> = {
  'machine-shop': {
    sequence: [
      ['now', 'peer-site-visit'],
      ['now', 'improvement-roadmap-workshop'],
      ['next', 'digital-champion'],
      ['next', 'grant-application'],
      ['next', 'joint-purchasing-group'],
      ['next', 'sfd-stoppage-log'],
      ['next', 'cyb-cyber-basics'],
      ['next', 'cld-shared-drawing-folder'],
      ['later', 'dat-monday-dashboard'],
      ['later', 'sfd-tablet-job-booking'],
      ['later', 'connectivity-survey'],
      ['later', 'cyb-ot-network-segmentation'],
      ['later', 'cad-dnc-network'],
      ['later', 'cob-task-screening'],
      ['later', 'skl-leadership-programme'],
      ['later', 'scm-inspection-rounds'],
      ['later', 'scm-pilot-worst-machine'],
    ],
    firstWhy: [
      [{ 'kind':  'barrier',  'barrier':  'disruption-fear',  'rating':  2}, { 'kind':  'barrier',  'barrier':  'information-gap',  'rating':  2}, { 'kind':  'barrier',  'barrier':  'uncertain-return',  'rating':  2}],
      [{ 'kind':  'barrier',  'barrier':  'people-capacity',  'rating':  3}, { 'kind':  'prerequisite',  'of':  'skl-leadership-programme' }],
      [{ 'kind':  'barrier',  'barrier':  'people-capacity',  'rating':  3}],
    ],
  },
  'food-producer': {
    sequence: [
      ['now', 'peer-site-visit'],
      ['now', 'improvement-roadmap-workshop'],
      ['now', 'sfd-stoppage-log'],
      ['now', 'qv-defect-photo-log'],
      ['next', 'sfd-tablet-job-booking'],
      ['next', 'mes-barcode-traceability'],
      ['next', 'connectivity-survey'],
      ['next', 'nrg-smart-meter-baseload'],
      ['next', 'nrg-clamp-on-meters'],
      ['next', 'cld-energy-dashboard'],
      ['next', 'nrg-permanent-submetering'],
      ['next', 'scm-inspection-rounds'],
      ['next', 'cyb-cyber-basics'],
      ['next', 'qv-vision-feasibility-test'],
      ['next', 'scm-pilot-worst-machine'],
      ['next', 'cyb-ot-network-segmentation'],
      ['next', 'cad-dnc-network'],
      ['later', 'qv-vision-station'],
    ],
    firstWhy: [
      [{ 'kind':  'barrier',  'barrier':  'disruption-fear',  'rating':  2}],
      [{ 'kind':  'barrier',  'barrier':  'people-capacity',  'rating':  2}],
      [{ 'kind':  'prerequisite',  'of':  'sfd-tablet-job-booking' }],
    ],
  },
  'automotive-tier2': {
    sequence: [
      ['now', 'peer-site-visit'],
      ['now', 'impartial-technology-advice'],
      ['now', 'improvement-roadmap-workshop'],
      ['now', 'dwi-phone-video-qr'],
      ['now', 'skl-skills-matrix'],
      ['now', 'skl-basic-digital-skills'],
      ['now', 'dwi-instruction-software-pilot'],
      ['now', 'dwi-digital-skills-matrix'],
      ['now', 'connectivity-survey'],
      ['next', 'cyb-cyber-basics'],
      ['next', 'cyb-ot-network-segmentation'],
      ['next', 'cad-dnc-network'],
      ['next', 'sfd-stoppage-log'],
      ['next', 'sfd-tablet-job-booking'],
      ['next', 'mes-live-job-status-screen'],
      ['next', 'dwi-connected-assembly-station'],
      ['next', 'cyb-certification'],
    ],
    firstWhy: [
      [{ 'kind':  'barrier',  'barrier':  'vendor-distrust',  'rating':  3}, { 'kind':  'barrier',  'barrier':  'disruption-fear',  'rating':  2}],
      [{ 'kind':  'barrier',  'barrier':  'vendor-distrust',  'rating':  3}],
      [{ 'kind':  'barrier',  'barrier':  'people-capacity',  'rating':  2}],
    ],
  },
};

describe.each(workedExamples.map((example) => [example.id, example] as const))('the roadmap for worked example %s', (id) => {
  it('reads its inputs from the recorded visit as the app does', async () => {
    const example = workedExample(id);
    const { inputs } = await golden(id);
    const answer = (questionId: string) => example.answers.find((a) => a.questionId === questionId)!.value;
    expect(inputs.maturity.map((r) => r.instrumentId)).toEqual(example.instruments.filter((i) => i !== 'stepping-stones'));
    expect(inputs.drivers).toEqual(answer('ss-drivers'));
    expect(inputs.hoursPerWeek).toBe(answer('ss-capacity-hours'));
    expect(inputs.budget).toBe(answer('ss-capacity-budget'));
    expect(inputs.opensToPeers).toBe(true);
    expect(inputs.client).toEqual({ naceCode: example.client.naceCode, region: example.client.region, country: example.client.country });
  });

  it('proposes the pinned steps in the pinned order, with the pinned reasons for the first three', async () => {
    const { roadmap } = await golden(id);
    expect(sequence(roadmap)).toEqual(EXPECTED[id]!.sequence);
    expect(roadmap.slice(0, 3).map((s) => s.why)).toEqual(EXPECTED[id]!.firstWhy);
  });

  it('is what roadmap.generate stores for the assessment', async () => {
    const { roadmap, services, assessmentId } = await golden(id);
    const stored = await services.roadmaps.generate(assessmentId);
    expect(stored.steps.map((s) => [s.horizon, s.catalogueStep?.id])).toEqual(sequence(roadmap));
    expect(stored.steps.map((s) => s.why)).toEqual(roadmap.map((s) => s.why));
  });

  it('addresses the top-priority dimension of every maturity instrument with a step that raises it', async () => {
    const { inputs, roadmap } = await golden(id);
    for (const top of topPriorityDimensions(inputs)) {
      expect(top.priority).toBeGreaterThan(0);
      const addressing = roadmap.filter(
        (s) =>
          s.why.some((w) => w.kind === 'gap' && w.instrument === top.instrument && w.dimension === top.dimension) &&
          catalogueStep(s.stepId).raises.some((r) => r.instrument === top.instrument && r.dimension === top.dimension),
      );
      expect(addressing.length, `${top.instrument}/${top.dimension}`).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('the worked-example roadmaps read like a senior adviser’s advice', () => {
  it('starts the cash- and time-starved machine shop with low-effort enabling steps and nothing over €5k, and leaves dearer steps until after the grant application', async () => {
    const { inputs, roadmap } = await golden('machine-shop');
    expect(inputs.barriers).toMatchObject({ finance: 3, 'people-capacity': 3 });
    const now = roadmap.filter((s) => s.horizon === 'now').map((s) => catalogueStep(s.stepId));
    expect(now.length).toBeGreaterThan(0);
    for (const step of now) {
      expect(step.kind, step.id).toBe('enabling');
      expect(step.effortDays, step.id).toBeLessThanOrEqual(2);
      expect(costRank(step.costBand), step.id).toBeLessThanOrEqual(costRank('under-5k'));
    }
    // Both severe barriers get an enabling step that lowers them.
    for (const barrier of ['finance', 'people-capacity'] as const) {
      expect(roadmap.some((s) => catalogueStep(s.stepId).kind === 'enabling' && catalogueStep(s.stepId).mitigates.includes(barrier)), barrier).toBe(true);
    }
    const grant = roadmap.findIndex((s) => s.stepId === 'grant-application');
    expect(grant).toBeGreaterThanOrEqual(0);
    const dear = roadmap.map((s, i) => [i, catalogueStep(s.stepId)] as const).filter(([, s]) => costRank(s.costBand) > costRank('under-5k'));
    for (const [index, step] of dear) expect(index, `${step.id} (${step.costBand}) comes after the grant application`).toBeGreaterThan(grant);
  });

  it('has the automotive supplier, wary of its vendor, take impartial advice or visit a peer before any step costing €5k or more', async () => {
    const { inputs, roadmap } = await golden('automotive-tier2');
    expect(inputs.barriers['vendor-distrust']).toBe(3);
    const firstDear = roadmap.findIndex((s) => costRank(catalogueStep(s.stepId).costBand) >= costRank('5k-25k'));
    const firstImpartial = roadmap.findIndex((s) => s.stepId === 'impartial-technology-advice' || s.stepId === 'peer-site-visit');
    expect(firstImpartial).toBeGreaterThanOrEqual(0);
    expect(firstDear).toBeGreaterThanOrEqual(0);
    expect(firstImpartial).toBeLessThan(firstDear);
    // A severe barrier gets both: the peer visit and the impartial advice, in Now.
    expect(roadmap.filter((s) => s.horizon === 'now').map((s) => s.stepId)).toEqual(expect.arrayContaining(['peer-site-visit', 'impartial-technology-advice']));
  });

  it('links the automotive supplier’s steps to West Sweden organisations and the machine shop’s to West Midlands ones', async () => {
    const automotive = await golden('automotive-tier2');
    expect(automotive.roadmap.find((s) => s.stepId === 'peer-site-visit')!.enabler).toEqual({
      directory: 'peers',
      id: 'peer-se-vastra-gotaland-plastics-mes',
      name: 'Example: West Sweden plastics moulder supplying the vehicle industry',
    });
    expect(automotive.roadmap.find((s) => s.stepId === 'impartial-technology-advice')!.enabler).toMatchObject({ directory: 'intermediaries', id: 'int-se-west-sweden-varmland-dih' });
    const machineShop = await golden('machine-shop');
    expect(machineShop.roadmap.find((s) => s.stepId === 'grant-application')!.enabler).toMatchObject({ directory: 'fundingSchemes', id: 'fund-gb-midlands-north-adoption-grant' });
    expect(machineShop.roadmap.find((s) => s.stepId === 'peer-site-visit')!.enabler).toMatchObject({ directory: 'peers', id: 'peer-gb-west-midlands-cnc-job-cards' });
  });

  it('weighs the automotive supplier’s smart-factory gaps alongside its digital-maturity gaps', async () => {
    const { roadmap } = await golden('automotive-tier2');
    const reasons = roadmap.flatMap((s) => s.why).filter((w) => w.kind === 'gap');
    expect(reasons).toContainEqual(gap(SFR, 'org-workforce-learning', 25));
    expect(reasons).toContainEqual(gap(DM, 'data-management', 13.5));
  });
});
