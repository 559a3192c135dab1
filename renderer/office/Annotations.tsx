import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../shared/portfolio/schema';
import { useApi, useAppStore } from '../store/app-store';
import { useIsOffice } from './use-office';

interface Props {
  companyId: string;
  /** On an assessment's page: its own notes, and new notes are about it. */
  assessmentId?: string;
}

/** The programme office's notes on a firm; advisers receive them with the next sync and read them here. */
export function Annotations({ companyId, assessmentId }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const office = useIsOffice();
  const [notes, setNotes] = useState<Annotation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () =>
    void api.call('annotations.list', { companyId }).then((result) => {
      if (result.ok) {
        setNotes(result.value.filter((note) => !assessmentId || note.assessmentId === assessmentId));
        setError(null);
      } else {
        setError(result.error.message);
      }
    });
  useEffect(load, [api, companyId, assessmentId]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    const result = await api.call('annotations.add', { companyId, assessmentId: assessmentId ?? null, body });
    setBusy(false);
    if (!result.ok) {
      notify({ tone: 'error', message: t('annotations.addFailed', { message: result.error.message }) });
      return;
    }
    setBody('');
    load();
  };
  const remove = async (id: string) => {
    const result = await api.call('annotations.remove', { id });
    if (!result.ok) notify({ tone: 'error', message: t('annotations.removeFailed', { message: result.error.message }) });
    load();
  };

  // An adviser's firm without notes needs no empty box about them.
  if (!office && !error && notes?.length === 0) return null;
  const when = (iso: string) => new Date(iso.slice(0, 24)).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card span-2 annotations" aria-labelledby="annotations-heading">
      <h2 id="annotations-heading">{t('annotations.title')}</h2>
      {!office && <p className="muted">{t('annotations.fromOffice')}</p>}
      {error && (
        <p className="banner banner-error" role="alert">
          {t('annotations.loadFailed', { message: error })}
        </p>
      )}
      {notes && notes.length === 0 && <p className="muted">{t('annotations.none')}</p>}
      {notes && notes.length > 0 && (
        <ul className="annotation-list">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="annotation-body">{note.body}</p>
              <div className="annotation-meta">
                <span>{t('annotations.by', { author: note.author, date: when(note.createdAt) })}</span>
                {note.assessmentId && !assessmentId && <span className="badge badge-superseded">{t('annotations.onAssessment')}</span>}
                {office && (
                  <button type="button" className="button button-quiet danger" onClick={() => void remove(note.id)}>
                    {t('annotations.remove')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {office && (
        <form className="annotation-form" onSubmit={(event) => void add(event)}>
          <label htmlFor="annotation-body">{t('annotations.add')}</label>
          <textarea id="annotation-body" rows={3} maxLength={4000} value={body} onChange={(event) => setBody(event.target.value)} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy || body.trim() === ''}>
              {t('annotations.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
