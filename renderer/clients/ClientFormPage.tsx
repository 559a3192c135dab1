import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeIssues } from '../../shared/api/issues';
import { ClientInputSchema } from '../../shared/clients/schema';
import { countries, employeeBands, naceCodes, turnoverBands } from '../../shared/clients/sectors';
import { navigate, routeHref } from '../app/routes';
import { SelectField, TextField } from '../forms/fields';
import { useApi, useAppStore } from '../store/app-store';
import { clientToForm, emptyClientForm, formFieldOf, formToInput, type ClientFormValues } from './client-form-values';
import { ContactsEditor } from './ContactsEditor';
import { PageHeader } from '../layout/PageHeader';

type Errors = Record<string, string>;

export function ClientFormPage({ clientId }: { clientId?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const loadClients = useAppStore((s) => s.loadClients);
  const [values, setValues] = useState<ClientFormValues | null>(clientId ? null : emptyClientForm());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const originalName = useRef('');

  useEffect(() => {
    if (!clientId) return;
    void api.call('clients.get', { id: clientId }).then((result) => {
      if (result.ok) {
        originalName.current = result.value.name;
        setValues(clientToForm(result.value));
      } else setLoadError(result.error.message);
    });
  }, [api, clientId]);

  const validationErrors = useMemo<Errors>(() => {
    if (!values) return {};
    const { input, contactKeys } = formToInput(values);
    const parsed = ClientInputSchema.safeParse(input);
    const errors: Errors = {};
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error)) {
        const field = formFieldOf(issue.field, contactKeys);
        errors[field] ??= t(issue.key, issue.params);
      }
    }
    return errors;
  }, [values, t]);

  if (loadError) return <div className="page"><div className="banner banner-error" role="alert">{loadError}</div></div>;
  if (!values) return <div className="page"><p className="muted">{t('common.loading')}</p></div>;

  const errorFor = (field: string): string | undefined =>
    serverErrors[field] ?? (submitted || touched.has(field) ? validationErrors[field] : undefined);
  const touch = (field: string) => () => setTouched((previous) => new Set(previous).add(field));
  const update = <K extends keyof ClientFormValues>(field: K, value: ClientFormValues[K]) => {
    setValues((previous) => (previous ? { ...previous, [field]: value } : previous));
    setServerErrors(({ [field]: _cleared, ...rest }) => rest);
  };
  const text = (field: Exclude<keyof ClientFormValues, 'contacts' | 'consentToShare'>) => ({
    name: field,
    value: values[field],
    onChange: (value: string) => update(field, value),
    onBlur: touch(field),
    error: errorFor(field),
  });

  const focusFirstError = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setSaveError(null);
    if (Object.keys(validationErrors).length > 0) {
      focusFirstError();
      return;
    }
    const { input, contactKeys } = formToInput(values);
    setSaving(true);
    const result = clientId ? await api.call('clients.update', { ...input, id: clientId }) : await api.call('clients.create', input);
    setSaving(false);
    if (!result.ok) {
      const fieldErrors: Errors = {};
      for (const issue of result.error.issues ?? (result.error.field ? [{ field: result.error.field, message: result.error.message }] : [])) {
        fieldErrors[formFieldOf(issue.field, contactKeys)] = issue.message;
      }
      setServerErrors(fieldErrors);
      setSaveError(t('form.saveFailed', { message: result.error.message }));
      focusFirstError();
      return;
    }
    notify({ tone: 'success', message: t(clientId ? 'clients.updated' : 'clients.created', { name: result.value.name }) });
    void loadClients();
    navigate({ name: 'client', id: result.value.id });
  };

  const errorCount = submitted ? Object.keys({ ...validationErrors, ...serverErrors }).length : 0;
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });
  const cancelTo = clientId ? { name: 'client' as const, id: clientId } : { name: 'clients' as const };

  return (
    <div className="page page-narrow">
      <PageHeader
        back={cancelTo}
        title={clientId ? t('form.editTitle', { name: originalName.current }) : t('form.newTitle')}
        subtitle={t('form.intro')}
      />
      <form ref={formRef} className="client-form" noValidate onSubmit={submit}>
        {errorCount > 0 && (
          <div className="banner banner-error" role="alert">
            {t('form.fixErrors', { count: errorCount })}
          </div>
        )}
        {saveError && errorCount === 0 && (
          <div className="banner banner-error" role="alert">
            {saveError}
          </div>
        )}
        <section className="card form-section" aria-labelledby="section-company">
          <h2 id="section-company">{t('client.company')}</h2>
          <div className="grid-2">
            <TextField label={t('form.fields.name')} required className="span-2" {...text('name')} autoComplete="organization" />
            <TextField label={t('form.fields.registrationNumber')} hint={t('form.fields.registrationNumberHint')} {...text('registrationNumber')} />
            <SelectField
              label={t('form.fields.naceCode')}
              required
              placeholder={t('form.choose')}
              options={naceCodes.map((code) => ({ value: code, label: `${code} · ${t(`sectors.${code}`)}` }))}
              {...text('naceCode')}
            />
            <SelectField label={t('form.fields.employeeBand')} required placeholder={t('form.choose')} options={employeeBands.map(option('bands.employees'))} {...text('employeeBand')} />
            <SelectField label={t('form.fields.turnoverBand')} required placeholder={t('form.choose')} options={turnoverBands.map(option('bands.turnover'))} {...text('turnoverBand')} />
          </div>
        </section>

        <section className="card form-section" aria-labelledby="section-address">
          <h2 id="section-address">{t('client.address')}</h2>
          <div className="grid-2">
            <TextField label={t('form.fields.street')} className="span-2" {...text('street')} autoComplete="street-address" />
            <TextField label={t('form.fields.town')} required {...text('town')} autoComplete="address-level2" />
            <TextField label={t('form.fields.postcode')} {...text('postcode')} autoComplete="postal-code" />
            <TextField label={t('form.fields.region')} required hint={t('form.fields.regionHint')} {...text('region')} />
            <SelectField label={t('form.fields.country')} required placeholder={t('form.choose')} options={countries.map(option('countries'))} {...text('country')} />
          </div>
        </section>

        <ContactsEditor
          contacts={values.contacts}
          onChange={(contacts) => update('contacts', contacts)}
          errorFor={errorFor}
          onTouch={(field) => touch(field)()}
        />

        <section className="card form-section" aria-labelledby="section-consent">
          <h2 id="section-consent">{t('client.consent')}</h2>
          <label className="checkbox">
            <input
              type="checkbox"
              name="consentToShare"
              checked={values.consentToShare}
              onChange={(event) => update('consentToShare', event.target.checked)}
            />
            <span>{t('form.fields.consentToShare')}</span>
          </label>
          {values.consentToShare && (
            <div className="grid-2">
              <TextField label={t('form.fields.consentDate')} type="date" required {...text('consentDate')} />
            </div>
          )}
        </section>

        <div className="form-actions">
          <a className="button button-secondary" href={routeHref(cancelTo)}>
            {t('common.cancel')}
          </a>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
