import type { Language } from '../../../shared/i18n';

type Labels = Record<Language, string>;

/** Names of the columns an adviser edits, for conflict listings; any other column is shown by its name. */
const labels: Record<string, Labels> = {
  name: { en: 'Name', da: 'Navn', sv: 'Namn' },
  registration_number: { en: 'Registration number', da: 'Registreringsnummer', sv: 'Organisationsnummer' },
  nace_code: { en: 'Sector', da: 'Branche', sv: 'Bransch' },
  employee_band: { en: 'Employees', da: 'Ansatte', sv: 'Anställda' },
  turnover_band: { en: 'Turnover', da: 'Omsætning', sv: 'Omsättning' },
  street: { en: 'Street', da: 'Adresse', sv: 'Gatuadress' },
  town: { en: 'Town', da: 'By', sv: 'Ort' },
  postcode: { en: 'Postcode', da: 'Postnummer', sv: 'Postnummer' },
  region: { en: 'Region', da: 'Region', sv: 'Region' },
  country: { en: 'Country', da: 'Land', sv: 'Land' },
  consent_to_share: { en: 'Consent to share', da: 'Samtykke til datadeling', sv: 'Godkännande av datadelning' },
  consent_date: { en: 'Consent date', da: 'Dato for samtykke', sv: 'Datum för godkännandet' },
  role: { en: 'Role', da: 'Rolle', sv: 'Roll' },
  email: { en: 'Email', da: 'E-mail', sv: 'E-post' },
  phone: { en: 'Phone', da: 'Telefon', sv: 'Telefon' },
  status: { en: 'Status', da: 'Status', sv: 'Status' },
  visit_date: { en: 'Visit date', da: 'Besøgsdato', sv: 'Besöksdatum' },
  people_present: { en: 'People present', da: 'Deltagere', sv: 'Närvarande' },
  report_language: { en: 'Report language', da: 'Rapportsprog', sv: 'Rapportspråk' },
  value: { en: 'Answer', da: 'Svar', sv: 'Svar' },
  not_applicable: { en: 'Not applicable', da: 'Ikke relevant', sv: 'Ej tillämpligt' },
  note: { en: 'Note', da: 'Notat', sv: 'Anteckning' },
  flagged: { en: 'Flagged', da: 'Markeret til senere', sv: 'Markerad för att återkomma' },
  target: { en: 'Target', da: 'Mål', sv: 'Mål' },
  importance: { en: 'Importance', da: 'Vigtighed', sv: 'Vikt' },
  horizon: { en: 'Horizon', da: 'Tidshorisont', sv: 'Tidshorisont' },
  position: { en: 'Order', da: 'Rækkefølge', sv: 'Ordningsföljd' },
  title: { en: 'Title', da: 'Titel', sv: 'Rubrik' },
  description: { en: 'Description', da: 'Beskrivelse', sv: 'Beskrivning' },
  effort_days: { en: 'Effort (days)', da: 'Indsats (persondage)', sv: 'Insats (persondagar)' },
  cost_band: { en: 'Cost', da: 'Omkostning', sv: 'Kostnad' },
  kpi: { en: 'KPI', da: 'Nøgletal', sv: 'Nyckeltal' },
  owner: { en: 'Owner', da: 'Ansvarlig', sv: 'Ansvarig' },
  target_month: { en: 'Target month', da: 'Målmåned', sv: 'Målmånad' },
  pinned: { en: 'Pinned', da: 'Fastgjort', sv: 'Fäst' },
  entry: { en: 'Directory entry', da: 'Katalogpost', sv: 'Katalogpost' },
  deleted_at: { en: 'Deleted on one device, changed on another', da: 'Slettet på én enhed, ændret på en anden', sv: 'Borttagen på en enhet, ändrad på en annan' },
};

export function columnLabel(column: string, language: Language): string {
  const known = labels[column];
  if (known) return known[language];
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const yesNo: Record<Language, [string, string]> = { en: ['Yes', 'No'], da: ['Ja', 'Nej'], sv: ['Ja', 'Nej'] };

export function yesOrNo(value: boolean, language: Language): string {
  return yesNo[language][value ? 0 : 1];
}

const deletion: Record<Language, [string, string]> = {
  en: ['Deleted', 'Not deleted: keep it, with the change made on the other device'],
  da: ['Slettet', 'Ikke slettet: behold den med ændringen fra den anden enhed'],
  sv: ['Borttagen', 'Inte borttagen: behåll den med ändringen från den andra enheten'],
};

/** One side of a conflict between deleting a row and changing it. */
export function deletionState(deleted: boolean, language: Language): string {
  return deletion[language][deleted ? 0 : 1];
}
