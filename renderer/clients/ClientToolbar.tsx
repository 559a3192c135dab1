import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientSortKeys, type ClientSortKey } from '../../shared/clients/schema';
import { naceCodes, type NaceCode } from '../../shared/clients/sectors';
import { useAppStore } from '../store/app-store';

// Search as the adviser types, but not on every keystroke of a fast typist.
const SEARCH_DELAY_MS = 150;

export function ClientToolbar() {
  const { t } = useTranslation();
  const query = useAppStore((s) => s.clientQuery);
  const setQuery = useAppStore((s) => s.setClientQuery);
  const [search, setSearch] = useState(query.search);

  // "Clear search" elsewhere on the page changes the query under this box.
  useEffect(() => setSearch(query.search), [query.search]);

  useEffect(() => {
    if (search === query.search) return undefined;
    const timer = setTimeout(() => void setQuery({ search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  return (
    <div className="toolbar" role="search">
      <div className="search-box">
        <span className="search-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          type="search"
          aria-label={t('clients.searchLabel')}
          placeholder={t('clients.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <label className="inline-field">
        <span>{t('clients.sectorFilter')}</span>
        <select
          value={query.naceCode ?? ''}
          onChange={(event) => void setQuery({ naceCode: (event.target.value || undefined) as NaceCode | undefined })}
        >
          <option value="">{t('clients.allSectors')}</option>
          {naceCodes.map((code) => (
            <option key={code} value={code}>
              {code} · {t(`sectors.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('clients.sortLabel')}</span>
        <select value={query.sort} onChange={(event) => void setQuery({ sort: event.target.value as ClientSortKey })}>
          {clientSortKeys.map((key) => (
            <option key={key} value={key}>
              {t(`clients.sort.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button-secondary direction"
        aria-label={t(`clients.direction.${query.direction}`)}
        title={t(`clients.direction.${query.direction}`)}
        onClick={() => void setQuery({ direction: query.direction === 'asc' ? 'desc' : 'asc' })}
      >
        {query.direction === 'asc' ? '↑' : '↓'}
      </button>
    </div>
  );
}
