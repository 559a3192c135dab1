import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/settings/schema';
import { TextField } from '../forms/fields';
import { PageHeader } from '../layout/PageHeader';
import { useApi, useAppStore } from '../store/app-store';
import { ProgrammeOfficeSection } from '../sync/ProgrammeOfficeSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    void api.call('settings.get', {}).then((r) => r.ok && setSettings(r.value));
  }, [api]);
  if (!settings) return <div className="page"><p className="muted">{t('common.loading')}</p></div>;

  const change = (field: keyof Settings) => (value: string) => setSettings({ ...settings, [field]: value });
  const pickLogo = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => setSettings({ ...settings, logo: String(reader.result) });
    reader.readAsDataURL(file);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.call('settings.save', settings);
    if (!result.ok) {
      setErrors(Object.fromEntries((result.error.issues ?? [{ field: result.error.field ?? '', message: result.error.message }]).map((i) => [i.field, i.message])));
      return;
    }
    setErrors({});
    setSettings(result.value);
    notify({ tone: 'success', message: t('settings.saved') });
  };

  return (
    <div className="page page-narrow">
      <PageHeader title={t('settings.title')} subtitle={t('settings.intro')} />
      <form className="client-form" noValidate onSubmit={submit}>
        <section className="card form-section">
          <TextField name="programmeName" label={t('settings.programmeName')} hint={t('settings.programmeHint')} value={settings.programmeName} onChange={change('programmeName')} error={errors.programmeName} />
          <div className="grid-2">
            <TextField name="adviserName" label={t('settings.adviserName')} value={settings.adviserName} onChange={change('adviserName')} error={errors.adviserName} autoComplete="name" />
            <TextField name="adviserEmail" type="email" label={t('settings.adviserEmail')} value={settings.adviserEmail} onChange={change('adviserEmail')} error={errors.adviserEmail} autoComplete="email" />
          </div>
          <label className="field">
            <span>{t('settings.logo')}</span>
            <input type="file" accept="image/png,image/jpeg" onChange={pickLogo} aria-describedby="logo-hint" />
            <span id="logo-hint" className={errors.logo ? 'field-error' : 'field-hint'}>
              {errors.logo ?? t('settings.logoHint')}
            </span>
          </label>
          {settings.logo && (
            <div className="logo-preview">
              <img src={settings.logo} alt={t('settings.logo')} />
              <button type="button" className="button button-quiet" onClick={() => setSettings({ ...settings, logo: null })}>
                {t('settings.removeLogo')}
              </button>
            </div>
          )}
        </section>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
      <ProgrammeOfficeSection />
    </div>
  );
}
