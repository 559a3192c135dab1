import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n';
import { textIn } from '../../shared/instruments/text';
import { routeHref } from '../app/routes';
import { PageHeader } from '../layout/PageHeader';
import { useIsOffice } from '../office/use-office';
import { useApi, useAppStore } from '../store/app-store';
import { AssessmentsTable, PAGE_SIZE } from './AssessmentsTable';
import { ExportButtons } from './ExportButtons';
import { FilterBar } from './FilterBar';
import { isFiltered } from './portfolio-slice';
import { PortfolioViews } from './PortfolioViews';
import { useServiceCall } from './use-service-call';

function useInstrumentTitles(): (id: string) => string {
  const { i18n } = useTranslation();
  const api = useApi();
  const [titles, setTitles] = useState<Record<string, string>>({});
  useEffect(() => {
    void api.call('instruments.list', {}).then((result) => {
      if (result.ok) setTitles(Object.fromEntries(result.value.map((i) => [i.id, textIn(i.title, i18n.language)])));
    });
  }, [api, i18n.language]);
  return useCallback((id: string) => titles[id] ?? id, [titles]);
}

function Figure({ value, label }: { value: number; label: string }) {
  const { i18n } = useTranslation();
  return (
    <div className="figure">
      <span className="figure-value">{value.toLocaleString(i18n.language)}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

function NoAssessments() {
  const { t } = useTranslation();
  const office = useIsOffice();
  return (
    <div className="empty-state">
      <p className="empty-title">{t('portfolio.empty.title')}</p>
      {office ? (
        <p>
          {t('portfolio.empty.office')} <a href={routeHref({ name: 'publishing' })}>{t('portfolio.empty.importLink')}</a>
        </p>
      ) : (
        <p>{t('portfolio.empty.adviser')}</p>
      )}
    </div>
  );
}

/** The programme at a glance for the office, and an adviser's own firms for the adviser. */
export function PortfolioPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const office = useIsOffice();
  const programme = useAppStore((s) => s.syncStatus?.programmeName ?? null);
  const filter = useAppStore((s) => s.portfolioFilter);
  const sort = useAppStore((s) => s.portfolioSort);
  const page = useAppStore((s) => s.portfolioPage);
  const clear = useAppStore((s) => s.clearPortfolioFilter);
  const language = i18n.language as Language;
  const instrumentTitle = useInstrumentTitles();

  const options = useServiceCall('options', () => api.call('portfolio.options', {}));
  const summaryKey = JSON.stringify([filter, language]);
  const summary = useServiceCall(summaryKey, () => api.call('portfolio.summary', { filter, language }));
  const rows = useServiceCall(JSON.stringify([summaryKey, sort, page]), () =>
    api.call('portfolio.assessments', { filter, language, sort: sort.sort, direction: sort.direction, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
  );

  const portfolio = summary.data;
  const updating = (summary.slow || rows.slow) && portfolio !== null;
  return (
    <div className="page page-wide portfolio-page">
      <PageHeader
        title={t('portfolio.title')}
        subtitle={office ? t('portfolio.subtitleOffice', { programme: programme ?? t('portfolio.theProgramme') }) : t('portfolio.subtitleAdviser')}
      />
      <FilterBar options={options.data} />
      <p className="portfolio-status" role="status">
        {updating ? t('portfolio.updating') : ''}
      </p>
      {summary.error && (
        <div className="banner banner-error" role="alert">
          {t('portfolio.loadFailed', { message: summary.error })}{' '}
          <button type="button" className="button button-quiet" onClick={summary.retry}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {!portfolio && !summary.error && summary.slow && <p className="muted">{t('portfolio.loading')}</p>}
      {portfolio && portfolio.total === 0 && !isFiltered(filter) && <NoAssessments />}
      {portfolio && portfolio.total === 0 && isFiltered(filter) && (
        <div className="empty-state">
          <p>{t('portfolio.noMatches')}</p>
          <button type="button" className="button button-secondary" onClick={clear}>
            {t('portfolio.filter.clear')}
          </button>
        </div>
      )}
      {portfolio && portfolio.total > 0 && (
        <div className={updating ? 'portfolio-body updating' : 'portfolio-body'}>
          <div className="figures">
            <Figure value={portfolio.total} label={t('portfolio.figures.assessments', { count: portfolio.total })} />
            <Figure value={portfolio.firms} label={t('portfolio.figures.firms', { count: portfolio.firms })} />
            <Figure value={portfolio.uplift.firms} label={t('portfolio.figures.followedUp', { count: portfolio.uplift.firms })} />
          </div>
          <ExportButtons />
          <PortfolioViews portfolio={portfolio} instrumentTitle={instrumentTitle} />
          {rows.error && (
            <div className="banner banner-error" role="alert">
              {t('portfolio.table.loadFailed', { message: rows.error })}{' '}
              <button type="button" className="button button-quiet" onClick={rows.retry}>
                {t('common.retry')}
              </button>
            </div>
          )}
          {rows.data && <AssessmentsTable rows={rows.data.rows} total={rows.data.total} byAdviser={(options.data?.advisers.length ?? 0) > 1} />}
        </div>
      )}
    </div>
  );
}
