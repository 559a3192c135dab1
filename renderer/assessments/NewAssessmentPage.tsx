import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary, InstrumentSummary } from '../../shared/assessments/schema';
import type { Client } from '../../shared/clients/schema';
import { instrumentLocales, type InstrumentLocale } from '../../shared/instruments/schema';
import { textIn } from '../../shared/instruments/text';
import { navigate } from '../app/routes';
import { SelectField, TextField } from '../forms/fields';
import { PageHeader } from '../layout/PageHeader';
import { useApi, useAppStore } from '../store/app-store';

// The visit's default: where the firm stands and what holds it back; smart-factory readiness is extra.
const DEFAULT_INSTRUMENTS = ['digital-maturity', 'stepping-stones'];

function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function NewAssessmentPage({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const [client, setClient] = useState<Client | null>(null);
  const [instruments, setInstruments] = useState<InstrumentSummary[]>([]);
  const [baselines, setBaselines] = useState<AssessmentSummary[]>([]);
  const [kind, setKind] = useState<'baseline' | 'follow-up'>('baseline');
  const [baselineId, setBaselineId] = useState('');
  const [chosen, setChosen] = useState<string[]>(DEFAULT_INSTRUMENTS);
  const [visitDate, setVisitDate] = useState(today());
  const [peoplePresent, setPeoplePresent] = useState('');
  const [reportLanguage, setReportLanguage] = useState<InstrumentLocale>((instrumentLocales as readonly string[]).includes(i18n.language) ? (i18n.language as InstrumentLocale) : 'en');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void api.call('clients.get', { id: clientId }).then((r) => r.ok && setClient(r.value));
    void api.call('instruments.list', {}).then((r) => r.ok && setInstruments(r.value));
    void api.call('assessments.listForClient', { companyId: clientId }).then((r) => {
      if (!r.ok) return;
      const finalised = r.value.filter((a) => a.status === 'finalised');
      setBaselines(finalised);
      if (finalised[0]) setBaselineId(finalised[0].id);
    });
  }, [api, clientId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await api.call('assessments.create', {
      companyId: clientId,
      kind,
      baselineId: kind === 'follow-up' ? baselineId || null : null,
      instruments: instruments.filter((i) => chosen.includes(i.id)).map((i) => ({ id: i.id })),
      visitDate,
      peoplePresent,
      reportLanguage,
    });
    setSaving(false);
    if (!result.ok) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of result.error.issues ?? [{ field: result.error.field ?? '', message: result.error.message }]) fieldErrors[issue.field.split('.')[0]!] = issue.message;
      setErrors(fieldErrors);
      return;
    }
    notify({ tone: 'success', message: t('newAssessment.created') });
    navigate({ name: 'assessment', id: result.value.id, step: 'questions' });
  };

  return (
    <div className="page page-narrow">
      <PageHeader back={{ name: 'client', id: clientId }} title={t('newAssessment.title')} subtitle={client ? t('newAssessment.intro', { name: client.name }) : undefined} />
      <form className="client-form" noValidate onSubmit={submit}>
        <section className="card form-section" aria-labelledby="new-kind">
          <h2 id="new-kind">{t('newAssessment.kind')}</h2>
          <div className="choice-cards" role="radiogroup" aria-labelledby="new-kind">
            {(['baseline', 'follow-up'] as const).map((value) => (
              <label key={value} className={`choice-card ${kind === value ? 'selected' : ''}`}>
                <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} disabled={value === 'follow-up' && baselines.length === 0} />
                <span>
                  <strong>{t(value === 'baseline' ? 'newAssessment.baseline' : 'newAssessment.followUp')}</strong>
                  <span className="muted">{t(value === 'baseline' ? 'newAssessment.baselineHint' : 'newAssessment.followUpHint')}</span>
                </span>
              </label>
            ))}
          </div>
          {baselines.length === 0 && <p className="muted">{t('newAssessment.noBaseline')}</p>}
          {kind === 'follow-up' && (
            <SelectField
              name="baselineId"
              label={t('newAssessment.compareWith')}
              value={baselineId}
              onChange={setBaselineId}
              error={errors.baselineId}
              options={baselines.map((b) => ({ value: b.id, label: new Date(b.visitDate).toLocaleDateString(i18n.language, { dateStyle: 'long' }) }))}
            />
          )}
        </section>

        <section className="card form-section" aria-labelledby="new-instruments">
          <h2 id="new-instruments">{t('newAssessment.instruments')}</h2>
          <div className="choice-cards">
            {instruments.map((instrument) => (
              <label key={instrument.id} className={`choice-card ${chosen.includes(instrument.id) ? 'selected' : ''}`}>
                <input
                  type="checkbox"
                  name="instruments"
                  value={instrument.id}
                  checked={chosen.includes(instrument.id)}
                  onChange={(event) => setChosen((c) => (event.target.checked ? [...c, instrument.id] : c.filter((id) => id !== instrument.id)))}
                />
                <span>
                  <strong>{textIn(instrument.title, i18n.language)}</strong>
                  <span className="muted">{textIn(instrument.description, i18n.language)}</span>
                  <span className="meta">{t('newAssessment.instrumentMeta', { dimensions: instrument.dimensionCount, questions: instrument.questionCount })}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.instruments && (
            <div className="field-error" role="alert">
              {errors.instruments}
            </div>
          )}
        </section>

        <section className="card form-section" aria-labelledby="new-visit">
          <h2 id="new-visit">{t('assessments.heading')}</h2>
          <div className="grid-2">
            <TextField name="visitDate" type="date" label={t('newAssessment.visitDate')} required value={visitDate} onChange={setVisitDate} error={errors.visitDate} />
            <SelectField
              name="reportLanguage"
              label={t('newAssessment.reportLanguage')}
              value={reportLanguage}
              onChange={(value) => setReportLanguage(value as InstrumentLocale)}
              options={instrumentLocales.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            />
            <TextField name="peoplePresent" className="span-2" label={t('newAssessment.peoplePresent')} hint={t('newAssessment.peoplePresentHint')} value={peoplePresent} onChange={setPeoplePresent} error={errors.peoplePresent} />
          </div>
        </section>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('newAssessment.start')}
          </button>
        </div>
      </form>
    </div>
  );
}
