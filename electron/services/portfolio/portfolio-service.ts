import { sql, type Kysely } from 'kysely';
import type { TFunction } from 'i18next';
import type { ParsedInput, OperationOutput } from '../../../shared/api/contract';
import { createI18n, type Language } from '../../../shared/i18n';
import type { Instrument } from '../../../shared/instruments/schema';
import { barrierIds } from '../../../shared/instruments/schema';
import { employeeBands } from '../../../shared/clients/sectors';
import { textIn } from '../../../shared/instruments/text';
import {
  UNKNOWN_ADVISER,
  type Count,
  type DimensionDistribution,
  type DimensionUplift,
  type ParsedPortfolioFilter,
  type Portfolio,
  type PortfolioRow,
  type StepFrequency,
} from '../../../shared/portfolio/schema';
import { roundToStep } from '../../../shared/scoring/scoring';
import type { LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';
import type { CatalogueStore } from '../roadmap/catalogue-store';
import { adviserKey, filteredAssessments, filteredIds } from './portfolio-filter';
import { refreshScores } from './score-cache';

export interface PortfolioDependencies {
  instruments: InstrumentStore;
  catalogues: CatalogueStore;
  /** Who "unknown" is: on an adviser's laptop every firm is the adviser's own, and the hub never names them. */
  localAdviserName: () => Promise<string | null>;
}

/** How many stepping stones each of "most recommended" and "most completed" lists. */
const TOP_STEPS = 15;

/**
 * The programme's portfolio, computed in SQL over the derived score tables so that thousands of
 * assessments filter at once: every view takes the same filter through `filteredAssessments`.
 */
export class PortfolioService {
  private readonly translators = new Map<Language, TFunction>();

  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly deps: PortfolioDependencies,
  ) {}

  async options(): Promise<OperationOutput<'portfolio.options'>> {
    const everything = filteredAssessments(this.db, emptyFilter);
    const distinct = async (column: 'c.region' | 'c.country' | 'c.nace_code') =>
      (await everything.select(sql<string>`${sql.ref(column)}`.as('value')).distinct().orderBy('value').execute()).map((row) => row.value);
    const months = await everything.select(sql<string>`substr(a.visit_date, 1, 7)`.as('value')).distinct().orderBy('value', 'desc').execute();
    const adviserIds = await everything.select(adviserKey.as('value')).distinct().execute();
    const names = await this.adviserNames();
    return {
      advisers: adviserIds
        .map((row) => ({ id: row.value, name: names.get(row.value) ?? row.value }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      regions: await distinct('c.region'),
      countries: (await distinct('c.country')) as OperationOutput<'portfolio.options'>['countries'],
      naceCodes: (await distinct('c.nace_code')) as OperationOutput<'portfolio.options'>['naceCodes'],
      months: months.map((row) => row.value),
    };
  }

  async summary({ filter, language }: ParsedInput<'portfolio.summary'>): Promise<Portfolio> {
    await refreshScores(this.db, this.deps.instruments);
    const t = this.translator(language);
    const names = await this.adviserNames();
    const monthFormat = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    // One transaction: the selection is a temporary table on the one connection, and a second
    // summary must not refill it half-way through this one.
    return this.db.transaction().execute(async (trx) => {
      const maturityInstruments = await this.maturityInstruments(trx);
      const facts = await filteredAssessments(trx, filter)
        .select([
          'a.company_id as companyId',
          'a.status as status',
          adviserKey.as('adviser'),
          'c.region as region',
          'c.nace_code as sector',
          'c.employee_band as sizeBand',
          sql<string>`substr(a.visit_date, 1, 7)`.as('month'),
        ])
        .execute();
      await sql`create temp table if not exists portfolio_selection (id text primary key)`.execute(trx);
      await sql`delete from temp.portfolio_selection`.execute(trx);
      await sql`insert into temp.portfolio_selection select id from ${filteredIds(trx, filter)} as chosen`.execute(trx);

      const countBy = (key: keyof (typeof facts)[number], label: (key: string) => string, order: 'count' | 'key' | readonly string[] = 'count'): Count[] => {
        const counts = new Map<string, number>();
        for (const fact of facts) counts.set(fact[key], (counts.get(fact[key]) ?? 0) + 1);
        const list = [...counts].map(([value, count]) => ({ key: value, label: label(value), count }));
        if (order === 'key') return list.sort((x, y) => x.key.localeCompare(y.key));
        if (Array.isArray(order)) return list.sort((x, y) => order.indexOf(x.key) - order.indexOf(y.key));
        return list.sort((x, y) => y.count - x.count || x.label.localeCompare(y.label));
      };
      return {
        total: facts.length,
        firms: new Set(facts.map((fact) => fact.companyId)).size,
        counts: {
          status: countBy('status', (key) => t(`assessments.status.${key}`), 'key'),
          adviser: countBy('adviser', (key) => names.get(key) ?? key),
          region: countBy('region', (key) => key),
          sector: countBy('sector', (key) => `${key} ${t(`sectors.${key}`)}`),
          sizeBand: countBy('sizeBand', (key) => t(`bands.employees.${key}`), employeeBands),
          month: countBy('month', (key) => monthFormat.format(new Date(`${key}-01T00:00:00Z`)), 'key'),
        },
        maturity: await this.maturity(trx, maturityInstruments, language),
        uplift: await this.uplift(trx, maturityInstruments, filter, language),
        barriers: await this.barriers(trx, t),
        steps: await this.steps(trx, language),
      };
    });
  }

  async assessments({ filter, language, sort, direction, offset, limit }: ParsedInput<'portfolio.assessments'>): Promise<OperationOutput<'portfolio.assessments'>> {
    await refreshScores(this.db, this.deps.instruments);
    const maturityIds = (await this.maturityInstruments()).map((instrument) => instrument.id);
    const selected = filteredAssessments(this.db, filter);
    const { total } = await selected.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const maturity = maturityIds.length === 0
      ? sql<number | null>`null`
      : sql<number | null>`(select avg(score) from assessment_scores s where s.assessment_id = a.id and s.instrument_id in (${sql.join(maturityIds)}))`;
    const order = {
      visitDate: sql`a.visit_date`,
      firm: sql`c.name collate nocase`,
      region: sql`c.region collate nocase`,
      adviser: sql`coalesce(adv.name, '') collate nocase`,
      status: sql`a.status`,
      maturity: sql`maturity`,
    }[sort];
    const rows = await selected
      .leftJoin('advisers as adv', (join) => join.on(sql`adv.id`, '=', sql`ca.adviser_id`))
      .leftJoin('erasures as e', 'e.company_id', 'c.id')
      .select([
        'a.id as assessmentId',
        'a.company_id as companyId',
        'c.name as firm',
        sql<number>`e.company_id is not null`.as('erased'),
        'c.consent_to_share as consent',
        'c.region',
        'c.country',
        'c.nace_code as naceCode',
        'c.employee_band as employeeBand',
        adviserKey.as('adviserId'),
        'a.kind',
        'a.status',
        'a.visit_date as visitDate',
        maturity.as('maturity'),
      ])
      .orderBy(order, direction)
      .orderBy('a.visit_date', 'desc')
      .orderBy('a.id')
      .offset(offset)
      .limit(limit)
      .execute();
    const names = await this.adviserNames();
    return {
      total,
      rows: rows.map(
        (row): PortfolioRow => ({
          assessmentId: row.assessmentId,
          companyId: row.companyId,
          firm: row.firm,
          erased: row.erased === 1,
          consentToShare: row.consent === 1,
          region: row.region,
          country: row.country as PortfolioRow['country'],
          naceCode: row.naceCode as PortfolioRow['naceCode'],
          employeeBand: row.employeeBand as PortfolioRow['employeeBand'],
          adviserId: row.adviserId,
          adviser: names.get(row.adviserId) ?? row.adviserId,
          kind: row.kind as PortfolioRow['kind'],
          status: row.status as PortfolioRow['status'],
          visitDate: row.visitDate,
          maturity: row.maturity === null ? null : roundToStep(row.maturity, 0.1),
        }),
      ),
    };
  }

  /** Per dimension of each maturity instrument: how many assessments fall in each band, and the mean. */
  private async maturity(db: Kysely<LocalDatabase>, instruments: readonly Instrument[], language: Language): Promise<DimensionDistribution[]> {
    const rows = await db
      .selectFrom('assessment_scores')
      .select(['instrument_id', 'dimension_id', 'band_id', sql<number>`count(*)`.as('count'), sql<number>`sum(score)`.as('sum')])
      .where('assessment_id', 'in', selection)
      .where('score', 'is not', null)
      .groupBy(['instrument_id', 'dimension_id', 'band_id'])
      .execute();
    const distributions: DimensionDistribution[] = [];
    for (const instrument of instruments) {
      for (const dimension of instrument.dimensions) {
        const found = rows.filter((row) => row.instrument_id === instrument.id && row.dimension_id === dimension.id);
        const scored = found.reduce((sum, row) => sum + row.count, 0);
        distributions.push({
          instrumentId: instrument.id,
          dimensionId: dimension.id,
          dimension: textIn(dimension.title, language),
          bands: instrument.bands.map((band) => ({
            bandId: band.id,
            label: textIn(band.label, language),
            count: found.filter((row) => row.band_id === band.id).reduce((sum, row) => sum + row.count, 0),
          })),
          mean: scored === 0 ? null : roundToStep(found.reduce((sum, row) => sum + row.sum, 0) / scored, 0.1),
          scored,
        });
      }
    }
    return distributions;
  }

  /**
   * For each firm whose follow-up the filter selects, its latest finalised follow-up against the
   * baseline that follow-up was measured from, or the finalised revision that replaced that
   * baseline; a dimension counts where both were scored. A filter that leaves out finalised
   * follow-ups leaves nothing to measure.
   */
  private async uplift(db: Kysely<LocalDatabase>, instruments: readonly Instrument[], filter: ParsedPortfolioFilter, language: Language): Promise<Portfolio['uplift']> {
    const none = { firms: 0, dimensions: [] };
    if (filter.kinds.length > 0 && !filter.kinds.includes('follow-up')) return none;
    if (filter.statuses.length > 0 && !filter.statuses.includes('finalised')) return none;
    const followUps = filteredAssessments(db, { ...filter, statuses: ['finalised'], kinds: ['follow-up'] })
      .innerJoin('assessments as b', 'b.id', 'a.baseline_id')
      .where('b.deleted_at', 'is', null)
      .where('b.status', '!=', 'draft')
      .select(['a.id as followUpId', 'b.id as baselineId', 'a.company_id as companyId'])
      .orderBy('a.visit_date', 'desc')
      .orderBy('a.id');
    const replacedBy = new Map(
      (
        await db
          .selectFrom('assessments')
          .select(['id', 'revision_of'])
          .where('revision_of', 'is not', null)
          .where('status', '!=', 'draft')
          .where('deleted_at', 'is', null)
          .execute()
      ).map((row) => [row.revision_of!, row.id]),
    );
    const current = (id: string): string => {
      const seen = new Set<string>();
      while (replacedBy.has(id) && !seen.has(id)) {
        seen.add(id);
        id = replacedBy.get(id)!;
      }
      return id;
    };
    const latest = new Map<string, { followUpId: string; baselineId: string }>();
    for (const row of await followUps.execute()) {
      if (!latest.has(row.companyId)) latest.set(row.companyId, { followUpId: row.followUpId, baselineId: current(row.baselineId) });
    }
    if (latest.size === 0) return none;

    const pairs = [...latest.values()];
    const scores = new Map<string, number>();
    for (let at = 0; at < pairs.length; at += 1000) {
      const chunk = pairs.slice(at, at + 1000).flatMap((pair) => [pair.followUpId, pair.baselineId]);
      const rows = await db
        .selectFrom('assessment_scores')
        .select(['assessment_id', 'instrument_id', 'dimension_id', 'score'])
        .where('assessment_id', 'in', chunk)
        .where('score', 'is not', null)
        .execute();
      for (const row of rows) scores.set(`${row.assessment_id} ${row.instrument_id} ${row.dimension_id}`, row.score!);
    }
    const dimensions: DimensionUplift[] = [];
    for (const instrument of instruments) {
      for (const dimension of instrument.dimensions) {
        let before = 0;
        let after = 0;
        let count = 0;
        for (const pair of pairs) {
          const baseline = scores.get(`${pair.baselineId} ${instrument.id} ${dimension.id}`);
          const followUp = scores.get(`${pair.followUpId} ${instrument.id} ${dimension.id}`);
          if (baseline === undefined || followUp === undefined) continue;
          before += baseline;
          after += followUp;
          count += 1;
        }
        if (count === 0) continue;
        dimensions.push({
          instrumentId: instrument.id,
          dimensionId: dimension.id,
          dimension: textIn(dimension.title, language),
          baselineMean: roundToStep(before / count, 0.1),
          followUpMean: roundToStep(after / count, 0.1),
          change: roundToStep(after / count - before / count, 0.1),
          pairs: count,
        });
      }
    }
    return { firms: latest.size, dimensions };
  }

  private async barriers(db: Kysely<LocalDatabase>, t: TFunction): Promise<Portfolio['barriers']> {
    const rows = await db
      .selectFrom('assessment_barriers')
      .select([
        'barrier_id',
        sql<number>`count(*)`.as('rated'),
        sql<number>`sum(rating >= 2)`.as('significant'),
        sql<number>`avg(rating)`.as('mean'),
      ])
      .where('assessment_id', 'in', selection)
      .groupBy('barrier_id')
      .execute();
    return barrierIds
      .map((barrierId) => {
        const row = rows.find((r) => r.barrier_id === barrierId);
        return {
          barrierId,
          label: t(`barriers.${barrierId}`),
          significant: row?.significant ?? 0,
          rated: row?.rated ?? 0,
          meanRating: row ? Math.round(row.mean * 100) / 100 : null,
        };
      })
      .sort((a, b) => b.significant - a.significant || (b.meanRating ?? 0) - (a.meanRating ?? 0));
  }

  /** Counted per firm, so a step carried from baseline to follow-up counts once. */
  private async steps(db: Kysely<LocalDatabase>, language: Language): Promise<Portfolio['steps']> {
    const catalogue = await this.deps.catalogues.current(db);
    const titles = new Map(catalogue.steps.map((step) => [step.id, textIn(step.title, language)]));
    const top = async (doneOnly: boolean): Promise<StepFrequency[]> => {
      let query = db
        .selectFrom('roadmap_steps as s')
        .innerJoin('assessments as a', 'a.id', 's.assessment_id')
        .select(['s.catalogue_step_id as stepId', sql<string>`max(s.title)`.as('title'), sql<number>`count(distinct a.company_id)`.as('count')])
        .where('s.assessment_id', 'in', selection)
        .where('s.deleted_at', 'is', null)
        .where('s.catalogue_step_id', 'is not', null);
      if (doneOnly) query = query.where('s.status', '=', 'done');
      const rows = await query.groupBy('s.catalogue_step_id').orderBy('count', 'desc').orderBy('s.catalogue_step_id').limit(TOP_STEPS).execute();
      return rows.map((row) => ({ stepId: row.stepId!, title: titles.get(row.stepId!) ?? row.title, count: row.count }));
    };
    return { recommended: await top(false), completed: await top(true) };
  }

  /** The newest version of each maturity instrument that any assessment on the device used. */
  private async maturityInstruments(db: Kysely<LocalDatabase> = this.db): Promise<Instrument[]> {
    const used = await db.selectFrom('assessment_instruments').select('instrument_id').distinct().where('deleted_at', 'is', null).execute();
    const found: Instrument[] = [];
    for (const { instrument_id } of used) {
      const instrument = await this.deps.instruments.get(instrument_id, undefined, db);
      if (instrument.kind === 'maturity') found.push(instrument);
    }
    return found.sort((a, b) => a.id.localeCompare(b.id));
  }

  private async adviserNames(): Promise<Map<string, string>> {
    const names = new Map((await this.db.selectFrom('advisers').select(['id', 'name']).execute()).map((row) => [row.id, row.name]));
    names.set(UNKNOWN_ADVISER, (await this.deps.localAdviserName()) ?? '—');
    return names;
  }

  private translator(language: Language): TFunction {
    let t = this.translators.get(language);
    if (!t) {
      t = createI18n(language).t;
      this.translators.set(language, t);
    }
    return t;
  }
}

const emptyFilter: ParsedPortfolioFilter = {
  statuses: [],
  kinds: [],
  adviserIds: [],
  regions: [],
  countries: [],
  naceCodes: [],
  employeeBands: [],
  fromMonth: null,
  toMonth: null,
  search: '',
};

/** The assessments the running summary covers, filled at its start. */
const selection = sql<string>`(select id from temp.portfolio_selection)`;
