import type { Client, ClientInput } from '../../shared/clients/schema';

/** What the form edits: plain strings for every input, so an unset select is '' rather than undefined. */
export interface ContactFormValues {
  key: string;
  id?: string;
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface ClientFormValues {
  name: string;
  registrationNumber: string;
  naceCode: string;
  employeeBand: string;
  turnoverBand: string;
  street: string;
  town: string;
  postcode: string;
  region: string;
  country: string;
  consentToShare: boolean;
  consentDate: string;
  contacts: ContactFormValues[];
}

let nextKey = 1;
export function newContactKey(): string {
  return `contact-${nextKey++}`;
}

export function emptyClientForm(): ClientFormValues {
  return {
    name: '',
    registrationNumber: '',
    naceCode: '',
    employeeBand: '',
    turnoverBand: '',
    street: '',
    town: '',
    postcode: '',
    region: '',
    country: '',
    consentToShare: false,
    consentDate: '',
    contacts: [{ key: newContactKey(), name: '', role: '', email: '', phone: '' }],
  };
}

export function clientToForm(client: Client): ClientFormValues {
  return {
    name: client.name,
    registrationNumber: client.registrationNumber,
    naceCode: client.naceCode,
    employeeBand: client.employeeBand,
    turnoverBand: client.turnoverBand,
    street: client.street,
    town: client.town,
    postcode: client.postcode,
    region: client.region,
    country: client.country,
    consentToShare: client.consentToShare,
    consentDate: client.consentDate ?? '',
    contacts: client.contacts.map((contact) => ({ key: newContactKey(), ...contact })),
  };
}

/** A contact row left completely empty is a row the adviser did not use, not an invalid contact. */
function isBlank(contact: ContactFormValues): boolean {
  return !contact.id && [contact.name, contact.role, contact.email, contact.phone].every((v) => v.trim() === '');
}

export interface FormInput {
  input: ClientInput;
  /** The form key of each contact sent, by position, to place errors like `contacts.0.email`. */
  contactKeys: string[];
}

/** The form's values as the API's input; the contract's schema then decides what is valid. */
export function formToInput(values: ClientFormValues): FormInput {
  const used = values.contacts.filter((contact) => !isBlank(contact));
  return {
    contactKeys: used.map((contact) => contact.key),
    input: {
      name: values.name,
      registrationNumber: values.registrationNumber,
      naceCode: values.naceCode as ClientInput['naceCode'],
      employeeBand: values.employeeBand as ClientInput['employeeBand'],
      turnoverBand: values.turnoverBand as ClientInput['turnoverBand'],
      street: values.street,
      town: values.town,
      postcode: values.postcode,
      region: values.region,
      country: values.country as ClientInput['country'],
      consentToShare: values.consentToShare,
      consentDate: values.consentToShare && values.consentDate ? values.consentDate : null,
      contacts: used.map(({ id, name, role, email, phone }) => (id ? { id, name, role, email, phone } : { name, role, email, phone })),
    },
  };
}

/** Error field paths use positions; the form uses stable keys so errors follow a contact when rows are removed. */
export function formFieldOf(field: string, contactKeys: string[]): string {
  const match = /^contacts\.(\d+)\.(.+)$/.exec(field);
  if (!match) return field;
  const key = contactKeys[Number(match[1])];
  return key ? `contacts.${key}.${match[2]}` : field;
}
