import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { UNKNOWN_ADVISER, type ParsedPortfolioFilter } from '../../../shared/portfolio/schema';
import type { LocalDatabase } from '../database/schema';

type Joined = LocalDatabase & { a: LocalDatabase['assessments']; c: LocalDatabase['companies']; ca: LocalDatabase['company_advisers'] };
export type PortfolioQuery = SelectQueryBuilder<Joined, 'a' | 'c' | 'ca', object>;

/** The adviser a firm's assessments count under: the hub's owner, or "unknown" on a laptop that was never told. */
export const adviserKey = sql<string>`coalesce(ca.adviser_id, ${UNKNOWN_ADVISER})`;

/**
 * The live assessments a filter selects, joined with their firm and adviser. Each visit counts
 * once: a superseded assessment never (the revision that replaced it does), and a draft revision
 * not until it is finalised, as the finalised original stays in force until then. Every view, list and export starts here, so
 * they always agree on which assessments a filter means.
 */
export function filteredAssessments(db: Kysely<LocalDatabase>, filter: ParsedPortfolioFilter): PortfolioQuery {
  let query = db
    .selectFrom('assessments as a')
    .innerJoin('companies as c', 'c.id', 'a.company_id')
    .leftJoin('company_advisers as ca', 'ca.company_id', 'c.id')
    .where('a.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where('a.status', 'in', filter.statuses.length > 0 ? filter.statuses : ['draft', 'finalised'])
    .where((eb) => eb.or([eb('a.revision_of', 'is', null), eb('a.status', '!=', 'draft')])) as unknown as PortfolioQuery;
  if (filter.kinds.length > 0) query = query.where('a.kind', 'in', filter.kinds);
  if (filter.regions.length > 0) query = query.where('c.region', 'in', filter.regions);
  if (filter.countries.length > 0) query = query.where('c.country', 'in', filter.countries);
  if (filter.naceCodes.length > 0) query = query.where('c.nace_code', 'in', filter.naceCodes);
  if (filter.employeeBands.length > 0) query = query.where('c.employee_band', 'in', filter.employeeBands);
  if (filter.adviserIds.length > 0) query = query.where(adviserKey, 'in', filter.adviserIds);
  if (filter.fromMonth) query = query.where(sql<string>`substr(a.visit_date, 1, 7)`, '>=', filter.fromMonth);
  if (filter.toMonth) query = query.where(sql<string>`substr(a.visit_date, 1, 7)`, '<=', filter.toMonth);
  const search = filter.search.trim();
  if (search) query = query.where(sql<boolean>`c.name like ${`%${escapeLike(search)}%`} escape '\\'`);
  return query;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The ids alone, for `where assessment_id in (…)` over the derived tables. */
export function filteredIds(db: Kysely<LocalDatabase>, filter: ParsedPortfolioFilter) {
  return filteredAssessments(db, filter).select('a.id');
}
