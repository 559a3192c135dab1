import { uuidv7 } from '../../shared/sync/uuidv7';
import { builtinInstrument } from '../../shared/instruments/builtin';
import { scoreInstrument, toAnswerLookup } from '../../shared/scoring/scoring';
import { createAppServices } from '../../electron/services/app-services';
import { generatedAnswers } from '../../electron/services/demo/demo-assessments';
import { validClient } from '../helpers/fixtures';
import { workedExample } from '../../electron/services/demo/worked-examples';
import { generateRoadmap } from '../../shared/roadmap/generator';
import { builtinCatalogue } from '../../shared/roadmap/builtin';
import { median, percentile, timeEach, type Figure } from './report';

const SAVES = 400;

export async function benchAssessments(dataDirectory: string): Promise<Figure[]> {
  const figures: Figure[] = [];

  // Scoring: the engine against the simplest possible sum over the same answers.
  const instrument = builtinInstrument('digital-maturity');
  const answers = generatedAnswers(instrument, 0.5, 7);
  const lookup = toAnswerLookup(answers);
  const scoring = await timeEach(2000, () => scoreInstrument(instrument, lookup));
  const plain = await timeEach(2000, () => {
    let sum = 0;
    for (const answer of answers) if (typeof answer.value === 'number') sum += answer.value;
    return sum;
  });
  figures.push({ name: `score a full digital-maturity assessment (${answers.length} answers)`, value: median(scoring), baselineName: 'plain loop summing the answers', baseline: median(plain), unit: 'µs' });

  const services = await createAppServices({ dataDirectory });
  try {
    const client = await services.clients.create(validClient() as never);
    const assessment = await services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: [{ id: 'digital-maturity' }, { id: 'stepping-stones' }], visitDate: '2026-11-21', peoplePresent: '', reportLanguage: 'en' });
    const levels = instrument.questions.filter((q) => q.type === 'level');
    const save = await timeEach(SAVES, (i) =>
      services.assessments.saveAnswer({ assessmentId: assessment.id, instrumentId: instrument.id, questionId: levels[i % levels.length]!.id, value: i % 6, notApplicable: false, note: `note ${i}`, flagged: false }),
    );
    const { sqlite } = services.database;
    const upsert = sqlite.prepare(
      `insert into answers (id, assessment_id, instrument_id, question_id, value, not_applicable, note, flagged, created_at, updated_at, updated_by, deleted_at)
       values (?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, null)
       on conflict (assessment_id, instrument_id, question_id) do update set value = excluded.value, note = excluded.note, updated_at = excluded.updated_at`,
    );
    const raw = await timeEach(SAVES, (i) => {
      const now = new Date().toISOString();
      upsert.run(uuidv7(), assessment.id, 'raw-bench', levels[i % levels.length]!.id, String(i % 6), `note ${i}`, now, now, services.clock.deviceId);
    });
    figures.push({ name: 'save an answer through the service, median (outbox, fsync)', value: median(save), baselineName: 'raw better-sqlite3 upsert, median', baseline: median(raw), unit: 'ms' });
    figures.push({ name: 'save an answer through the service, 99th percentile', value: percentile(save, 99), baselineName: 'raw upsert, 99th percentile', baseline: percentile(raw, 99), unit: 'ms' });

    // An assessment with 200 answers: fill the other questions of a synthetic instrument-sized set.
    const many = await services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: [{ id: 'digital-maturity' }, { id: 'stepping-stones' }, { id: 'smart-factory-readiness' }], visitDate: '2026-11-21', peoplePresent: '', reportLanguage: 'en' });
    sqlite.pragma('synchronous = OFF');
    const insert = sqlite.prepare(
      `insert into answers (id, assessment_id, instrument_id, question_id, value, not_applicable, note, flagged, created_at, updated_at, updated_by, deleted_at) values (?, ?, ?, ?, '3', 0, '', 0, ?, ?, ?, null)`,
    );
    const stamp = new Date().toISOString();
    for (let i = 0; i < 200; i++) insert.run(uuidv7(), many.id, 'bench-extra', `q-${i}`, stamp, stamp, services.clock.deviceId);
    sqlite.pragma('synchronous = FULL');
    const open = await timeEach(50, () => services.assessments.get(many.id));
    const openRaw = await timeEach(50, () => sqlite.prepare('select * from answers where assessment_id = ?').all(many.id));
    figures.push({ name: 'open an assessment with 200 answers', value: median(open), baselineName: 'raw select of its answer rows', baseline: median(openRaw), unit: 'ms' });

    // Roadmap: generating from the inputs against reading those inputs from the database.
    const example = workedExample('automotive-tier2');
    const exampleClient = await services.clients.create(example.client as never);
    const visit = await services.assessments.create({ companyId: exampleClient.id, kind: 'baseline', baselineId: null, instruments: example.instruments.map((id) => ({ id })), visitDate: example.visitDate, peoplePresent: '', reportLanguage: 'sv' });
    sqlite.pragma('synchronous = OFF');
    for (const a of example.answers) await services.assessments.saveAnswer({ assessmentId: visit.id, ...a, flagged: false });
    for (const target of example.targets) await services.assessments.saveTarget({ assessmentId: visit.id, ...target });
    sqlite.pragma('synchronous = FULL');
    const inputs = await services.roadmaps.inputsFor(visit.id);
    const readInputs = await timeEach(30, () => services.roadmaps.inputsFor(visit.id));
    const generate = await timeEach(30, () => generateRoadmap(builtinCatalogue, inputs));
    figures.push({ name: 'generate a roadmap for a full assessment', value: median(generate), baselineName: 'reading its inputs from the database', baseline: median(readInputs), unit: 'ms' });
  } finally {
    await services.close();
  }
  return figures;
}
