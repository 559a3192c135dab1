import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeIssues } from '../../shared/api/issues';
import type { ApiError } from '../../shared/api/result';
import { syncOperations, syncProblemCodes, type SyncProblemCode, type SyncStatus } from '../../shared/sync/operations';
import { routeHref } from '../app/routes';
import { TextField } from '../forms/fields';
import { useApi, useAppStore } from '../store/app-store';
import { SyncNowButton } from './SyncNowButton';
import { lastSyncedText, problemText } from './sync-text';
import { useNow } from './use-sync-status';

/** Settings → Programme office: enrol this laptop with the hub, or see and manage the enrolment. */
export function ProgrammeOfficeSection() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.syncStatus);
  const refresh = useAppStore((s) => s.refreshSyncStatus);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The form and the enrolment replace each other; keep keyboard focus in the section when they do.
  const focusHeading = () => requestAnimationFrame(() => headingRef.current?.focus());

  return (
    <section className="card form-section programme-office" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('programmeOffice.title')}
      </h2>
      {!status ? (
        <p className="muted">{t('common.loading')}</p>
      ) : status.enrolled ? (
        <Enrolment status={status} onLeft={focusHeading} />
      ) : (
        <EnrolForm problem={status.problem?.code ?? null} onEnrolled={focusHeading} />
      )}
    </section>
  );
}

const EnrolInputSchema = syncOperations['sync.enrol'].input;

/** People type what they were told: a bare host name means https, and codes are read out in groups. */
function normaliseEnrolment(hubUrl: string, code: string): { hubUrl: string; code: string } {
  const url = hubUrl.trim();
  return {
    hubUrl: url && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? `https://${url}` : url,
    code: code.replace(/\s+/g, '').toUpperCase(),
  };
}

/** The hub's answer as one of the problems people get a sentence for; a refused code is never "no longer enrolled". */
function enrolProblem(error: ApiError): SyncProblemCode | null {
  const named = syncProblemCodes.find((code) => code === error.message);
  if (named === 'unauthorized' || error.code === 'unauthorized') return 'invalid_code';
  return named ?? null;
}

type Errors = Partial<Record<'hubUrl' | 'code', string>>;

function EnrolForm({ problem, onEnrolled }: { problem: SyncProblemCode | null; onEnrolled(): void }) {
  const { t } = useTranslation();
  const enrol = useAppStore((s) => s.enrol);
  const notify = useAppStore((s) => s.notify);
  const [values, setValues] = useState({ hubUrl: '', code: '' });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const input = normaliseEnrolment(values.hubUrl, values.code);
  const parsed = EnrolInputSchema.safeParse(input);
  const validationErrors: Errors = {};
  if (!parsed.success) {
    for (const issue of describeIssues(parsed.error)) {
      if (issue.field === 'hubUrl' || issue.field === 'code') validationErrors[issue.field] ??= t(issue.key, issue.params);
    }
  }
  const errorFor = (field: keyof Errors) => serverErrors[field] ?? (submitted || touched.has(field) ? validationErrors[field] : undefined);
  const change = (field: keyof Errors) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setServerErrors(({ [field]: _cleared, ...rest }) => rest);
    setFailure(null);
  };
  const touch = (field: keyof Errors) => () => setTouched((previous) => new Set(previous).add(field));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (!parsed.success) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    const result = await enrol(parsed.data);
    setBusy(false);
    if (!result.ok) {
      const issues = result.error.issues?.filter((issue) => issue.field === 'hubUrl' || issue.field === 'code') ?? [];
      setServerErrors(Object.fromEntries(issues.map((issue) => [issue.field, issue.message])));
      if (issues.length === 0) {
        const code = enrolProblem(result.error);
        setFailure(code ? problemText(t, code) : t('programmeOffice.enrolFailed', { message: result.error.message }));
      }
      return;
    }
    if (!result.value.enrolled) {
      const code = result.value.problem?.code;
      setFailure(code ? problemText(t, code === 'unauthorized' ? 'invalid_code' : code) : t('programmeOffice.enrolRefused'));
      return;
    }
    notify({ tone: 'success', message: t('programmeOffice.enrolled', { programme: result.value.programmeName ?? result.value.hubUrl ?? '' }) });
    onEnrolled();
  };

  return (
    <form ref={formRef} className="form-section" noValidate onSubmit={submit}>
      <p className="section-intro">{t('programmeOffice.intro')}</p>
      {problem === 'unauthorized' && !failure && <p className="banner banner-warning">{problemText(t, 'unauthorized')}</p>}
      <div className="grid-2">
        <TextField name="hubUrl" type="text" label={t('programmeOffice.hubUrl')} hint={t('programmeOffice.hubUrlHint')} value={values.hubUrl} onChange={change('hubUrl')} onBlur={touch('hubUrl')} error={errorFor('hubUrl')} required autoComplete="url" />
        <TextField name="code" label={t('programmeOffice.code')} hint={t('programmeOffice.codeHint')} value={values.code} onChange={change('code')} onBlur={touch('code')} error={errorFor('code')} required />
      </div>
      {failure && (
        <div className="banner banner-error" role="alert">
          {failure}
        </div>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('programmeOffice.enrolling') : t('programmeOffice.enrol')}
      </button>
    </form>
  );
}

