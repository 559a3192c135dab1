import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { countries } from '../../shared/clients/sectors';
import { textIn } from '../../shared/instruments/text';
import { technologyAreas, type Directories } from '../../shared/roadmap/catalogue-schema';
import { directoryNames, type DirectoryName, type OwnEntry, type OwnEntryInput } from '../../shared/roadmap/directory-schema';
import { SelectField, TextField } from '../forms/fields';
import { PageHeader } from '../layout/PageHeader';
import { useIsOffice } from '../office/use-office';
import { useApi, useAppStore } from '../store/app-store';

interface Draft {
  id?: string;
  directory: DirectoryName;
  name: string;
  country: string;
  regions: string;
  description: string;
  areas: string[];
}

const blank = (directory: DirectoryName): Draft => ({ directory, name: '', country: 'GB', regions: '', description: '', areas: [] });

function EntryForm({ draft, onSave, onCancel }: { draft: Draft; onSave(input: OwnEntryInput): Promise<Record<string, string>>; onCancel(): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(
      await onSave({
        ...(values.id ? { id: values.id } : {}),
        directory: values.directory,
        name: values.name,
        country: values.country as OwnEntryInput['country'],
        regions: values.regions.split(',').map((r) => r.trim()).filter(Boolean),
        description: values.description,
        areas: values.areas as OwnEntryInput['areas'],
      }),
    );
  };
  return (
    <form className="card form-section directory-form" noValidate onSubmit={submit}>
      <div className="grid-2">
        <SelectField name="directory" label={t('directories.directory')} value={values.directory} onChange={(v) => setValues({ ...values, directory: v as DirectoryName })} options={directoryNames.map((d) => ({ value: d, label: t(`directories.kinds.${d}`) }))} />
        <TextField name="name" label={t('directories.name')} required value={values.name} onChange={(v) => setValues({ ...values, name: v })} error={errors.name} />
        <SelectField name="country" label={t('directories.country')} value={values.country} onChange={(v) => setValues({ ...values, country: v })} options={countries.map((c) => ({ value: c, label: t(`countries.${c}`) }))} />
        <TextField name="regions" label={t('directories.regions')} hint={t('directories.regionsHint')} value={values.regions} onChange={(v) => setValues({ ...values, regions: v })} error={errors.regions} />
        <TextField name="description" className="span-2" label={t('directories.description')} value={values.description} onChange={(v) => setValues({ ...values, description: v })} error={errors.description} />
      </div>
      <fieldset className="area-choices">
        <legend>{t('directories.areas')}</legend>
        {technologyAreas.map((area) => (
          <label key={area} className="checkbox">
            <input
              type="checkbox"
              checked={values.areas.includes(area)}
              onChange={(event) => setValues({ ...values, areas: event.target.checked ? [...values.areas, area] : values.areas.filter((a) => a !== area) })}
            />
            <span>{t(`areas.${area}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="step-editor-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary">
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Entries the programme office published: every adviser links them, none edits them. */
function ProgrammeEntries({ entries }: { entries: OwnEntry[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="programme-entries">
      <h2 id="programme-entries">{t('directories.fromOffice')}</h2>
      <p className="section-intro">{t('directories.fromOfficeNote')}</p>
      <ul className="directory-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <div>
              <strong>{entry.name}</strong>{' '}
              <span className="muted">
                · {t(`directories.kinds.${entry.directory}`)} · {t(`countries.${entry.country}`)}
                {entry.regions.length ? ` · ${entry.regions.join(', ')}` : ''}
              </span>{' '}
              <span className="badge badge-programme">{t('directories.fromOfficeBadge')}</span>
              {entry.description && <p>{entry.description}</p>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The peers, intermediaries, courses and funding schemes the roadmap links steps to. */
export function DirectoriesPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const office = useIsOffice();
  const [view, setView] = useState<{ examples: Directories; own: OwnEntry[]; programme: OwnEntry[] } | null>(null);
  const [editing, setEditing] = useState<Draft | null>(null);

  const load = () => void api.call('directories.list', {}).then((r) => r.ok && setView(r.value));
  useEffect(load, [api]);
  if (!view) return <div className="page"><p className="muted">{t('common.loading')}</p></div>;

  const save = async (input: OwnEntryInput): Promise<Record<string, string>> => {
    const result = await api.call('directories.save', input);
    if (!result.ok) return Object.fromEntries((result.error.issues ?? [{ field: result.error.field ?? '', message: result.error.message }]).map((i) => [i.field.split('.')[0]!, i.message]));
    notify({ tone: 'success', message: t(office ? 'directories.savedForAdvisers' : 'directories.saved', { name: result.value.name }) });
    setEditing(null);
    load();
    return {};
  };

  return (
    <div className="page page-narrow">
      <PageHeader
        title={t('directories.title')}
        subtitle={office ? t('directories.officeIntro') : t('directories.intro')}
        actions={
          <button type="button" className="button button-primary" onClick={() => setEditing(blank('peers'))}>
            + {t('directories.add')}
          </button>
        }
      />
      {editing && <EntryForm key={editing.id ?? 'new'} draft={editing} onSave={save} onCancel={() => setEditing(null)} />}
      <section className="card" aria-labelledby="own-entries">
        <h2 id="own-entries">{office ? t('directories.published') : t('directories.own')}</h2>
        {office && <p className="section-intro">{t('directories.publishedNote')}</p>}
        {view.own.length === 0 && <p className="muted">{office ? t('directories.noPublished') : t('directories.noOwn')}</p>}
        <ul className="directory-list">
          {view.own.map((entry) => (
            <li key={entry.id}>
              <div>
                <strong>{entry.name}</strong> <span className="muted">· {t(`directories.kinds.${entry.directory}`)} · {t(`countries.${entry.country}`)}{entry.regions.length ? ` · ${entry.regions.join(', ')}` : ''}</span>
                {entry.description && <p>{entry.description}</p>}
              </div>
              <div className="directory-actions">
                <button type="button" className="button button-quiet" onClick={() => setEditing({ ...entry, regions: entry.regions.join(', ') })}>
                  {t('directories.edit')}
                </button>
                <button
                  type="button"
                  className="button button-quiet danger"
                  onClick={() =>
                    void api.call('directories.remove', { id: entry.id }).then((r) => {
                      if (r.ok) {
                        notify({ tone: 'info', message: t('directories.removed', { name: entry.name }) });
                        load();
                      }
                    })
                  }
                >
                  {t('directories.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {!office && view.programme.length > 0 && <ProgrammeEntries entries={view.programme} />}
      {directoryNames.map((name) => (
        <section key={name} className="card" aria-labelledby={`examples-${name}`}>
          <h2 id={`examples-${name}`}>
            {t(`directories.kinds.${name}`)} · {t('directories.examples')}
          </h2>
          <ul className="directory-list">
            {view.examples[name].map((entry) => (
              <li key={entry.id}>
                <div>
                  <strong>{entry.name}</strong> <span className="badge badge-superseded">{t('directories.example')}</span>
                  <p className="muted">{textIn(entry.description, i18n.language)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
