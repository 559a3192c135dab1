import { sql, type Kysely } from 'kysely';
import { createI18n, type Language } from '../../../shared/i18n';
import type { AnswerValue, Instrument } from '../../../shared/instruments/schema';
import { textIn } from '../../../shared/instruments/text';
import type { ExportedAssessment } from '../../../shared/portfolio/export-schema';
import { UNKNOWN_ADVISER, type ParsedPortfolioFilter } from '../../../shared/portfolio/schema';
import { roundToStep } from '../../../shared/scoring/scoring';
import type { LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';
import { adviserKey, filteredAssessments } from '../portfolio/portfolio-filter';
import { refreshScores } from '../portfolio/score-cache';
import type { CatalogueStore } from '../roadmap/catalogue-store';
import { exportLabels } from './export-labels';
import { pseudonym, redactRow, sharesPersonalData } from './redaction';

export interface ExportSources {
  db: Kysely<LocalDatabase>;
  instruments: InstrumentStore;
  catalogues: CatalogueStore;
}

/** An assessment with everything one row of the assessments table shows, already redacted. */
export type AssessmentFacts = Omit<ExportedAssessment, 'steps' | 'answers'> & {
  sector: string;
  stepsRecommended: number;
  stepsCompleted: number;
};

/** An assessment with its answers and roadmap, read a batch at a time. */
export interface AssessmentDetail {
  facts: AssessmentFacts;
  steps: ExportedAssessment['steps'];
  answers: (ExportedAssessment['answers'][number] & { question: string })[];
}

/** A dimension that has a score column, in the order of its instrument's newest version. */
export interface ScoreColumn {
  instrumentId: string;
  dimensionId: string;
  title: string;
}

export interface ExportSelection {
  assessments: AssessmentFacts[];
  scoreColumns: ScoreColumn[];
}

/** Assessments whose answers and steps are held in memory at once: bounds memory for any portfolio size. */
const DETAIL_BATCH = 250;

/**
 * The assessments a filter selects (the same `filteredAssessments` every portfolio view uses), with
 * firm, adviser, scores, barrier ratings and step counts. Personal data of firms that do not share
 * it is already left out here, so no format can show it by mistake.
 */
export async function selectForExport(sources: ExportSources, filter: ParsedPortfolioFilter, language: Language): Promise<ExportSelection> {
  const { db } = sources;
  await refreshScores(db, sources.instruments);
  const ids = filteredAssessments(db, filter).select('a.id');
  const rows = await filteredAssessments(db, filter)
    .leftJoin('advisers as adv', (join) => join.on(sql`adv.id`, '=', sql`ca.adviser_id`))
    .leftJoin('erasures as e', 'e.company_id', 'c.id')
    .select([
      'a.id', 'a.kind', 'a.status', 'a.baseline_id', 'a.revision_of', 'a.visit_date', 'a.finalised_at', 'a.report_language', 'a.people_present',
      'c.id as company_id', 'c.name', 'c.registration_number', 'c.street', 'c.town', 'c.postcode', 'c.region', 'c.country', 'c.nace_code',
      'c.employee_band', 'c.turnover_band', 'c.consent_to_share', 'e.erased_at',
      adviserKey.as('adviser_id'),
      sql<string | null>`adv.name`.as('adviser_name'),
    ])
    .orderBy('a.visit_date')
    .orderBy('a.id')
    .execute();

  const instrumentLinks = await db
    .selectFrom('assessment_instruments')
    .select(['assessment_id', 'instrument_id', 'instrument_version'])
    .where('assessment_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('assessment_id')
    .orderBy('position')
    .execute();
  const scores = await db.selectFrom('assessment_scores').selectAll().where('assessment_id', 'in', ids).execute();
  const barriers = await db.selectFrom('assessment_barriers').selectAll().where('assessment_id', 'in', ids).orderBy('barrier_id').execute();
  const stepCounts = await db
    .selectFrom('roadmap_steps')
    .select(['assessment_id', sql<number>`count(*)`.as('recommended'), sql<number>`sum(status = 'done')`.as('completed')])
    .where('assessment_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .groupBy('assessment_id')
    .execute();

  const sharing = new Set(rows.filter(sharesPersonalData).map((row) => row.company_id));
  const contacts = await sharedContacts(db, [...sharing]);
  const annotations = await sharedAnnotations(db, [...sharing]);

  const maturityInstruments = new Set<string>();
  const latest = new Map<string, Instrument>();
  for (const id of new Set(instrumentLinks.map((link) => link.instrument_id))) {
    const instrument = await sources.instruments.get(id);
    latest.set(id, instrument);
    if (instrument.kind === 'maturity') maturityInstruments.add(id);
  }

  const instrumentsOf = groupBy(instrumentLinks, (link) => link.assessment_id);
  const scoresOf = groupBy(scores, (score) => score.assessment_id);
  const barriersOf = groupBy(barriers, (barrier) => barrier.assessment_id);
  const countsOf = new Map(stepCounts.map((row) => [row.assessment_id, row]));
  const labels = exportLabels[language];
  const t = createI18n(language).t;

  const assessments = rows.map((row): AssessmentFacts => {
    const shares = sharing.has(row.company_id);
    const firm = redactRow('companies', row, shares);
    const assessment = redactRow('assessments', row, shares);
    const own = scoresOf.get(row.id) ?? [];
    const maturity = own.filter((s) => maturityInstruments.has(s.instrument_id) && s.score !== null).map((s) => s.score!);
    return {
      id: row.id,
      firm: {
        id: row.company_id,
        name: firm.name ?? pseudonym(row.company_id),
        consentToShare: row.consent_to_share === 1,
        erased: row.erased_at !== null,
        personalData: shares,
        registrationNumber: firm.registration_number,
        street: firm.street,
        town: firm.town,
        postcode: firm.postcode,
        region: row.region,
        country: row.country as AssessmentFacts['firm']['country'],
        naceCode: row.nace_code as AssessmentFacts['firm']['naceCode'],
        employeeBand: row.employee_band as AssessmentFacts['firm']['employeeBand'],
        turnoverBand: row.turnover_band as AssessmentFacts['firm']['turnoverBand'],
        contacts: contacts.get(row.company_id) ?? [],
        annotations: annotations.get(row.company_id) ?? [],
      },
      sector: t(`sectors.${row.nace_code}`),
      adviser: { id: row.adviser_id, name: row.adviser_id === UNKNOWN_ADVISER ? labels.unknownAdviser : (row.adviser_name ?? row.adviser_id) },
      kind: row.kind,
      status: row.status as AssessmentFacts['status'],
      baselineId: row.baseline_id,
      revisionOf: row.revision_of,
      visitDate: row.visit_date,
      finalisedAt: row.finalised_at,
      reportLanguage: row.report_language,
      peoplePresent: assessment.people_present,
      instruments: (instrumentsOf.get(row.id) ?? []).map((link) => ({ id: link.instrument_id, version: link.instrument_version })),
      // The same figure the portfolio list shows: the mean over every maturity instrument's dimensions.
      maturity: maturity.length === 0 ? null : roundToStep(maturity.reduce((sum, score) => sum + score, 0) / maturity.length, 0.1),
      scores: own.map((s) => ({ instrumentId: s.instrument_id, dimensionId: s.dimension_id, score: s.score, bandId: s.band_id })),
      barriers: (barriersOf.get(row.id) ?? []).map((b) => ({ barrierId: b.barrier_id as AssessmentFacts['barriers'][number]['barrierId'], rating: b.rating })),
      stepsRecommended: countsOf.get(row.id)?.recommended ?? 0,
      stepsCompleted: countsOf.get(row.id)?.completed ?? 0,
    };
  });
  // Diagnostics record what the roadmap needs; only maturity instruments' scores are comparable across firms.
  const maturityScores = scores.filter((score) => maturityInstruments.has(score.instrument_id));
  return { assessments, scoreColumns: scoreColumns(maturityScores, latest, language) };
}

/**
 * The selected assessments with their answers and roadmap steps, a batch at a time, so a writer
 * can stream 5,000 assessments' answers without holding them all.
 */
export async function* assessmentDetails(sources: ExportSources, assessments: readonly AssessmentFacts[], language: Language): AsyncGenerator<AssessmentDetail[]> {
  const { db } = sources;
  for (let start = 0; start < assessments.length; start += DETAIL_BATCH) {
    const batch = assessments.slice(start, start + DETAIL_BATCH);
    const ids = batch.map((facts) => facts.id);
    const answers = groupBy(
      await db.selectFrom('answers').selectAll().where('assessment_id', 'in', ids).where('deleted_at', 'is', null).execute(),
      (answer) => answer.assessment_id,
    );
    const steps = groupBy(
      await db
        .selectFrom('roadmap_steps')
        .selectAll()
        .where('assessment_id', 'in', ids)
        .where('deleted_at', 'is', null)
        .orderBy(sql`case horizon when 'now' then 0 when 'next' then 1 else 2 end`)
        .orderBy('position')
        .execute(),
      (step) => step.assessment_id,
    );
    const details: AssessmentDetail[] = [];
    for (const facts of batch) {
      const shares = facts.firm.personalData;
      const answered: AssessmentDetail['answers'] = [];
      for (const link of facts.instruments) {
        const instrument = await sources.instruments.get(link.id, link.version);
        const questions = new Map(instrument.questions.map((question, index) => [question.id, { question, index }]));
        const order = (id: string) => questions.get(id)?.index ?? questions.size;
        const own = (answers.get(facts.id) ?? [])
          .filter((answer) => answer.instrument_id === link.id)
          .sort((a, b) => order(a.question_id) - order(b.question_id) || a.question_id.localeCompare(b.question_id));
        for (const answer of own) {
          const question = questions.get(answer.question_id)?.question;
          answered.push({
            instrumentId: link.id,
            instrumentVersion: link.version,
            questionId: answer.question_id,
            question: question ? textIn(question.text, language) : '',
            value: answer.value === null ? null : (JSON.parse(answer.value) as AnswerValue),
            notApplicable: answer.not_applicable === 1,
            flagged: answer.flagged === 1,
            note: redactRow('answers', answer, shares).note,
          });
        }
      }
      const roadmap: AssessmentDetail['steps'] = [];
      for (const step of steps.get(facts.id) ?? []) {
        roadmap.push({
          id: step.id,
          catalogueStepId: step.catalogue_step_id,
          title: step.title ?? (await catalogueTitle(sources.catalogues, step.catalogue_step_id, step.catalogue_version, language)),
          horizon: step.horizon,
          position: step.position,
          origin: step.origin,
          status: step.status,
          effortDays: step.effort_days,
          costBand: step.cost_band,
          targetMonth: step.target_month,
          owner: redactRow('roadmap_steps', step, shares).owner,
        });
      }
      details.push({ facts, answers: answered, steps: roadmap });
    }
    yield details;
  }
}

async function catalogueTitle(catalogues: CatalogueStore, stepId: string | null, version: string | null, language: Language): Promise<string> {
  if (!stepId) return '';
  const catalogue = (version ? await catalogues.version(version) : null) ?? (await catalogues.current());
  const step = catalogue.steps.find((s) => s.id === stepId);
  return step ? textIn(step.title, language) : stepId;
}

/** Contacts only of firms that share: a contact is nothing but personal data. */
async function sharedContacts(db: Kysely<LocalDatabase>, companyIds: string[]): Promise<Map<string, AssessmentFacts['firm']['contacts']>> {
  const found = new Map<string, AssessmentFacts['firm']['contacts']>();
  for (const chunk of chunks(companyIds)) {
    const rows = await db.selectFrom('contacts').selectAll().where('company_id', 'in', chunk).where('deleted_at', 'is', null).orderBy('company_id').orderBy('position').execute();
    for (const row of rows) {
      const list = found.get(row.company_id) ?? [];
      list.push({ name: row.name, role: row.role, email: row.email, phone: row.phone });
      found.set(row.company_id, list);
    }
  }
  return found;
}

/** The programme office's notes only on firms that share: they are written about people. */
async function sharedAnnotations(db: Kysely<LocalDatabase>, companyIds: string[]): Promise<Map<string, AssessmentFacts['firm']['annotations']>> {
  const found = new Map<string, AssessmentFacts['firm']['annotations']>();
  for (const chunk of chunks(companyIds)) {
    const rows = await db.selectFrom('annotations').selectAll().where('company_id', 'in', chunk).where('deleted_at', 'is', null).orderBy('created_at').execute();
    for (const row of rows) {
      const list = found.get(row.company_id) ?? [];
      list.push({ id: row.id, assessmentId: row.assessment_id, body: row.body, author: row.author, createdAt: row.created_at });
      found.set(row.company_id, list);
    }
  }
  return found;
}

function scoreColumns(scores: readonly { instrument_id: string; dimension_id: string }[], latest: ReadonlyMap<string, Instrument>, language: Language): ScoreColumn[] {
  const seen = new Map<string, ScoreColumn & { rank: number }>();
  for (const score of scores) {
    const key = `${score.instrument_id}/${score.dimension_id}`;
    if (seen.has(key)) continue;
    const instrument = latest.get(score.instrument_id);
    const index = instrument?.dimensions.findIndex((d) => d.id === score.dimension_id) ?? -1;
    const dimension = index >= 0 ? instrument!.dimensions[index] : undefined;
    seen.set(key, { instrumentId: score.instrument_id, dimensionId: score.dimension_id, title: dimension ? textIn(dimension.title, language) : score.dimension_id, rank: index < 0 ? Number.MAX_SAFE_INTEGER : index });
  }
  return [...seen.values()]
    .sort((a, b) => a.instrumentId.localeCompare(b.instrumentId) || a.rank - b.rank || a.dimensionId.localeCompare(b.dimensionId))
    .map(({ instrumentId, dimensionId, title }) => ({ instrumentId, dimensionId, title }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** SQLite limits the parameters of one statement; firms are listed in bounded chunks. */
function* chunks<T>(items: readonly T[], size = 500): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