function Enrolment({ status, onLeft }: { status: SyncStatus; onLeft(): void }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return (
    <>
      <dl className="enrolment">
        <div className="detail">
          <dt>{t('programmeOffice.programme')}</dt>
          <dd>{status.programmeName ?? t('common.none')}</dd>
        </div>
        <div className="detail">
          <dt>{t('programmeOffice.user')}</dt>
          <dd>{status.userName ? (status.role ? t('programmeOffice.userWithRole', { name: status.userName, role: t(`programmeOffice.roles.${status.role}`) }) : status.userName) : t('common.none')}</dd>
        </div>
        <div className="detail">
          <dt>{t('programmeOffice.hubAddress')}</dt>
          <dd className="hub-address">{status.hubUrl ?? t('common.none')}</dd>
        </div>
        <div className="detail">
          <dt>{t('programmeOffice.lastSync')}</dt>
          <dd>
            {lastSyncedText(t, status.lastSyncedAt, now, i18n.language)}
            {' · '}
            {status.pendingChanges > 0 ? t('sync.pending', { count: status.pendingChanges }) : t('sync.allSent')}
          </dd>
        </div>
        {status.openConflicts > 0 && (
          <div className="detail">
            <dt>{t('conflicts.title')}</dt>
            <dd>
              <a href={routeHref({ name: 'conflicts' })}>{t('sync.conflicts', { count: status.openConflicts })}</a>
            </dd>
          </div>
        )}
      </dl>
      {status.problem && (
        <div className="banner banner-warning">
          <p>{problemText(t, status.problem.code)}</p>
          {status.problem.detail && (
            <details className="problem-detail">
              <summary>{t('programmeOffice.technicalDetails')}</summary>
              <code>{status.problem.detail}</code>
            </details>
          )}
        </div>
      )}
      <div className="section-actions">
        <SyncNowButton className="button button-primary" />
      </div>
      <ExportBundle />
      <Disconnect status={status} onLeft={onLeft} />
    </>
  );
}

/** Reuses the PDF download's way of handing bytes from the local service to the browser as a file. */
function ExportBundle() {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const helpId = useId();
  const download = async () => {
    setBusy(true);
    const result = await api.call('sync.exportBundle', {});
    setBusy(false);
    if (!result.ok) {
      notify({ tone: 'error', message: result.error.message });
      return;
    }
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notify({ tone: 'success', message: t('programmeOffice.exported', { count: result.value.changes, fileName: result.value.fileName }) });
  };
  return (
    <div className="sub-section">
      <h3>{t('programmeOffice.bundleTitle')}</h3>
      <p id={helpId} className="muted">
        {t('programmeOffice.bundleHelp')}
      </p>
      <button type="button" className="button button-secondary" disabled={busy} aria-describedby={helpId} onClick={() => void download()}>
        {busy ? t('programmeOffice.exporting') : `⤓ ${t('programmeOffice.exportBundle')}`}
      </button>
    </div>
  );
}

function Disconnect({ status, onLeft }: { status: SyncStatus; onLeft(): void }) {
  const { t } = useTranslation();
  const leaveSync = useAppStore((s) => s.leaveSync);
  const notify = useAppStore((s) => s.notify);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const leave = async () => {
    setBusy(true);
    const left = await leaveSync();
    setBusy(false);
    if (!left) return;
    notify({ tone: 'success', message: t('programmeOffice.disconnected') });
    onLeft();
  };

  if (!confirming) {
    return (
      <div className="sub-section">
        <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
          {t('programmeOffice.disconnect')}
        </button>
      </div>
    );
  }
  return (
    <div className="confirm-panel" role="group" aria-labelledby={questionId}>
      <h3 id={questionId}>{t('programmeOffice.disconnectQuestion', { programme: status.programmeName ?? status.hubUrl ?? '' })}</h3>
      <p>{t('programmeOffice.disconnectKeeps')}</p>
      {status.pendingChanges > 0 && <p>{t('programmeOffice.disconnectPending', { count: status.pendingChanges })}</p>}
      <p className="muted">{t('programmeOffice.disconnectAgain')}</p>
      <div className="section-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void leave()}>
          {t('programmeOffice.disconnectConfirm')}
        </button>
      </div>
    </div>
  );
}
