import type { ApiClient } from '../../../shared/api/client';
import type { Result } from '../../../shared/api/result';
import { questionApplies, type AnswerRecord } from '../../../shared/instruments/answers';
import type { AnswerValue, Instrument, Question } from '../../../shared/instruments/schema';
import { mulberry32 } from './random';
import { workedExamples, type WorkedExample } from './worked-examples';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.message}${result.error.field ? ` (${result.error.field})` : ''}`);
  return result.value;
}

type Random = () => number;

function valueFor(question: Question, maturity: number, random: Random): AnswerValue | null {
  const jitter = () => (random() - 0.5) * 0.4;
  const level = Math.min(1, Math.max(0, maturity + jitter()));
  switch (question.type) {
    case 'level':
      return Math.round(level * 5);
    case 'single': {
      // Barrier ratings run the other way: a more mature firm reports milder barriers.
      const ordered = [...question.options].sort((a, b) => a.points - b.points);
      const position = question.barrier ? 1 - level : level;
      return ordered[Math.round(position * (ordered.length - 1))]!.id;
    }
    case 'multi': {
      const chosen = question.options.filter((o) => !o.exclusive && random() < level).map((o) => o.id);
      const none = question.options.find((o) => o.exclusive);
      return chosen.length > 0 ? chosen : none ? [none.id] : [question.options[0]!.id];
    }
    case 'yesno':
      return random() < level;
    case 'number':
      return Math.round(question.min + (question.max - question.min) * level * 0.8);
    case 'ranking':
      return [...question.options].sort(() => random() - 0.5).map((o) => o.id);
    case 'text':
      return null;
  }
}

/** Plausible answers for a firm of the given maturity (0–1), respecting every skip condition. */
export function generatedAnswers(instrument: Instrument, maturity: number, seed: number): AnswerRecord[] {
  const random = mulberry32(seed);
  const byId = new Map(instrument.questions.map((q) => [q.id, q]));
  const answers = new Map<string, AnswerRecord>();
  for (const question of instrument.questions) {
    if (!questionApplies(question, byId, answers)) continue;
    const value = valueFor(question, maturity, random);
    if (value !== null) answers.set(question.id, { questionId: question.id, value, notApplicable: false });
  }
  return [...answers.values()];
}

interface VisitPlan {
  companyId: string;
  visitDate: string;
  kind: 'baseline' | 'follow-up';
  baselineId: string | null;
  reportLanguage: 'en' | 'da' | 'sv';
  peoplePresent: string;
  instruments: Instrument[];
  answers: (instrument: Instrument) => (AnswerRecord & { note?: string })[];
  targets: (instrument: Instrument) => { dimensionId: string; target: number; importance: number }[];
  finalise: boolean;
}

async function recordVisit(api: ApiClient, plan: VisitPlan): Promise<string> {
  const assessment = unwrap(
    await api.call('assessments.create', {
      companyId: plan.companyId,
      kind: plan.kind,
      baselineId: plan.baselineId,
      instruments: plan.instruments.map((i) => ({ id: i.id, version: i.version })),
      visitDate: plan.visitDate,
      peoplePresent: plan.peoplePresent,
      reportLanguage: plan.reportLanguage,
    }),
  );
  for (const instrument of plan.instruments) {
    for (const answer of plan.answers(instrument)) {
      unwrap(await api.call('answers.save', { assessmentId: assessment.id, instrumentId: instrument.id, ...answer, note: answer.note ?? '', flagged: false }));
    }
    if (instrument.kind !== 'maturity') continue;
    for (const target of plan.targets(instrument)) {
      unwrap(await api.call('targets.save', { assessmentId: assessment.id, instrumentId: instrument.id, ...target }));
    }
  }
  unwrap(await api.call('roadmap.generate', { assessmentId: assessment.id }));
  if (plan.finalise) unwrap(await api.call('assessments.finalise', { id: assessment.id }));
  return assessment.id;
}

function languageOf(country: string): 'en' | 'da' | 'sv' {
  return country === 'DK' ? 'da' : country === 'SE' ? 'sv' : 'en';
}

async function recordWorkedExample(api: ApiClient, example: WorkedExample, companyId: string, instruments: Instrument[]): Promise<void> {
  const used = instruments.filter((i) => example.instruments.includes(i.id));
  await recordVisit(api, {
    companyId,
    visitDate: example.visitDate,
    kind: 'baseline',
    baselineId: null,
    reportLanguage: example.reportLanguage,
    peoplePresent: example.peoplePresent,
    instruments: used,
    answers: (instrument) => example.answers.filter((a) => a.instrumentId === instrument.id),
    targets: (instrument) => example.targets.filter((t) => t.instrumentId === instrument.id),
    finalise: true,
  });
}

/**
 * Records visits a newcomer can explore for the demo clients: the three worked examples, finalised
 * baselines for most demo clients, follow-ups for some, and a draft in progress. Clients that
 * already have assessments are left alone, so running it twice adds nothing.
 */
export async function seedDemoAssessments(api: ApiClient): Promise<number> {
  const summaries = unwrap(await api.call('instruments.list', {}));
  const instruments: Instrument[] = [];
  for (const summary of summaries) instruments.push(unwrap(await api.call('instruments.get', { id: summary.id, version: summary.version })));
  const standard = instruments.filter((i) => i.id === 'digital-maturity' || i.id === 'stepping-stones');
  const clients = unwrap(await api.call('clients.list', {}));
  let created = 0;

  for (const example of workedExamples) {
    const client = clients.find((c) => c.name === example.client.name);
    if (!client) continue;
    if (unwrap(await api.call('assessments.listForClient', { companyId: client.id })).length > 0) continue;
    await recordWorkedExample(api, example, client.id, instruments);
    created += 1;
  }

  const others = clients.filter((c) => !workedExamples.some((e) => e.client.name === c.name));
  for (const [index, client] of others.entries()) {
    if (index % 4 === 3) continue;
    if (unwrap(await api.call('assessments.listForClient', { companyId: client.id })).length > 0) continue;
    const maturity = 0.2 + ((index * 37) % 50) / 100;
    const targetsFor = (instrument: Instrument) =>
      instrument.dimensions.map((d, i) => ({
        dimensionId: d.id,
        target: Math.min(instrument.scale.max, Math.round((maturity + 0.25) * instrument.scale.max)),
        importance: 1 + ((index + i) % 5),
      }));
    const month = String(1 + (index % 9)).padStart(2, '0');
    const baselineId = await recordVisit(api, {
      companyId: client.id,
      visitDate: `2025-${month}-1${index % 9}`,
      kind: 'baseline',
      baselineId: null,
      reportLanguage: languageOf(client.country),
      peoplePresent: '',
      instruments: standard,
      answers: (instrument) => generatedAnswers(instrument, maturity, index * 101 + instrument.id.length),
      targets: targetsFor,
      finalise: true,
    });
    created += 1;
    if (index % 3 !== 0) continue;
    // A year on, most firms have moved; the last one is still being assessed.
    await recordVisit(api, {
      companyId: client.id,
      visitDate: `2026-${month}-2${index % 9}`,
      kind: 'follow-up',
      baselineId,
      reportLanguage: languageOf(client.country),
      peoplePresent: '',
      instruments: standard,
      answers: (instrument) => generatedAnswers(instrument, Math.min(1, maturity + 0.15), index * 211 + instrument.id.length).slice(0, index % 2 === 0 ? undefined : 20),
      targets: targetsFor,
      finalise: index % 2 === 0,
    });
    created += 1;
  }
  return created;
}
