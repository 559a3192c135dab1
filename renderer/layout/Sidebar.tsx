import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../shared/app/operations';
import { routeHref, type Route } from '../app/routes';
import { useApi } from '../store/app-store';
import { SyncStatusPanel } from '../sync/SyncStatusPanel';
import { useIsOffice } from '../office/use-office';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

export function Sidebar({ route }: { route: Route }) {
  const { t } = useTranslation();
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api.call('app.info', {}).then((result) => result.ok && setInfo(result.value));
  }, [api]);

  // The office works from the portfolio; an adviser from the clients, with the portfolio beside them.
  const office = useIsOffice();
  const onClients = !['settings', 'directories', 'conflicts', 'portfolio', 'publishing'].includes(route.name);
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
        {office && <NavLink route={{ name: 'portfolio' }} icon="▤" label={t('nav.portfolio')} current={route.name === 'portfolio'} />}
        <NavLink route={{ name: 'clients' }} icon="▦" label={t('nav.clients')} current={onClients} />
        {!office && <NavLink route={{ name: 'portfolio' }} icon="▤" label={t('nav.portfolio')} current={route.name === 'portfolio'} />}
        <NavLink route={{ name: 'directories' }} icon="☷" label={t('nav.directories')} current={route.name === 'directories'} />
        {office && <NavLink route={{ name: 'publishing' }} icon="⇪" label={t('nav.publishing')} current={route.name === 'publishing'} />}
        <NavLink route={{ name: 'settings' }} icon="⚙" label={t('nav.settings')} current={route.name === 'settings'} />
      </nav>
      <LanguageSwitch />
      <div className="sidebar-footer">
        <SyncStatusPanel />
        {info && <DeviceLine info={info} />}
      </div>
    </aside>
  );
}

function NavLink({ route, icon, label, current }: { route: Route; icon: string; label: string; current: boolean }) {
  return (
    <a className="nav-link" href={routeHref(route)} aria-current={current ? 'page' : undefined}>
      <span className="nav-icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </a>
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
