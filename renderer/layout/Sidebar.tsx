import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../shared/app/operations';
import { routeHref, type Route } from '../app/routes';
import { useApi } from '../store/app-store';
import { SyncStatusPanel } from '../sync/SyncStatusPanel';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

export function Sidebar({ route }: { route: Route }) {
  const { t } = useTranslation();
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api.call('app.info', {}).then((result) => result.ok && setInfo(result.value));
  }, [api]);

  const onClients = route.name !== 'settings' && route.name !== 'directories' && route.name !== 'conflicts';
  return (
    <aside className="sidebar">
      <div className="brand">
        <Logo />
        <div>
          <div className="brand-name">{t('app.name')}</div>
          <div className="brand-tagline">{t('app.tagline')}</div>
        </div>
      </div>
      <nav aria-label={t('nav.main')}>
        <a className="nav-link" href={routeHref({ name: 'clients' })} aria-current={onClients ? 'page' : undefined}>
          <span className="nav-icon" aria-hidden="true">
            ▦
          </span>
          {t('nav.clients')}
        </a>
        <a className="nav-link" href={routeHref({ name: 'directories' })} aria-current={route.name === 'directories' ? 'page' : undefined}>
          <span className="nav-icon" aria-hidden="true">
            ☷
          </span>
          {t('nav.directories')}
        </a>
        <a className="nav-link" href={routeHref({ name: 'settings' })} aria-current={route.name === 'settings' ? 'page' : undefined}>
          <span className="nav-icon" aria-hidden="true">
            ⚙
          </span>
          {t('nav.settings')}
        </a>
      </nav>
      <LanguageSwitch />
      <div className="sidebar-footer">
        <SyncStatusPanel />
        {info && <DeviceLine info={info} />}
      </div>
    </aside>
  );
}

/** Which laptop and which version, for when the programme office helps over the phone. */
function DeviceLine({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  return (
    <div className="device-line">
      {t('app.device', { id: info.deviceId.slice(0, 8) })} · v{info.version}
    </div>
  );
}
