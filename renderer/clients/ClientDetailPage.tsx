import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../shared/clients/schema';
import { navigate, routeHref, type Route } from '../app/routes';
import { ClientAssessments } from '../assessments/ClientAssessments';
import { PageHeader } from '../layout/PageHeader';
import { Annotations } from '../office/Annotations';
import { EraseFirm } from '../office/EraseFirm';
import { ReadOnlyNotice } from '../office/ReadOnlyNotice';
import { useIsOffice } from '../office/use-office';
import { useApi, useAppStore } from '../store/app-store';

function Detail({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>{value || t('common.none')}</dd>
    </div>
  );
}

export function ClientDetailPage({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const deleteClient = useAppStore((s) => s.deleteClient);
  const office = useIsOffice();
  const [client, setClient] = useState<Client | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [loads, setLoads] = useState(0);
  useEffect(() => {
    setClient(null);
    setError(null);
    void api.call('clients.get', { id: clientId }).then((result) => {
      if (result.ok) setClient(result.value);
      else setError(result.error.code === 'not_found' ? t('clients.notFound') : result.error.message);
    });
  }, [api, clientId, t, loads]);
  // The office comes to a firm from the portfolio and goes back there, with its filter as it was.
  const back: Route = office ? { name: 'portfolio' } : { name: 'clients' };

  if (error) {
    return (
      <div className="page page-narrow">
        <PageHeader back={back} title={t('clients.title')} />
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      </div>
    );
  }
  if (!client) return <div className="page"><p className="muted">{t('common.loading')}</p></div>;

  const date = (iso: string) => new Date(iso.slice(0, 24)).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const remove = async () => {
    if (await deleteClient(client.id, client.name)) navigate({ name: 'clients' });
  };

  // Erasure blanks the name everywhere; what is left is one anonymous firm of the programme.
  const erased = client.name === '';
  return (
    <div className="page page-narrow">
      <PageHeader
        back={back}
        title={erased ? t('office.erasedFirm') : client.name}
        subtitle={
          <>
            <span className="sector-code">{client.naceCode}</span> {t(`sectors.${client.naceCode}`)} · {[client.town, client.region].filter(Boolean)[0]}, {t(`countries.${client.country}`)}
          </>
        }
        actions={
          office ? (
            <ReadOnlyNotice />
          ) : (
            <>
              <button type="button" className="button button-danger-quiet" onClick={() => void remove()}>
                {t('common.delete')}
              </button>
              <a className="button button-primary" href={routeHref({ name: 'client-edit', id: client.id })}>
                {t('common.edit')}
              </a>
            </>
          )
        }
      />
      <div className="detail-grid">
        <ClientAssessments clientId={client.id} />
        <section className="card" aria-labelledby="detail-company">
          <h2 id="detail-company">{t('client.company')}</h2>
          <dl>
            <Detail label={t('form.fields.registrationNumber')} value={client.registrationNumber} />
            <Detail label={t('form.fields.naceCode')} value={`${client.naceCode} · ${t(`sectors.${client.naceCode}`)}`} />
            <Detail label={t('form.fields.employeeBand')} value={t(`bands.employees.${client.employeeBand}`)} />
            <Detail label={t('form.fields.turnoverBand')} value={t(`bands.turnover.${client.turnoverBand}`)} />
          </dl>
        </section>
        <section className="card" aria-labelledby="detail-address">
          <h2 id="detail-address">{t('client.address')}</h2>
          <address>
            {client.street && <div>{client.street}</div>}
            <div>
              {client.postcode} {client.town}
            </div>
            <div>{t(`countries.${client.country}`)}</div>
          </address>
          <dl>
            <Detail label={t('form.fields.region')} value={client.region} />
          </dl>
        </section>
        <section className="card span-2" aria-labelledby="detail-contacts">
          <h2 id="detail-contacts">{t('client.contacts')}</h2>
          {client.contacts.length === 0 ? (
            <p className="muted">{t('client.noContacts')}</p>
          ) : (
            <ul className="contact-list">
              {client.contacts.map((contact) => (
                <li key={contact.id}>
                  <div className="contact-name">{contact.name}</div>
                  {contact.role && <div className="muted">{contact.role}</div>}
                  <div className="contact-links">
                    {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
                    {contact.phone && <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="detail-consent">
          <h2 id="detail-consent">{t('client.consent')}</h2>
          <p className={client.consentToShare ? 'consent consent-yes' : 'consent consent-no'}>
            {client.consentToShare && client.consentDate
              ? t('client.consentGiven', { date: new Date(client.consentDate).toLocaleDateString(i18n.language, { dateStyle: 'long' }) })
              : t('client.consentNotGiven')}
          </p>
        </section>
        <section className="card" aria-labelledby="detail-record">
          <h2 id="detail-record">{t('client.record')}</h2>
          <dl>
            <Detail label={t('client.created')} value={date(client.createdAt)} />
            <Detail label={t('client.updated')} value={date(client.updatedAt)} />
            <Detail label={t('client.id')} value={client.id} />
          </dl>
        </section>
        <Annotations companyId={client.id} />
        {office && !erased && <EraseFirm companyId={client.id} name={client.name} onErased={() => setLoads((n) => n + 1)} />}
      </div>
    </div>
  );
}
