import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary } from '../../shared/assessments/schema';
import { routeHref } from '../app/routes';
import { useIsOffice } from '../office/use-office';
import { useApi } from '../store/app-store';
import { StatusBadge } from './StatusBadge';

/** The client page's list of visits: status, instruments, date and overall score at a glance. */
export function ClientAssessments({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const office = useIsOffice();
  const [assessments, setAssessments] = useState<AssessmentSummary[] | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});

  useEffect(() => {
    void api.call('assessments.listForClient', { companyId: clientId }).then((result) => result.ok && setAssessments(result.value));
    void api.call('instruments.list', {}).then((result) => {
      if (result.ok) setTitles(Object.fromEntries(result.value.map((i) => [i.id, i.title[i18n.language] || i.title.en])));
    });
  }, [api, clientId, i18n.language]);

  return (
    <section className="card span-2" aria-labelledby="detail-assessments">
      <div className="card-heading">
        <h2 id="detail-assessments">{t('assessments.heading')}</h2>
        {!office && (
          <a className="button button-primary" href={routeHref({ name: 'assessment-new', clientId })}>
            + {t('assessments.new')}
          </a>
        )}
      </div>
      {assessments && assessments.length === 0 && <p className="muted">{office ? t('office.noAssessments') : t('assessments.none')}</p>}
      {assessments && assessments.length > 0 && (
        <ul className="assessment-list">
          {assessments.map((a) => (
            <li key={a.id}>
              <a href={routeHref({ name: 'assessment', id: a.id, step: a.status === 'draft' ? 'questions' : 'results' })}>
                <div className="assessment-when">
                  <strong>{new Date(a.visitDate).toLocaleDateString(i18n.language, { dateStyle: 'long' })}</strong>
                  <span className="muted">{t(`assessments.kind.${a.kind}`)}</span>
                </div>
                <div className="assessment-instruments">{a.instruments.map((i) => titles[i.id] ?? i.id).join(' · ')}</div>
                <div className="assessment-scores">
                  {a.scores
                    .filter((s) => s.score !== null)
                    .map((s) => (
                      <span key={s.instrumentId} className="score-chip" title={titles[s.instrumentId]}>
                        {s.score}
                      </span>
                    ))}
                </div>
                <div className="assessment-state">
                  <StatusBadge status={a.status} />
                  <span className="muted">{t('assessments.complete', { percent: Math.round(a.completeness * 100) })}</span>
                </div>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
