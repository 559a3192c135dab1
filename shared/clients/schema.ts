import { z } from 'zod';
import { requiredText, text } from '../text/text-schema';
import { countries, employeeBands, naceCodes, turnoverBands } from './sectors';
import { IdSchema, SyncedRowSchema } from '../sync/row';
import { postcodeIsValid } from './postcode';


const IsoDateSchema = z.iso.date({ message: 'validation.date' });

export const ContactInputSchema = z
  .object({
    id: IdSchema.optional(),
    name: requiredText(120),
    role: text(120).default(''),
    email: text(254)
      .refine((value) => value === '' || z.email().safeParse(value).success, { message: 'validation.email' })
      .default(''),
    phone: text(40)
      .refine((value) => /^[+0-9 ()./-]*$/.test(value), { message: 'validation.phone' })
      .default(''),
  })
  .strict();
export type ContactInput = z.input<typeof ContactInputSchema>;

const clientFields = {
  name: requiredText(200),
  registrationNumber: text(40).default(''),
  naceCode: z.enum(naceCodes, { message: 'validation.choose' }),
  employeeBand: z.enum(employeeBands, { message: 'validation.choose' }),
  turnoverBand: z.enum(turnoverBands, { message: 'validation.choose' }),
  street: text(200).default(''),
  town: requiredText(100),
  postcode: text(20).default(''),
  region: requiredText(100),
  country: z.enum(countries, { message: 'validation.choose' }),
  contacts: z.array(ContactInputSchema).max(50).default([]),
  consentToShare: z.boolean().default(false),
  consentDate: IsoDateSchema.nullable().default(null),
};

type ConsentAndPostcode = Partial<Record<'consentToShare' | 'consentDate' | 'postcode' | 'country', unknown>>;

// Runs even when other fields are invalid, so a form shows every problem at once; hence the
// defensive types: any field here may still hold what the user typed.
function checkConsentAndPostcode(client: ConsentAndPostcode, ctx: z.RefinementCtx): void {
  if (client.consentToShare === true && !client.consentDate) {
    ctx.addIssue({ code: 'custom', path: ['consentDate'], message: 'validation.consentDateRequired' });
  }
  if (typeof client.postcode === 'string' && client.postcode && typeof client.country === 'string' && !postcodeIsValid(client.country, client.postcode)) {
    ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'validation.postcode' });
  }
}
const alwaysCheck = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

export const ClientInputSchema = z.object(clientFields).strict().superRefine(checkConsentAndPostcode, alwaysCheck);
export type ClientInput = z.input<typeof ClientInputSchema>;
export type ValidClientInput = z.output<typeof ClientInputSchema>;

export const ClientUpdateSchema = z
  .object({ id: IdSchema, ...clientFields })
  .strict()
  .superRefine(checkConsentAndPostcode, alwaysCheck);
export type ClientUpdate = z.input<typeof ClientUpdateSchema>;

export const ContactSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: z.string(),
  email: z.string(),
  phone: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ClientSchema = SyncedRowSchema.extend({
  name: z.string(),
  registrationNumber: z.string(),
  naceCode: z.enum(naceCodes),
  employeeBand: z.enum(employeeBands),
  turnoverBand: z.enum(turnoverBands),
  street: z.string(),
  town: z.string(),
  postcode: z.string(),
  region: z.string(),
  country: z.enum(countries),
  contacts: z.array(ContactSchema),
  consentToShare: z.boolean(),
  consentDate: z.string().nullable(),
});
export type Client = z.infer<typeof ClientSchema>;

export const ClientSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  town: z.string(),
  region: z.string(),
  country: z.enum(countries),
  naceCode: z.enum(naceCodes),
  employeeBand: z.enum(employeeBands),
  contactCount: z.number().int(),
  updatedAt: z.string(),
});
export type ClientSummary = z.infer<typeof ClientSummarySchema>;

export const clientSortKeys = ['name', 'town', 'sector', 'region', 'updated'] as const;
export type ClientSortKey = (typeof clientSortKeys)[number];

export const ClientListQuerySchema = z
  .object({
    search: text(200).default(''),
    naceCode: z.enum(naceCodes).optional(),
    sort: z.enum(clientSortKeys).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type ClientListQuery = z.input<typeof ClientListQuerySchema>;
