import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';
import type { ClientInput } from '../../shared/clients/schema';
import type { Instrument } from '../../shared/instruments/schema';
import { uuidv7 } from '../../shared/sync/uuidv7';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { generatedAnswers } from '../../electron/services/demo/demo-assessments';
import { createInProcessTransport } from '../../electron/transports/in-process';
import { validClient, validContact } from '../helpers/fixtures';
import { manualNow } from '../helpers/services';

/** Personal data of the firm that has not agreed to share: none of it may appear in any export. */
export const secret = {
  name: 'Secretive Sheet Metal ApS',
  registrationNumber: 'DK-REG-778899',
  street: 'Hemmelig Vej 13',
  town: 'Skjulby',
  email: 'hidden.person@secret.example',
  contact: 'Hidden Contact Person',
  note: 'NOTE-SECRET-7781 the owner said so',
  peoplePresent: 'Hanne Hemmelig, Present Person',
  owner: 'Owner Secret Name',
  annotation: 'ANNOTATION-SECRET about the family',
};

/** The firm that shares: its name and contact appear. */
export const open = {
  name: 'Consenting Casting Ltd',
  email: 'welcome@consenting.example',
  /** Needs quoting in CSV: a comma, quotes and a line break. */
  note: 'Line one, with "quotes"\nline two',
  /** Would run as a formula in a spreadsheet. */
  formula: '=HYPERLINK("http://evil.example","click")',
};

/** A firm that agreed to share but was erased on request since: exported like one that never agreed. */
export const erased = { name: 'Erased Engineering GmbH', email: 'erased.person@erased.example', note: 'ERASED-NOTE-4410', peoplePresent: 'Ernst Erased' };

export interface ExportFixture {
  services: AppServices;
  api: ApiClient;
  ids: { open: string; secret: string; erased: string };
  assessments: { baseline: string; followUp: string; secret: string; erased: string };
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.message} (${result.error.field ?? ''})`);
  return result.value;
}

/**
 * Three firms in two regions: one sharing with a finalised baseline and follow-up, one not
 * sharing, one erased; each with answers (one with a note) and a generated roadmap. Built once per
 * file (the caller closes the services): the helpers' services close after every test.
 */
export async function exportFixture(options: { dataDirectory?: string } = {}): Promise<ExportFixture> {
  const services = await createAppServices({ ...options, now: manualNow(Date.parse('2026-12-03T09:00:00.000Z')), onInternalError: (error) => console.error(error) });
  const api = createApiClient(createInProcessTransport(services.dispatch));
  const instruments: Instrument[] = [];
  for (const id of ['digital-maturity', 'stepping-stones']) instruments.push(await services.instruments.get(id));

  const client = async (input: Partial<ClientInput>) => unwrap(await api.call('clients.create', validClient(input))).id;
  const ids = {
    open: await client({
      name: open.name,
      region: 'North West',
      consentToShare: true,
      consentDate: '2026-01-10',
      contacts: [validContact({ name: open.formula, email: open.email })],
    }),
    secret: await client({
      name: secret.name,
      registrationNumber: secret.registrationNumber,
      street: secret.street,
      town: secret.town,
      region: 'Region Midtjylland',
      country: 'DK',
      postcode: '8000',
      naceCode: '28',
      consentToShare: false,
      contacts: [validContact({ name: secret.contact, email: secret.email })],
    }),
    erased: await client({
      name: erased.name,
      region: 'North West',
      country: 'DE',
      postcode: '10115',
      consentToShare: true,
      consentDate: '2026-02-01',
      contacts: [validContact({ email: erased.email })],
    }),
  };

  const visit = async (companyId: string, options: { date: string; kind?: 'baseline' | 'follow-up'; baselineId?: string; maturity: number; note: string; people?: string; owner?: string }) => {
    const assessment = unwrap(
      await api.call('assessments.create', {
        companyId,
        kind: options.kind ?? 'baseline',
        baselineId: options.baselineId ?? null,
        instruments: instruments.map((i) => ({ id: i.id, version: i.version })),
        visitDate: options.date,
        peoplePresent: options.people ?? '',
        reportLanguage: 'en',
      }),
    );
    for (const instrument of instruments) {
      for (const [index, answer] of generatedAnswers(instrument, options.maturity, 7).entries()) {
        const note = instrument.id === 'digital-maturity' && index === 0 ? options.note : '';
        unwrap(await api.call('answers.save', { assessmentId: assessment.id, instrumentId: instrument.id, ...answer, note, flagged: false }));
      }
    }
    const roadmap = unwrap(await api.call('roadmap.generate', { assessmentId: assessment.id }));
    const first = roadmap.steps[0];
    if (first) unwrap(await api.call('roadmap.updateStep', { id: first.id, owner: options.owner ?? 'Plant manager', status: 'done' }));
    unwrap(await api.call('assessments.finalise', { id: assessment.id }));
    return assessment.id;
  };

  const baseline = await visit(ids.open, { date: '2025-03-04', maturity: 0.3, note: open.note });
  const followUp = await visit(ids.open, { date: '2026-03-05', kind: 'follow-up', baselineId: baseline, maturity: 0.6, note: '+44 1422 380 114' });
  const secretVisit = await visit(ids.secret, { date: '2025-06-10', maturity: 0.5, note: secret.note, people: secret.peoplePresent, owner: secret.owner });
  const erasedVisit = await visit(ids.erased, { date: '2025-09-15', maturity: 0.4, note: erased.note, people: erased.peoplePresent });

  // The hub tells the office who advises whom, who was erased, and carries the office's notes.
  const db = services.database.db;
  await db.insertInto('advisers').values({ id: 'adviser-1', name: 'Claire Hughes' }).execute();
  await db.insertInto('company_advisers').values([ids.open, ids.secret, ids.erased].map((company_id) => ({ company_id, adviser_id: 'adviser-1' }))).execute();
  await db.insertInto('erasures').values({ company_id: ids.erased, erased_at: '2026-11-30T12:00:00.000Z' }).execute();
  const stamp = { created_at: '2026-11-01T10:00:00.000Z', updated_at: '2026-11-01T10:00:00.000Z-0000-office', updated_by: 'office', deleted_at: null };
  await db
    .insertInto('annotations')
    .values([
      { id: uuidv7(), company_id: ids.secret, assessment_id: null, body: secret.annotation, author: 'Olga Office', ...stamp },
      { id: uuidv7(), company_id: ids.open, assessment_id: baseline, body: 'Good candidate for a grant', author: 'Olga Office', ...stamp },
    ])
    .execute();

  return { services, api, ids, assessments: { baseline, followUp, secret: secretVisit, erased: erasedVisit } };
}
