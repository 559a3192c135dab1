import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../shared/clients/schema';
import { assessmentSteps, navigate, routeHref, type AssessmentStep } from '../app/routes';
import { PageHeader } from '../layout/PageHeader';
import { Annotations } from '../office/Annotations';
import { ReadOnlyNotice } from '../office/ReadOnlyNotice';
import { useIsOffice } from '../office/use-office';
import { useApi, useAppStore } from '../store/app-store';
import { QuestionnaireStep } from './questionnaire/QuestionnaireStep';
import { RoadmapStep } from './roadmap/RoadmapStep';
import { ResultsStep } from './results/ResultsStep';
import { DownloadReport } from './DownloadReport';
import { SaveStatus } from './SaveStatus';
import { StatusBadge } from './StatusBadge';
import { TargetsStep } from './targets/TargetsStep';

export function AssessmentPage({ assessmentId, step }: { assessmentId: string; step: AssessmentStep }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const workspace = useAppStore((s) => s.workspace);
  const error = useAppStore((s) => s.workspaceError);
  const open = useAppStore((s) => s.openAssessment);
  const close = useAppStore((s) => s.closeAssessment);
  const revise = useAppStore((s) => s.reviseAssessment);
  const refreshResults = useAppStore((s) => s.refreshResults);
  const [client, setClient] = useState<Client | null>(null);
  const office = useIsOffice();

  useEffect(() => {
    void open(assessmentId);
    return close;
  }, [assessmentId, open, close]);

  const companyId = workspace?.detail.assessment.companyId;
  useEffect(() => {
    if (companyId) void api.call('clients.get', { id: companyId }).then((r) => r.ok && setClient(r.value));
  }, [api, companyId]);

  useEffect(() => {
    if (step !== 'questions') void refreshResults();
  }, [step, refreshResults]);

  if (error) {
    return (
      <div className="page page-narrow">
        <div className="banner banner-error" role="alert">
          {t('assessments.loadFailed', { message: error })}
        </div>
      </div>
    );
  }
  if (!workspace || workspace.detail.assessment.id !== assessmentId) return <div className="page"><p className="muted">{t('common.loading')}</p></div>;

  const assessment = workspace.detail.assessment;
  const readOnly = office || assessment.status !== 'draft';
  return (
    <div className="page page-wide">
      <PageHeader
        back={{ name: 'client', id: assessment.companyId }}
        title={client ? client.name || t('office.erasedFirm') : ''}
        subtitle={
          <>
            {t(`assessments.kind.${assessment.kind}`)} · {t('assessments.visitOn', { date: new Date(assessment.visitDate).toLocaleDateString(i18n.language, { dateStyle: 'long' }) })} · <StatusBadge status={assessment.status} />
          </>
        }
        actions={
          <>
            {office ? <ReadOnlyNotice /> : <SaveStatus />}
            <DownloadReport assessmentId={assessmentId} />
          </>
        }
      />
      <nav className="steps" aria-label={t('workspace.stepsLabel')}>
        {assessmentSteps.map((name, index) => (
          <a key={name} href={routeHref({ name: 'assessment', id: assessmentId, step: name })} className={`step ${name === step ? 'current' : ''}`} aria-current={name === step ? 'step' : undefined}>
            <span className="step-number">{index + 1}</span>
            {t(`workspace.steps.${name}`)}
          </a>
        ))}
      </nav>
      {readOnly && !office && (
        <div className="banner banner-info">
          {t('workspace.readOnly', { status: t(`assessments.status.${assessment.status}`).toLowerCase() })}{' '}
          {assessment.status === 'finalised' && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void revise().then((id) => id && navigate({ name: 'assessment', id, step: 'questions' }))}
            >
              {t('workspace.revise')}
            </button>
          )}
        </div>
      )}
      {step === 'questions' && <QuestionnaireStep readOnly={readOnly} />}
      {step === 'targets' && <TargetsStep readOnly={readOnly} />}
      {step === 'results' && <ResultsStep readOnly={readOnly} />}
      {step === 'roadmap' && <RoadmapStep readOnly={readOnly} />}
      {(step === 'results' || step === 'roadmap') && (
        <div className="assessment-annotations">
          <Annotations companyId={assessment.companyId} assessmentId={assessment.id} />
        </div>
      )}
    </div>
  );
}
