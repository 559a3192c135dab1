import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientSummary } from '../../shared/clients/schema';
import { navigate, routeHref } from '../app/routes';

const ROW_HEIGHT = 56;

/** Only the rows in view are in the DOM, so ten thousand clients scroll as smoothly as ten. */
export function ClientTable({ clients }: { clients: ClientSummary[] }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: clients.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // jsdom and the first paint have no layout yet; assume a typical window so rows render at once.
    initialRect: { width: 1000, height: 640 },
  });

  return (
    <div className="client-table" role="table" aria-label={t('clients.title')} aria-rowcount={clients.length + 1}>
      <div role="rowgroup">
        <div className="client-row client-row-head" role="row" aria-rowindex={1}>
          <span role="columnheader">{t('clients.columns.name')}</span>
          <span role="columnheader">{t('clients.columns.town')}</span>
          <span role="columnheader">{t('clients.columns.region')}</span>
          <span role="columnheader">{t('clients.columns.sector')}</span>
          <span role="columnheader">{t('clients.columns.employees')}</span>
        </div>
      </div>
      <div className="client-table-body" ref={scrollRef} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const client = clients[item.index]!;
            return (
              <div
                key={client.id}
                className="client-row"
                role="row"
                aria-rowindex={item.index + 2}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => navigate({ name: 'client', id: client.id })}
              >
                <span role="cell" className="client-name">
                  <a href={routeHref({ name: 'client', id: client.id })} onClick={(event) => event.stopPropagation()} className={client.name ? undefined : 'erased-firm'}>
                    {client.name || t('office.erasedFirm')}
                  </a>
                </span>
                <span role="cell">{client.town}</span>
                <span role="cell">{client.region}</span>
                <span role="cell" className="sector-cell">
                  <span className="sector-code">{client.naceCode}</span>
                  {t(`sectors.${client.naceCode}`)}
                </span>
                <span role="cell">{t(`bands.employees.${client.employeeBand}`)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
