import type { Kysely } from 'kysely';
import type { Instrument } from '../../../shared/instruments/schema';
import type { Catalogue } from '../../../shared/roadmap/catalogue-schema';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { LocalDatabase } from '../database/schema';
import type { SyncClock } from '../sync/sync-clock';
import { generatedAnswers } from './demo-assessments';
import { generateClients } from './demo-clients';
import { mulberry32 } from './random';

export interface DemoPortfolioOptions {
  /** How many assessments; about two in five firms get a follow-up as well as a baseline. */
  assessments: number;
  instruments: readonly Instrument[];
  catalogue: Catalogue;
  seed?: number;
}

const ADVISERS = ['Ana Petersen', 'Björn Lindqvist', 'Claire Hughes', 'Dara Walsh', 'Erik Nielsen', 'Freya Johansson'];
const STATUSES = ['planned', 'in-progress', 'done', 'done', 'dropped'] as const;

/**
 * A programme office's portfolio in one go: firms of several advisers with baselines, follow-ups,
 * answers and roadmaps, written straight into the tables as a sync would leave them (no outbox: the
 * office did not write them). For benchmarks and for trying the portfolio with realistic volume.
 */
export async function seedDemoPortfolio(db: Kysely<LocalDatabase>, clock: SyncClock, options: DemoPortfolioOptions): Promise<{ firms: number; assessments: number }> {
  const random = mulberry32(options.seed ?? 7);
  // At most one firm per assessment; the loop stops once enough visits are written.
  const clients = generateClients(options.assessments, options.seed ?? 7);
  const used = options.instruments.filter((i) => i.id === 'digital-maturity' || i.id === 'stepping-stones');
  const stepIds = options.catalogue.steps.map((step) => step.id);
  let written = 0;
  let firmCount = 0;

  const adviserIds = ADVISERS.map(() => uuidv7());
  await db.transaction().execute(async (trx) => {
    const hlc = await clock.stamp(trx);
    const synced = (createdAt: string) => ({ created_at: createdAt, updated_at: hlc, updated_by: clock.deviceId, deleted_at: null });
    await trx.insertInto('advisers').values(ADVISERS.map((name, i) => ({ id: adviserIds[i]!, name }))).onConflict((oc) => oc.doNothing()).execute();

    const rows = { answers: [] as LocalDatabase['answers'][], links: [] as LocalDatabase['assessment_instruments'][], steps: [] as LocalDatabase['roadmap_steps'][] };
    const flush = async (force: boolean) => {
      if (!force && rows.answers.length < 4000) return;
      for (let at = 0; at < rows.answers.length; at += 2500) await trx.insertInto('answers').values(rows.answers.slice(at, at + 2500)).execute();
      for (let at = 0; at < rows.links.length; at += 2500) await trx.insertInto('assessment_instruments').values(rows.links.slice(at, at + 2500)).execute();
      for (let at = 0; at < rows.steps.length; at += 1200) await trx.insertInto('roadmap_steps').values(rows.steps.slice(at, at + 1200)).execute();
      rows.answers = [];
      rows.links = [];
      rows.steps = [];
    };

    const visit = async (companyId: string, kind: 'baseline' | 'follow-up', baselineId: string | null, date: string, maturity: number, seed: number, status: 'draft' | 'finalised') => {
      const id = uuidv7();
      const createdAt = `${date}T09:00:00.000Z`;
      await trx
        .insertInto('assessments')
        .values({ id, company_id: companyId, kind, baseline_id: baselineId, revision_of: null, status, visit_date: date, people_present: 'Managing director; production manager', report_language: 'en', finalised_at: status === 'finalised' ? `${date}T15:00:00.000Z` : null, ...synced(createdAt) })
        .execute();
      for (const [position, instrument] of used.entries()) {
        rows.links.push({ id: uuidv7(), assessment_id: id, instrument_id: instrument.id, instrument_version: instrument.version, position, ...synced(createdAt) });
        for (const answer of generatedAnswers(instrument, maturity, seed + position)) {
          rows.answers.push({
            id: uuidv7(),
            assessment_id: id,
            instrument_id: instrument.id,
            question_id: answer.questionId,
            value: JSON.stringify(answer.value),
            not_applicable: 0,
            note: random() < 0.05 ? 'Discussed with the production manager' : '',
            flagged: 0,
            ...synced(createdAt),
          });
        }
      }
      const stepCount = 4 + Math.floor(random() * 5);
      for (let position = 0; position < stepCount; position += 1) {
        rows.steps.push({
          id: uuidv7(),
          assessment_id: id,
          catalogue_step_id: stepIds[Math.floor(random() * random() * stepIds.length)]!,
          catalogue_version: options.catalogue.version,
          origin: 'generated',
          horizon: position < 2 ? 'now' : position < 5 ? 'next' : 'later',
          position,
          title: null,
          description: null,
          effort_days: null,
          cost_band: null,
          kpi: null,
          owner: '',
          target_month: null,
          status: kind === 'follow-up' ? STATUSES[Math.floor(random() * STATUSES.length)]! : null,
          carried_from: null,
          edited: 0,
          pinned: 0,
          why: '[]',
          enabler: null,
          ...synced(createdAt),
        });
      }
      written += 1;
      await flush(false);
      return id;
    };

    for (const [index, client] of clients.entries()) {
      if (written >= options.assessments) break;
      const companyId = uuidv7();
      firmCount += 1;
      const consent = random() < 0.7;
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 27);
      const created = `2025-${pad(month)}-${pad(day)}`;
      await trx
        .insertInto('companies')
        .values({
          id: companyId,
          name: client.name,
          registration_number: client.registrationNumber ?? '',
          nace_code: client.naceCode,
          employee_band: client.employeeBand,
          turnover_band: client.turnoverBand,
          street: client.street ?? '',
          town: client.town,
          postcode: client.postcode ?? '',
          region: client.region,
          country: client.country,
          consent_to_share: consent ? 1 : 0,
          consent_date: consent ? created : null,
          ...synced(`${created}T08:00:00.000Z`),
        })
        .execute();
      await trx.insertInto('contacts').values({ id: uuidv7(), company_id: companyId, position: 0, name: `Contact ${index + 1}`, role: 'Owner', email: `owner${index + 1}@example.com`, phone: '', ...synced(`${created}T08:00:00.000Z`) }).execute();
      await trx.insertInto('company_advisers').values({ company_id: companyId, adviser_id: adviserIds[index % adviserIds.length]! }).execute();

      const maturity = 0.15 + random() * 0.6;
      const baselineId = await visit(companyId, 'baseline', null, created, maturity, index * 13, random() < 0.92 ? 'finalised' : 'draft');
      if (written < options.assessments && random() < 0.4) {
        const later = `2026-${pad(1 + Math.floor(random() * 10))}-${pad(day)}`;
        await visit(companyId, 'follow-up', baselineId, later, Math.min(1, maturity + 0.05 + random() * 0.2), index * 29, random() < 0.85 ? 'finalised' : 'draft');
      }
    }
    await flush(true);
  });
  return { firms: firmCount, assessments: written };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
