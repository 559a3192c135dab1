import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../app/routes';
import { PageHeader } from '../layout/PageHeader';
import { ReadOnlyNotice } from '../office/ReadOnlyNotice';
import { useIsOffice } from '../office/use-office';
import { useAppStore } from '../store/app-store';
import { ClientTable } from './ClientTable';
import { ClientToolbar } from './ClientToolbar';

export function ClientListPage() {
  const { t } = useTranslation();
  const clients = useAppStore((s) => s.clients);
  const status = useAppStore((s) => s.clientsStatus);
  const error = useAppStore((s) => s.clientsError);
  const query = useAppStore((s) => s.clientQuery);
  const loadClients = useAppStore((s) => s.loadClients);
  const setQuery = useAppStore((s) => s.setClientQuery);
  const office = useIsOffice();

  useEffect(() => {
    void loadClients();
  }, [loadClients]);

  const filtered = query.search !== '' || query.naceCode !== undefined;
  return (
    <div className="page page-list">
      <PageHeader
        title={t('clients.title')}
        subtitle={status === 'ready' ? t('clients.subtitle', { count: clients.length }) : undefined}
        actions={
          office ? (
            <ReadOnlyNotice />
          ) : (
            <a className="button button-primary" href={routeHref({ name: 'client-new' })}>
              + {t('clients.new')}
            </a>
          )
        }
      />
      <ClientToolbar />
      {status === 'error' && (
        <div className="banner banner-error" role="alert">
          {t('clients.loadFailed', { message: error })}{' '}
          <button type="button" className="button button-quiet" onClick={() => void loadClients()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {status === 'ready' && clients.length === 0 && (
        <div className="empty-state">
          {filtered ? (
            <>
              <p>{t('clients.noMatches', { search: query.search })}</p>
              <button type="button" className="button button-secondary" onClick={() => void setQuery({ search: '', naceCode: undefined })}>
                {t('clients.clearSearch')}
              </button>
            </>
          ) : (
            <p>{t('clients.empty')}</p>
          )}
        </div>
      )}
      {clients.length > 0 && <ClientTable clients={clients} />}
    </div>
  );
}
