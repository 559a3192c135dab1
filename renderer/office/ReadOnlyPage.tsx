import { useTranslation } from 'react-i18next';
import type { Route } from '../app/routes';
import { PageHeader } from '../layout/PageHeader';

/** Where a form to create or edit firm data would be, reached by an old link or the menu. */
export function ReadOnlyPage({ back }: { back: Route }) {
  const { t } = useTranslation();
  return (
    <div className="page page-narrow">
      <PageHeader back={back} title={t('office.readOnlyTitle')} />
      <div className="banner banner-info" role="status">
        {t('office.readOnlyExplained')}
      </div>
    </div>
  );
}
