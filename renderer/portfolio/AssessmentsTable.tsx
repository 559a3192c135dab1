import { useTranslation } from 'react-i18next';
import type { PortfolioRow } from '../../shared/portfolio/schema';
import { navigate, routeHref } from '../app/routes';
import { StatusBadge } from '../assessments/StatusBadge';
import { useAppStore } from '../store/app-store';
import { decimal } from './format';
import type { PortfolioSortKey } from './portfolio-slice';

export const PAGE_SIZE = 100;

type Column = { id: string; sort?: PortfolioSortKey; numeric?: boolean };
const columns: Column[] = [
  { id: 'firm', sort: 'firm' },
  { id: 'region', sort: 'region' },
  { id: 'sector' },
  { id: 'adviser', sort: 'adviser' },
  { id: 'kind' },
  { id: 'status', sort: 'status' },
  { id: 'visitDate', sort: 'visitDate' },
  { id: 'maturity', sort: 'maturity', numeric: true },
];

function SortableHeader({ column }: { column: Column }) {
  const { t } = useTranslation();
  const sort = useAppStore((s) => s.portfolioSort);
  const setSort = useAppStore((s) => s.setPortfolioSort);
  const label = t(`portfolio.table.${column.id}`);
  if (!column.sort) return <th scope="col">{label}</th>;
  const current = sort.sort === column.sort;
  const next = current && sort.direction === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" className={column.numeric ? 'num' : undefined} aria-sort={current ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => setSort({ sort: column.sort!, direction: current ? next : column.sort === 'visitDate' || column.sort === 'maturity' ? 'desc' : 'asc' })}>
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {current ? (sort.direction === 'asc' ? '↑' : '↓') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** One page of the filtered assessments; a row opens its firm. An adviser's own portfolio has no adviser column. */
export function AssessmentsTable({ rows, total, byAdviser }: { rows: PortfolioRow[]; total: number; byAdviser: boolean }) {
  const { t, i18n } = useTranslation();
  const page = useAppStore((s) => s.portfolioPage);
  const setPage = useAppStore((s) => s.setPortfolioPage);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'medium' });

  return (
    <section className="card assessments-card" aria-labelledby="portfolio-assessments">
      <div className="card-heading">
        <h2 id="portfolio-assessments">{t('portfolio.table.title')}</h2>
        <span className="muted">
          {t('portfolio.table.range', { from: total === 0 ? 0 : page * PAGE_SIZE + 1, to: Math.min(total, (page + 1) * PAGE_SIZE), total })}
        </span>
      </div>
      <div className="table-scroll">
        <table className="data-table portfolio-table" aria-labelledby="portfolio-assessments">
          <thead>
            <tr>
              {columns
                .filter((column) => byAdviser || column.id !== 'adviser')
                .map((column) => (
                  <SortableHeader key={column.id} column={column} />
                ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const href = routeHref({ name: 'client', id: row.companyId });
              return (
                <tr key={row.assessmentId} className="clickable-row" onClick={() => navigate({ name: 'client', id: row.companyId })}>
                  <th scope="row">
                    <a href={href} onClick={(event) => event.stopPropagation()} className={row.erased ? 'erased-firm' : undefined}>
                      {row.erased ? t('office.erasedFirm') : row.firm}
                    </a>
                  </th>
                  <td>{row.region}</td>
                  <td>
                    <span className="sector-code">{row.naceCode}</span>
                    {t(`sectors.${row.naceCode}`)}
                  </td>
                  {byAdviser && <td>{row.adviser}</td>}
                  <td className="nowrap">{t(`assessments.kind.${row.kind}`)}</td>
                  <td className="nowrap">
                    <StatusBadge status={row.status} />
                  </td>
                  <td className="nowrap">{date(row.visitDate)}</td>
                  <td className="num">{row.maturity === null ? t('common.none') : decimal(row.maturity, i18n.language, 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label={t('portfolio.table.pages')}>
          <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ← {t('portfolio.table.previous')}
          </button>
          <span>{t('portfolio.table.page', { page: page + 1, pages })}</span>
          <button type="button" className="button button-secondary" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            {t('portfolio.table.next')} →
          </button>
        </nav>
      )}
    </section>
  );
}
