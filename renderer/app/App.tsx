import { useEffect } from 'react';
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
import { Sidebar } from '../layout/Sidebar';
import { Toasts } from '../layout/Toasts';
import { navigate, useRoute, type Route } from './routes';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'clients':
      return <ClientListPage />;
    case 'client-new':
      return <ClientFormPage />;
    case 'client':
      return <ClientDetailPage clientId={route.id} />;
    case 'client-edit':
      return <ClientFormPage key={route.id} clientId={route.id} />;
    case 'assessment-new':
      return <NewAssessmentPage clientId={route.clientId} />;
    case 'assessment':
      return <AssessmentPage assessmentId={route.id} step={route.step} />;
    case 'settings':
      return <SettingsPage />;
    case 'directories':
      return <DirectoriesPage />;
    case 'conflicts':
      return <ConflictsPage />;
  }
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();

  useEffect(() => {
    const offs = [
      onShellEvent('menu.newClient', () => navigate({ name: 'client-new' })),
      onShellEvent('menu.showClients', () => navigate({ name: 'clients' })),
    ];
    return () => offs.forEach((off) => off());
  }, []);

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
