import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { Language } from '../../../shared/i18n';
import type { Question } from '../../../shared/instruments/schema';
import { textIn } from '../../../shared/instruments/text';
import { parseHlc } from '../../../shared/sync/hlc';
import type { SyncConflict } from '../../../shared/sync/operations';
import { isSyncedTable, syncedTables } from '../../../shared/sync/tables';
import type { ConflictRow, LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';
import { columnLabel, deletionState, yesOrNo } from './column-labels';
import { recordChange } from './outbox';
import type { SyncClock } from './sync-clock';
import { syncState } from './sync-state';

type Value = string | number | null;

const FLAG_COLUMNS = new Set(['not_applicable', 'flagged', 'consent_to_share', 'edited', 'pinned']);

function answerText(question: Question | undefined, value: Value, language: Language): string {
  if (value === null) return '';
  let answer: unknown;
  try {
    answer = JSON.parse(String(value));
  } catch {
    return String(value);
  }
  if (!question) return Array.isArray(answer) ? answer.join(', ') : String(answer);
  const option = (id: unknown) => {
    const found = 'options' in question ? question.options.find((o) => o.id === id) : undefined;
    return found ? textIn(found.label, language) : String(id);
  };
  switch (question.type) {
    case 'level': {
      const level = question.levels.find((l) => l.level === answer);
      return level ? `${String(answer)} · ${textIn(level.descriptor, language)}` : String(answer);
    }
    case 'single':
      return option(answer);
    case 'multi':
    case 'ranking':
      return Array.isArray(answer) ? answer.map(option).join(', ') : String(answer);
    case 'number':
      return `${String(answer)} ${textIn(question.unit, language)}`;
    case 'yesno':
      return typeof answer === 'boolean' ? yesOrNo(answer, language) : String(answer);
    default:
      return String(answer);
  }
}

/** Concurrent edits the hub recorded, as the adviser sees them, and their resolution. */
export class ConflictService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly clock: SyncClock,
    private readonly instruments: InstrumentStore,
  ) {}

  async list(language: Language): Promise<SyncConflict[]> {
    const rows = await this.db
      .selectFrom('conflicts')
      .selectAll()
      .where('status', '!=', 'resolved')
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const conflicts: SyncConflict[] = [];
    for (const row of rows) {
      const question = row.table_name === 'answers' ? await this.questionOf(row.row_id) : undefined;
      const display = (value: Value) =>
        row.table_name === 'answers' && row.field === 'value'
          ? answerText(question, value, language)
          : row.field === 'deleted_at'
            ? deletionState(value !== null, language)
            : value === null
            ? ''
            : FLAG_COLUMNS.has(row.field)
              ? yesOrNo(Number(value) === 1, language)
              : String(value);
      const side = (value: Value, hlc: string | null) => {
        const clock = hlc ? parseHlc(hlc) : null;
        return { display: display(value), writtenAt: clock ? new Date(clock.wall).toISOString() : '', thisDevice: clock?.device === this.clock.deviceId };
      };
      const label = columnLabel(row.field, language);
      conflicts.push({
        id: row.id,
        table: row.table_name,
        field: row.field,
        firm: await this.firmOf(row.table_name, row.row_id),
        subject: question ? (row.field === 'value' ? textIn(question.text, language) : `${textIn(question.text, language)} · ${label}`) : label,
        kept: side(row.kept_value, row.kept_hlc),
        other: side(row.other_value, row.other_hlc),
      });
    }
    return conflicts;
  }

  /**
   * 'kept' closes the conflict; 'other' also puts the other value back as a new local edit, which
   * then wins everywhere by its fresh clock. Closing is itself a change, so every device learns it.
   */
  async resolve(id: string, choice: 'kept' | 'other'): Promise<{ id: string }> {
    await this.db.transaction().execute(async (trx) => {
      const conflict = await trx.selectFrom('conflicts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!conflict) throw new AppError('not_found', 'This conflict is not on this device.', 'id');
      if (conflict.status === 'resolved') return;
      await refuseOthersConflict(trx, conflict);
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const deviceId = this.clock.deviceId;
      if (choice === 'other') await this.restoreOther(trx, conflict, hlc, now);
      const resolution = { status: 'resolved', resolved_at: now, resolution: choice };
      await trx.updateTable('conflicts').set({ ...resolution, updated_at: hlc, updated_by: deviceId }).where('id', '=', id).execute();
      await recordChange(trx, { table: 'conflicts', rowId: id, operation: 'upsert', hlc, baseHlc: conflict.updated_at, changes: resolution }, now);
    });
    return { id };
  }

  private async restoreOther(trx: Transaction<LocalDatabase>, conflict: ConflictRow, hlc: string, now: string): Promise<void> {
    const table = conflict.table_name;
    const field = conflict.field;
    if (!isSyncedTable(table) || table === 'annotations' || !(syncedTables[table].columns as readonly string[]).includes(field)) {
      throw new AppError('invalid_input', `The other value of ${table}.${field} cannot be put back from this device.`, 'choice');
    }
    const name = table as 'companies';
    const row = await trx.selectFrom(name).select(['id', 'updated_at']).where('id', '=', conflict.row_id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'What this conflict is about is not on this device (it may not have arrived yet).', 'id');
    await trx
      .updateTable(name)
      .set({ [field]: conflict.other_value, updated_at: hlc, updated_by: this.clock.deviceId } as never)
      .where('id', '=', row.id)
      .execute();
    // Read back so the change carries the value as the column stores it (a number stays a number).
    const stored = (await trx.selectFrom(name).select(field as 'name').where('id', '=', row.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
    const value = stored[field];
    const operation = field === 'deleted_at' && value !== null ? 'delete' : 'upsert';
    await recordChange(trx, { table, rowId: row.id, operation, hlc, baseHlc: row.updated_at, changes: { [field]: value } }, now);
  }

  private async questionOf(answerId: string): Promise<Question | undefined> {
    const answer = await this.db
      .selectFrom('answers')
      .innerJoin('assessment_instruments', (join) =>
        join.onRef('assessment_instruments.assessment_id', '=', 'answers.assessment_id').onRef('assessment_instruments.instrument_id', '=', 'answers.instrument_id'),
      )
      .select(['answers.question_id', 'assessment_instruments.instrument_id', 'assessment_instruments.instrument_version'])
      .where('answers.id', '=', answerId)
      .executeTakeFirst();
    if (!answer) return undefined;
    const instrument = await this.instruments.get(answer.instrument_id, answer.instrument_version).catch(() => undefined);
    return instrument?.questions.find((q) => q.id === answer.question_id);
  }

  private async firmOf(table: string, rowId: string): Promise<string | null> {
    if (!isSyncedTable(table)) return null;
    const ownership = syncedTables[table].ownership;
    let companyId: string | undefined;
    if (ownership.kind === 'company') companyId = rowId;
    else if (ownership.kind === 'child') {
      const parent = await this.db
        .selectFrom(table as 'contacts')
        .select(ownership.column as 'company_id')
        .where('id', '=', rowId)
        .executeTakeFirst();
      const parentId = parent ? (parent as Record<string, string>)[ownership.column] : undefined;
      if (ownership.parentTable === 'companies') companyId = parentId;
      else if (parentId) companyId = (await this.db.selectFrom('assessments').select('company_id').where('id', '=', parentId).executeTakeFirst())?.company_id;
    }
    if (!companyId) return null;
    return (await this.db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirst())?.name ?? null;
  }
}

/**
 * The programme office pulls every conflict of the programme, but the hub lets it settle only those
 * about what it writes itself (notes, its own directory entries): anything else would stay in its
 * outbox as a change the hub refused, and the adviser's conflict would stay open.
 */
async function refuseOthersConflict(trx: Transaction<LocalDatabase>, conflict: ConflictRow): Promise<void> {
  const user = (await syncState.enrolment(trx))?.identity.user;
  if (user?.role !== 'office') return;
  const table = conflict.table_name;
  const officeWrites = isSyncedTable(table) && (syncedTables[table].writers as readonly string[]).includes('office');
  const owner = table === 'directory_entries'
    ? await trx.selectFrom('directory_entry_owners').select('owner_user_id').where('entry_id', '=', conflict.row_id).executeTakeFirst()
    : undefined;
  // An office entry has no owner; one made on this device and not yet back from the hub has no line.
  if (officeWrites && (!owner || owner.owner_user_id === null || owner.owner_user_id === user.id)) return;
  throw new AppError('forbidden', 'This conflict is about an adviser’s data; only that adviser can settle it.', 'id');
}
