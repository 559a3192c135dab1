import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { employeeBands } from '../../shared/clients/sectors';
import { assessmentKinds, portfolioStatuses, type PortfolioOptions } from '../../shared/portfolio/schema';
import { useAppStore } from '../store/app-store';
import { FilterMenu } from './FilterMenu';
import { monthLabel } from './format';
import { isFiltered } from './portfolio-slice';

// Filter as the user types a firm's name, but not on every keystroke.
const SEARCH_DELAY_MS = 250;

/** Every portfolio view, the table and the exports follow this one filter. */
export function FilterBar({ options }: { options: PortfolioOptions | null }) {
  const { t } = useTranslation();
  const filter = useAppStore((s) => s.portfolioFilter);
  const setFilter = useAppStore((s) => s.setPortfolioFilter);
  const clear = useAppStore((s) => s.clearPortfolioFilter);
  const [search, setSearch] = useState(filter.search);

  // "Clear filters" changes the search under this box.
  useEffect(() => setSearch(filter.search), [filter.search]);
  useEffect(() => {
    if (search === filter.search) return undefined;
    const timer = setTimeout(() => setFilter({ search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filter.search, setFilter]);

  const months = options?.months ?? [];
  const advisers = options?.advisers ?? [];
  return (
    <div className="filter-bar" role="search" aria-label={t('portfolio.filter.label')}>
      <div className="search-box">
        <span className="search-icon" aria-hidden="true">
          ⌕
        </span>
        <input type="search" aria-label={t('portfolio.filter.search')} placeholder={t('portfolio.filter.searchPlaceholder')} value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      <FilterMenu
        label={t('portfolio.filter.status')}
        options={portfolioStatuses.map((value) => ({ value, label: t(`assessments.status.${value}`) }))}
        selected={filter.statuses}
        onChange={(statuses) => setFilter({ statuses })}
      />
      <FilterMenu
        label={t('portfolio.filter.kind')}
        options={assessmentKinds.map((value) => ({ value, label: t(`assessments.kind.${value}`) }))}
        selected={filter.kinds}
        onChange={(kinds) => setFilter({ kinds })}
      />
      {advisers.length > 1 && (
        <FilterMenu
          label={t('portfolio.filter.adviser')}
          options={advisers.map((adviser) => ({ value: adviser.id, label: adviser.name }))}
          selected={filter.adviserIds}
          onChange={(adviserIds) => setFilter({ adviserIds })}
        />
      )}
      <FilterMenu
        label={t('portfolio.filter.region')}
        options={(options?.regions ?? []).map((value) => ({ value, label: value }))}
        selected={filter.regions}
        onChange={(regions) => setFilter({ regions })}
      />
      <FilterMenu
        label={t('portfolio.filter.country')}
        options={(options?.countries ?? []).map((value) => ({ value, label: t(`countries.${value}`) }))}
        selected={filter.countries}
        onChange={(countries) => setFilter({ countries })}
      />
      <FilterMenu
        label={t('portfolio.filter.sector')}
        options={(options?.naceCodes ?? []).map((value) => ({ value, label: `${value} · ${t(`sectors.${value}`)}` }))}
        selected={filter.naceCodes}
        onChange={(naceCodes) => setFilter({ naceCodes })}
      />
      <FilterMenu
        label={t('portfolio.filter.size')}
        options={employeeBands.map((value) => ({ value, label: t(`bands.employees.${value}`) }))}
        selected={filter.employeeBands}
        onChange={(bands) => setFilter({ employeeBands: bands })}
      />
      <MonthSelect label={t('portfolio.filter.from')} value={filter.fromMonth} months={months} onChange={(fromMonth) => setFilter({ fromMonth })} />
      <MonthSelect label={t('portfolio.filter.to')} value={filter.toMonth} months={months} onChange={(toMonth) => setFilter({ toMonth })} />
      {isFiltered(filter) && (
        <button type="button" className="button button-quiet" onClick={clear}>
          {t('portfolio.filter.clear')}
        </button>
      )}
    </div>
  );
}

function MonthSelect({ label, value, months, onChange }: { label: string; value: string | null; months: readonly string[]; onChange(month: string | null): void }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="filter-select">
      <span className="filter-menu-label">{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{t('portfolio.filter.anyMonth')}</option>
        {months.map((month) => (
          <option key={month} value={month}>
            {monthLabel(month, i18n.language)}
          </option>
        ))}
      </select>
    </label>
  );
}
