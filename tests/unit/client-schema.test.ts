import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeIssues, type FieldIssue } from '../../shared/api/issues';
import { ClientInputSchema, ClientListQuerySchema, ClientUpdateSchema, ContactInputSchema } from '../../shared/clients/schema';
import { postcodeIsValid } from '../../shared/clients/postcode';
import { createI18n } from '../../shared/i18n';
import { validClient, validContact } from '../helpers/fixtures';

function issuesOf(schema: z.ZodType, input: unknown): FieldIssue[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input).slice(0, 200)} to be rejected`);
  return describeIssues(result.error);
}

function firstIssue(input: unknown): FieldIssue {
  return issuesOf(ClientInputSchema, input)[0]!;
}

describe('ClientInputSchema', () => {
  it('accepts the valid fixture and fills defaults for omitted optional fields', () => {
    const { registrationNumber, street, postcode, contacts, consentToShare, consentDate, ...required } = validClient();
    void [registrationNumber, street, postcode, contacts, consentToShare, consentDate];
    const parsed = ClientInputSchema.parse(required);
    expect(parsed).toMatchObject({ registrationNumber: '', street: '', postcode: '', contacts: [], consentToShare: false, consentDate: null });
  });

  it('trims surrounding whitespace from text fields', () => {
    expect(ClientInputSchema.parse(validClient({ name: '  Tamar Composites Ltd \t' })).name).toBe('Tamar Composites Ltd');
  });

  it('treats a name of only spaces as missing', () => {
    expect(firstIssue(validClient({ name: '   ' }))).toEqual({ field: 'name', key: 'validation.required', params: {} });
  });

  describe('postcodes', () => {
    it.each([
      ['GB', 'HX1 5QT'],
      ['GB', 'sw1a1aa'],
      ['IE', 'D02 X285'],
      ['DK', '7400'],
      ['DK', 'DK-7400'],
      ['SE', '652 24'],
      ['SE', '65224'],
      ['NO', '0150'],
      ['FI', '00100'],
      ['DE', '10115'],
      ['NL', '1012 AB'],
      ['PL', '90-006'],
    ] as const)('accepts %s postcode %s', (country, postcode) => {
      expect(ClientInputSchema.safeParse(validClient({ country, postcode })).success).toBe(true);
    });

    it.each([
      ['GB', '12345'],
      ['IE', 'D02'],
      ['DK', '74000'],
      ['SE', '6522'],
      ['NO', '01500'],
      ['FI', '0010'],
      ['DE', '1011'],
      ['NL', '1012'],
      ['PL', '90006'],
    ] as const)('rejects %s postcode %s with field postcode and key validation.postcode', (country, postcode) => {
      expect(firstIssue(validClient({ country, postcode }))).toEqual({ field: 'postcode', key: 'validation.postcode', params: {} });
    });

    it('judges the postcode by the chosen country: a Danish postcode is wrong for Germany', () => {
      expect(ClientInputSchema.safeParse(validClient({ country: 'DK', postcode: '7400' })).success).toBe(true);
      expect(firstIssue(validClient({ country: 'DE', postcode: '7400' })).field).toBe('postcode');
    });

    it('allows an empty postcode for every country', () => {
      for (const country of ['GB', 'IE', 'DK', 'SE', 'NO', 'FI', 'DE', 'NL', 'PL'] as const) {
        expect(ClientInputSchema.safeParse(validClient({ country, postcode: '' })).success).toBe(true);
      }
    });

    it('accepts any postcode for a country it has no pattern for', () => {
      expect(postcodeIsValid('XX', 'anything at all')).toBe(true);
    });
  });

  describe('consent', () => {
    it('requires a consent date when consent to share is given', () => {
      expect(firstIssue(validClient({ consentToShare: true, consentDate: null }))).toEqual({
        field: 'consentDate',
        key: 'validation.consentDateRequired',
        params: {},
      });
    });

    it('accepts consent with an ISO date', () => {
      expect(ClientInputSchema.safeParse(validClient({ consentToShare: true, consentDate: '2026-09-14' })).success).toBe(true);
    });

    it('rejects a consent date that is not YYYY-MM-DD', () => {
      expect(firstIssue(validClient({ consentToShare: true, consentDate: '14/09/2026' }))).toEqual({
        field: 'consentDate',
        key: 'validation.date',
        params: {},
      });
    });
  });

  describe('hostile and malformed text', () => {
    it.each([
      ['NUL', 'Acme\u0000Ltd'],
      ['BEL', 'Acme\u0007Ltd'],
      ['ESC', 'Acme\u001b[31mLtd'],
      ['DEL', 'Acme\u007fLtd'],
      ['vertical tab', 'Acme\u000bLtd'],
    ])('rejects a name containing %s with key validation.controlCharacters', (_label, name) => {
      expect(firstIssue(validClient({ name }))).toEqual({ field: 'name', key: 'validation.controlCharacters', params: {} });
    });

    it('rejects control characters inside a contact field with the contact path', () => {
      expect(firstIssue(validClient({ contacts: [validContact({ role: 'Boss\u0000' })] }))).toEqual({
        field: 'contacts.0.role',
        key: 'validation.controlCharacters',
        params: {},
      });
    });

    it('rejects a 1 MB name as too long, naming the 200-character limit', () => {
      expect(firstIssue(validClient({ name: 'x'.repeat(1024 * 1024) }))).toEqual({
        field: 'name',
        key: 'validation.tooLong',
        params: { max: 200 },
      });
    });

    it('accepts a name of exactly 200 characters and rejects 201', () => {
      expect(ClientInputSchema.safeParse(validClient({ name: 'x'.repeat(200) })).success).toBe(true);
      expect(firstIssue(validClient({ name: 'x'.repeat(201) })).key).toBe('validation.tooLong');
    });

    it('rejects an unknown field, naming it as the field', () => {
      expect(firstIssue({ ...validClient(), isAdmin: true })).toEqual({
        field: 'isAdmin',
        key: 'validation.unknownFields',
        params: { keys: 'isAdmin' },
      });
    });

    it('rejects an unknown field inside a contact with the contact path', () => {
      expect(firstIssue(validClient({ contacts: [{ ...validContact(), twitter: '@x' } as never] }))).toEqual({
        field: 'contacts.0.twitter',
        key: 'validation.unknownFields',
        params: { keys: 'twitter' },
      });
    });

    it('rejects a JSON "__proto__" key as an unknown field and pollutes no prototype', () => {
      const input = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(validClient()).slice(1)}`) as unknown;
      expect(firstIssue(input)).toEqual({ field: '__proto__', key: 'validation.unknownFields', params: { keys: '__proto__' } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('rejects a sector code outside the NACE manufacturing divisions', () => {
      expect(firstIssue(validClient({ naceCode: '99' as never }))).toEqual({ field: 'naceCode', key: 'validation.choose', params: {} });
    });

    it('rejects more than 50 contacts', () => {
      const contacts = Array.from({ length: 51 }, (_, i) => validContact({ name: `Contact ${i}` }));
      expect(firstIssue(validClient({ contacts }))).toEqual({ field: 'contacts', key: 'validation.tooMany', params: { max: 50 } });
    });
  });

  describe('describeIssues', () => {
    it('places a contact email problem at contacts.<index>.email with key validation.email', () => {
      const issues = issuesOf(
        ClientInputSchema,
        validClient({ contacts: [validContact(), validContact({ email: 'not-an-email' })] }),
      );
      expect(issues).toEqual([{ field: 'contacts.1.email', key: 'validation.email', params: {} }]);
    });

    it('gives contacts.0.email for the first contact', () => {
      expect(firstIssue(validClient({ contacts: [validContact({ email: 'nope' })] }))).toEqual({
        field: 'contacts.0.email',
        key: 'validation.email',
        params: {},
      });
    });

    it('reports every problem, not only the first', () => {
      const fields = issuesOf(ClientInputSchema, validClient({ name: '', town: '', country: 'XX' as never })).map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'town', 'country']));
    });

    it('reports a missing required field as validation.required', () => {
      const { name, ...withoutName } = validClient();
      void name;
      expect(firstIssue(withoutName)).toEqual({ field: 'name', key: 'validation.required', params: {} });
    });

    it('reports a number given for a text field as a type error (validation.type), not as a missing field', () => {
      expect(firstIssue({ ...validClient(), name: 42 })).toEqual({
        field: 'name',
        key: 'validation.type',
        params: { expected: 'string' },
      });
    });

    it('reports a phone number with letters as validation.phone', () => {
      expect(firstIssue(validClient({ contacts: [validContact({ phone: 'call me' })] }))).toEqual({
        field: 'contacts.0.phone',
        key: 'validation.phone',
        params: {},
      });
    });

    it('only produces keys that the English resources translate', () => {
      const en = createI18n('en');
      const inputs: unknown[] = [
        {},
        { ...validClient(), extra: 1 },
        validClient({ name: 'x'.repeat(500), postcode: '!!', consentToShare: true }),
        validClient({ contacts: [validContact({ email: 'x', phone: 'y', name: '' })] }),
        validClient({ consentToShare: true, consentDate: 'yesterday' }),
        validClient({ name: 'a\u0001' }),
      ];
      for (const input of inputs) {
        for (const issue of issuesOf(ClientInputSchema, input)) {
          expect(en.exists(issue.key), issue.key).toBe(true);
        }
      }
    });
  });
});

describe('ClientUpdateSchema', () => {
  it('requires a well-formed id', () => {
    expect(issuesOf(ClientUpdateSchema, { ...validClient(), id: 'not-a-uuid' })[0]).toEqual({
      field: 'id',
      key: 'validation.id',
      params: {},
    });
  });

  it('applies the same consent and postcode rules as create', () => {
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    const fields = issuesOf(ClientUpdateSchema, { ...validClient({ consentToShare: true, consentDate: null, postcode: 'nope' }), id }).map(
      (i) => i.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['consentDate', 'postcode']));
  });
});

describe('ContactInputSchema', () => {
  it('accepts an empty email and phone', () => {
    expect(ContactInputSchema.parse({ name: 'Eva Dahl' })).toEqual({ name: 'Eva Dahl', role: '', email: '', phone: '' });
  });
});

describe('ClientListQuerySchema', () => {
  it('defaults to name order ascending with no search', () => {
    expect(ClientListQuerySchema.parse({})).toEqual({ search: '', sort: 'name', direction: 'asc' });
  });

  it('rejects an unknown sort key', () => {
    expect(issuesOf(ClientListQuerySchema, { sort: 'password' })[0]).toEqual({ field: 'sort', key: 'validation.choose', params: {} });
  });
});
