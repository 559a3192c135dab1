import type { ClientInput, ContactInput } from '../../shared/clients/schema';

/** A contact that passes ContactInputSchema; override any field. */
export function validContact(overrides: Partial<ContactInput> = {}): ContactInput {
  return {
    name: 'Sarah Whitfield',
    role: 'Managing Director',
    email: 'sarah@example.co.uk',
    phone: '+44 1422 380 114',
    ...overrides,
  };
}

/** A client company that passes ClientInputSchema as it stands; override any field. */
export function validClient(overrides: Partial<ClientInput> = {}): ClientInput {
  return {
    name: 'Pennine Precision Engineering Ltd',
    registrationNumber: '04518832',
    naceCode: '25',
    employeeBand: '10-49',
    turnoverBand: '2m-10m',
    street: 'Unit 4, Calder Works',
    town: 'Halifax',
    postcode: 'HX1 5QT',
    region: 'Yorkshire and the Humber',
    country: 'GB',
    consentToShare: false,
    consentDate: null,
    contacts: [validContact()],
    ...overrides,
  };
}

/** A well-formed UUID that no test database will ever hold. */
export const MISSING_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
