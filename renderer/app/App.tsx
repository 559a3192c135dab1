import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { onShellEvent } from '../api/transport';
import { AssessmentPage } from '../assessments/AssessmentPage';
import { NewAssessmentPage } from '../assessments/NewAssessmentPage';
import { ClientDetailPage } from '../clients/ClientDetailPage';
import { ClientFormPage } from '../clients/ClientFormPage';
import { ClientListPage } from '../clients/ClientListPage';
import { SettingsPage } from '../settings/SettingsPage';
import { DirectoriesPage } from '../directories/DirectoriesPage';
import { ConflictsPage } from '../sync/ConflictsPage';
import { PublishingPage } from '../office/PublishingPage';
import { ReadOnlyPage } from '../office/ReadOnlyPage';
import { useIsOffice } from '../office/use-office';
import { useAppStore } from '../store/app-store';
import { PortfolioPage } from '../portfolio/PortfolioPage';
import { Sidebar } from '../layout/Sidebar';
import { Toasts } from '../layout/Toasts';
import { navigate, useRoute, type Route } from './routes';

function Screen({ route }: { route: Route }) {
  const office = useIsOffice();
  switch (route.name) {
    case 'clients':
      return <ClientListPage />;
    case 'client-new':
      return office ? <ReadOnlyPage back={{ name: 'clients' }} /> : <ClientFormPage />;
    case 'client':
      return <ClientDetailPage clientId={route.id} />;
    case 'client-edit':
      return office ? <ReadOnlyPage back={{ name: 'client', id: route.id }} /> : <ClientFormPage key={route.id} clientId={route.id} />;
    case 'assessment-new':
      return office ? <ReadOnlyPage back={{ name: 'client', id: route.clientId }} /> : <NewAssessmentPage clientId={route.clientId} />;
    case 'assessment':
      return <AssessmentPage assessmentId={route.id} step={route.step} />;
    case 'settings':
      return <SettingsPage />;
    case 'directories':
      return <DirectoriesPage />;
    case 'conflicts':
      return <ConflictsPage />;
    case 'portfolio':
      return <PortfolioPage />;
    case 'publishing':
      return <PublishingPage />;
  }
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const office = useIsOffice();
  const roleKnown = useAppStore((s) => s.syncStatus !== null);
  // The office lands on the portfolio, unless the window opened on a particular screen or the user
  // went to one before the role was known.
  const landed = useRef(false);
  useEffect(() => {
    if (!roleKnown || landed.current) return;
    landed.current = true;
    if (office && window.location.hash.replace(/^#\/?/, '') === '') navigate({ name: 'portfolio' });
  }, [roleKnown, office]);

  useEffect(() => {
    const offs = [
      onShellEvent('menu.newClient', () => {
        if (!office) navigate({ name: 'client-new' });
      }),
      onShellEvent('menu.showClients', () => navigate({ name: 'clients' })),
    ];
    return () => offs.forEach((off) => off());
  }, [office]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Sidebar route={route} />
      <main id="main" tabIndex={-1}>
        <Screen route={route} />
      </main>
      <Toasts />
    </div>
  );
}
