import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref, type Route } from '../app/routes';

interface Props {
  title: string;
  subtitle?: ReactNode;
  back?: Route;
  actions?: ReactNode;
}

export function PageHeader({ title, subtitle, back, actions }: Props) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <div>
        {back && (
          <a className="back-link" href={routeHref(back)}>
            ← {t('common.back')}
          </a>
        )}
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
