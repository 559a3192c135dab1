import { useTranslation } from 'react-i18next';
import { TextField } from '../forms/fields';
import { newContactKey, type ContactFormValues } from './client-form-values';

interface Props {
  contacts: ContactFormValues[];
  onChange(contacts: ContactFormValues[]): void;
  errorFor(field: string): string | undefined;
  onTouch(field: string): void;
}

type ContactField = 'name' | 'role' | 'email' | 'phone';

export function ContactsEditor({ contacts, onChange, errorFor, onTouch }: Props) {
  const { t } = useTranslation();
  const change = (key: string, field: ContactField, value: string) =>
    onChange(contacts.map((contact) => (contact.key === key ? { ...contact, [field]: value } : contact)));
  const field = (contact: ContactFormValues, name: ContactField) => {
    const path = `contacts.${contact.key}.${name}`;
    return {
      name: path,
      label: t(`form.contact.${name}`),
      value: contact[name],
      onChange: (value: string) => change(contact.key, name, value),
      onBlur: () => onTouch(path),
      error: errorFor(path),
    };
  };

  return (
    <section className="card form-section" aria-labelledby="section-contacts">
      <h2 id="section-contacts">{t('client.contacts')}</h2>
      {contacts.map((contact, index) => (
        <fieldset key={contact.key} className="contact-fields">
          <legend>{t('form.contact.heading', { number: index + 1 })}</legend>
          <div className="grid-2">
            <TextField {...field(contact, 'name')} required autoComplete="name" />
            <TextField {...field(contact, 'role')} autoComplete="organization-title" />
            <TextField {...field(contact, 'email')} type="email" autoComplete="email" />
            <TextField {...field(contact, 'phone')} type="tel" autoComplete="tel" />
          </div>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => onChange(contacts.filter((c) => c.key !== contact.key))}
          >
            {t('form.contact.remove', { number: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => onChange([...contacts, { key: newContactKey(), name: '', role: '', email: '', phone: '' }])}
      >
        + {t('form.contact.add')}
      </button>
    </section>
  );
}
