import type { AppServices } from '../../../electron/services/app-services';
import { ClientInputSchema, ClientUpdateSchema, type Client, type ClientInput } from '../../../shared/clients/schema';
import { validClient } from '../../helpers/fixtures';
import type { HubAdmin } from '../harness';

/** A firm with one draft assessment of the digital-maturity instrument, as an adviser starts a visit. */
export async function startVisit(device: AppServices, name: string) {
  const client = await device.clients.create(ClientInputSchema.parse(validClient({ name })));
  const assessment = await device.assessments.create({
    companyId: client.id,
    kind: 'baseline',
    baselineId: null,
    instruments: [{ id: 'digital-maturity' }],
    visitDate: '2026-11-20',
    peoplePresent: 'Managing director',
    reportLanguage: 'en',
  });
  return { client, assessment };
}

export const INSTRUMENT = 'digital-maturity';

/** Questions answered with a level 0–5, none of them shown only under a condition. */
export async function levelQuestions(device: AppServices): Promise<string[]> {
  const instrument = await device.instruments.get(INSTRUMENT);
  return instrument.questions.filter((q) => q.type === 'level' && !q.appliesIf).map((q) => q.id);
}

export async function dimensions(device: AppServices): Promise<string[]> {
  return (await device.instruments.get(INSTRUMENT)).dimensions.map((d) => d.id);
}

export function saveNote(device: AppServices, assessmentId: string, questionId: string, value: number, note: string) {
  return device.assessments.saveAnswer({ assessmentId, instrumentId: INSTRUMENT, questionId, value, notApplicable: false, note, flagged: false });
}

/** Sends a client back as the edit form does: everything it has, with the given changes. */
export async function updateClient(device: AppServices, id: string, changes: Partial<ClientInput>): Promise<Client> {
  const client = await device.clients.get(id);
  const { createdAt, updatedAt, updatedBy, deletedAt, ...editable } = client;
  void [createdAt, updatedAt, updatedBy, deletedAt];
  return device.clients.update(ClientUpdateSchema.parse({ ...editable, ...changes }));
}

export function answerRowId(device: AppServices, assessmentId: string, questionId: string): string {
  const row = device.database.sqlite
    .prepare('select id from answers where assessment_id = ? and instrument_id = ? and question_id = ?')
    .get(assessmentId, INSTRUMENT, questionId) as { id: string };
  return row.id;
}

export function targetRowId(device: AppServices, assessmentId: string, dimensionId: string): string {
  const row = device.database.sqlite
    .prepare('select id from dimension_targets where assessment_id = ? and instrument_id = ? and dimension_id = ?')
    .get(assessmentId, INSTRUMENT, dimensionId) as { id: string };
  return row.id;
}

/** A programme with one adviser; each test gets its own so that hub counts are per test. */
export async function adviserOf(admin: HubAdmin, name = 'Priya Shah') {
  const programme = await admin.programme();
  const adviser = await admin.user(programme, 'adviser', name);
  return { programme, adviser };
}

/**
 * What the advisers saved last, per column: `table`, `rowId`, `column` → value as the database
 * stores it. Checked on every device after the scenario, so nothing saved goes missing.
 */
export class SavedValues {
  private readonly values = new Map<string, { table: string; rowId: string; column: string; value: unknown }>();

  set(table: string, rowId: string, column: string, value: unknown): void {
    this.values.set(`${table}\u0000${rowId}\u0000${column}`, { table, rowId, column, value });
  }

  entries() {
    return [...this.values.values()];
  }
}

/** Generous limits: these tests are about faults, not about being throttled (they send hundreds of requests). */
export const UNTHROTTLED = {
  rateLimits: { device: { capacity: 100_000, refillPerSecond: 10_000 }, ip: { capacity: 100_000, refillPerSecond: 10_000 } },
};
