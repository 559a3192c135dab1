import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../shared/api/result';
import { readFileAsBase64 } from '../files/download';
import { PageHeader } from '../layout/PageHeader';
import { useApi } from '../store/app-store';
import { useIsOffice } from './use-office';

type Problem = { field: string; message: string };
type Outcome = { tone: 'success'; message: string } | { tone: 'error'; message: string; problems: Problem[] };

/** The service lists a file's problems as issues, or as one "path: problem" line each after its message. */
function problemsOf(error: ApiError): { message: string; problems: Problem[] } {
  if (error.issues?.length) return { message: error.message, problems: error.issues };
  const [message = '', ...lines] = error.message.split('\n');
  const problems = lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(': ');
      return colon > 0 ? { field: line.slice(0, colon), message: line.slice(colon + 2) } : { field: '', message: line };
    });
  return { message, problems };
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  const { t, i18n } = useTranslation();
  if (outcome.tone === 'success') {
    return (
      <p className="banner banner-success" role="status">
        {outcome.message}
      </p>
    );
  }
  return (
    <div className="banner banner-error" role="alert">
      <p>{outcome.message}</p>
      {outcome.problems.length > 0 && (
        <>
          <p className="problems-heading">{t('publishing.problems', { count: outcome.problems.length })}</p>
          <ul className="problem-list">
            {outcome.problems.map((problem, index) => (
              <li key={index}>
                {problem.field && <code>{problem.field}</code>} {i18n.exists(problem.message) ? t(problem.message) : problem.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface UploadProps<T> {
  title: string;
  intro: string;
  accept: string;
  action: string;
  send(file: File): Promise<Result<T>>;
  describe(value: T): string;
}

/** Pick a file, send it, say what came of it: the same for instruments, catalogues and bundles. */
function UploadCard<T>({ title, intro, accept, action, send, describe }: UploadProps<T>) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    const result = await send(file);
    setBusy(false);
    setOutcome(result.ok ? { tone: 'success', message: describe(result.value) } : { tone: 'error', ...problemsOf(result.error) });
  };

  return (
    <section className="card form-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="section-intro">{intro}</p>
      <form className="upload-form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('publishing.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={accept}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={!file || busy}>
          {busy ? t('publishing.sending') : action}
        </button>
      </form>
      {outcome && <OutcomeMessage outcome={outcome} />}
    </section>
  );
}

/** What the programme office sends out to advisers, and the bundles advisers without a network send in. */
export function PublishingPage() {
  const { t } = useTranslation();
  const api = useApi();
  const office = useIsOffice();

  if (!office) {
    return (
      <div className="page page-narrow">
        <PageHeader title={t('publishing.title')} />
        <div className="empty-state">
          <p>{t('publishing.officeOnly')}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="page page-narrow publishing">
      <PageHeader title={t('publishing.title')} subtitle={t('publishing.intro')} />
      <UploadCard
        title={t('publishing.instrument.title')}
        intro={t('publishing.instrument.intro')}
        accept=".json,application/json"
        action={t('publishing.instrument.action')}
        send={async (file) => api.call('office.publishInstrument', { text: await file.text() })}
        describe={(value) => t('publishing.instrument.done', { id: value.id, version: value.version })}
      />
      <UploadCard
        title={t('publishing.catalogue.title')}
        intro={t('publishing.catalogue.intro')}
        accept=".json,application/json"
        action={t('publishing.catalogue.action')}
        send={async (file) => api.call('office.publishCatalogue', { text: await file.text() })}
        describe={(value) => t('publishing.catalogue.done', { version: value.version })}
      />
      <UploadCard
        title={t('publishing.bundle.title')}
        intro={t('publishing.bundle.intro')}
        accept=".ssbundle"
        action={t('publishing.bundle.action')}
        send={async (file) => api.call('office.importBundle', { base64: await readFileAsBase64(file) })}
        describe={(value) =>
          [
            t('publishing.bundle.done', { count: value.accepted, duplicates: value.duplicates }),
            ...(value.rejected > 0 ? [t('publishing.bundle.rejected', { count: value.rejected })] : []),
          ].join(' ')
        }
      />
    </div>
  );
}
