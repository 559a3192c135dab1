import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import type { Answer, Assessment, AssessmentDetail, AssessmentResults, AssessmentSummary, Target } from '../../../shared/assessments/schema';
import { answerProblem, type AnswerRecord } from '../../../shared/instruments/answers';
import type { AnswerValue, Instrument } from '../../../shared/instruments/schema';
import { barrierRatingsFrom, scoreInstrument, toAnswerLookup, type BarrierRatings, type DimensionTarget } from '../../../shared/scoring/scoring';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { AnswerRow, AssessmentRow, DimensionTargetRow, LocalDatabase } from '../database/schema';
import type { InstrumentStore } from '../instruments/instrument-store';
import { keyedRowId } from '../sync/keyed-row-id';
import { recordChange } from '../sync/outbox';
import type { SyncClock } from '../sync/sync-clock';

type Db = Kysely<LocalDatabase> | Transaction<LocalDatabase>;

function toAnswer(row: AnswerRow): Answer {
  return {
    instrumentId: row.instrument_id,
    questionId: row.question_id,
    value: row.value === null ? null : (JSON.parse(row.value) as AnswerValue),
    notApplicable: row.not_applicable === 1,
    note: row.note,
    flagged: row.flagged === 1,
    updatedAt: row.updated_at,
  };
}

function toTarget(row: DimensionTargetRow): Target {
  return { instrumentId: row.instrument_id, dimensionId: row.dimension_id, target: row.target, importance: row.importance, updatedAt: row.updated_at };
}

function changed<T extends object>(before: T, after: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) if (before[key] !== after[key]) result[key] = after[key];
  return result;
}

/** Visits, their answers and targets. Answers are one row per question, each write with its outbox row. */
export class AssessmentService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly clock: SyncClock,
    private readonly instruments: InstrumentStore,
  ) {}

  async create(input: ParsedInput<'assessments.create'>): Promise<Assessment> {
    const refs: { id: string; version: string }[] = [];
    for (const [index, wanted] of input.instruments.entries()) {
      const instrument = await this.instruments.get(wanted.id, wanted.version).catch((error: unknown) => {
        throw error instanceof AppError ? new AppError(error.code, error.message, `instruments.${index}.id`) : error;
      });
      refs.push({ id: instrument.id, version: instrument.version });
    }
    if (new Set(refs.map((r) => r.id)).size !== refs.length) throw new AppError('invalid_input', 'An instrument is listed twice.', 'instruments');
    return this.db.transaction().execute(async (trx) => {
      const company = await trx.selectFrom('companies').select('id').where('id', '=', input.companyId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!company) throw new AppError('not_found', 'This client does not exist or was deleted.', 'companyId');
      if (input.baselineId) {
        const baseline = await trx.selectFrom('assessments').selectAll().where('id', '=', input.baselineId).where('deleted_at', 'is', null).executeTakeFirst();
        if (!baseline || baseline.company_id !== input.companyId) throw new AppError('invalid_input', 'The baseline must be an assessment of the same client.', 'baselineId');
        if (baseline.status !== 'finalised') throw new AppError('invalid_input', 'A follow-up compares with a finalised baseline.', 'baselineId');
      }
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const id = uuidv7();
      const columns = {
        company_id: input.companyId,
        kind: input.kind,
        baseline_id: input.baselineId,
        revision_of: null,
        status: 'draft' as const,
        visit_date: input.visitDate,
        people_present: input.peoplePresent,
        report_language: input.reportLanguage,
        finalised_at: null,
      };
      const stamp = { created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: null };
      await trx.insertInto('assessments').values({ id, ...columns, ...stamp }).execute();
      await recordChange(trx, { table: 'assessments', rowId: id, operation: 'upsert', hlc, baseHlc: null, changes: { ...columns, created_at: now } }, now);
      for (const [position, ref] of refs.entries()) {
        const rowId = uuidv7();
        const link = { assessment_id: id, instrument_id: ref.id, instrument_version: ref.version, position };
        await trx.insertInto('assessment_instruments').values({ id: rowId, ...link, ...stamp }).execute();
        await recordChange(trx, { table: 'assessment_instruments', rowId, operation: 'upsert', hlc, baseHlc: null, changes: { ...link, created_at: now } }, now);
      }
      return this.readAssessment(trx, id);
    });
  }

  async get(id: string): Promise<AssessmentDetail> {
    const assessment = await this.readAssessment(this.db, id);
    const answers = await this.db.selectFrom('answers').selectAll().where('assessment_id', '=', id).where('deleted_at', 'is', null).execute();
    const targets = await this.db.selectFrom('dimension_targets').selectAll().where('assessment_id', '=', id).where('deleted_at', 'is', null).execute();
    const position = await this.db.selectFrom('assessment_positions').select(['instrument_id', 'question_id']).where('assessment_id', '=', id).executeTakeFirst();
    return {
      assessment,
      answers: answers.map(toAnswer),
      targets: targets.map(toTarget),
      position: position ? { instrumentId: position.instrument_id, questionId: position.question_id } : null,
    };
  }

  async update(input: ParsedInput<'assessments.update'>): Promise<Assessment> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.findDraft(trx, input.id);
      const changes = changed(
        { visit_date: existing.visit_date, people_present: existing.people_present, report_language: existing.report_language },
        { visit_date: input.visitDate, people_present: input.peoplePresent, report_language: input.reportLanguage },
      );
      if (Object.keys(changes).length > 0) await this.updateAssessmentRow(trx, existing, changes);
      return this.readAssessment(trx, input.id);
    });
  }

  /** Locks the assessment as handed over; a revision it replaces becomes superseded. */
  async finalise(id: string): Promise<Assessment> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.findDraft(trx, id);
      await this.updateAssessmentRow(trx, existing, { status: 'finalised', finalised_at: this.clock.isoNow() });
      if (existing.revision_of) {
        const previous = await this.findLive(trx, existing.revision_of);
        if (previous.status === 'finalised') await this.updateAssessmentRow(trx, previous, { status: 'superseded' });
      }
      return this.readAssessment(trx, id);
    });
  }

  /**
   * Starts a new draft revision of a finalised assessment, with its answers and targets copied, so
   * what the SME received stays as it was.
   */
  async revise(id: string): Promise<Assessment> {
    return this.db.transaction().execute(async (trx) => {
      const original = await this.findLive(trx, id);
      if (original.status !== 'finalised') throw new AppError('conflict', 'Only a finalised assessment can be revised; a draft can be edited directly.', 'id');
      const pending = await trx.selectFrom('assessments').select('id').where('revision_of', '=', id).where('status', '=', 'draft').where('deleted_at', 'is', null).executeTakeFirst();
      if (pending) throw new AppError('conflict', 'A draft revision of this assessment already exists.', 'id');

      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const stamp = { created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: null };
      const copy = async <T extends 'assessments' | 'assessment_instruments' | 'answers' | 'dimension_targets'>(table: T, columns: Record<string, unknown>, rowId = uuidv7()) => {
        await trx.insertInto(table).values({ id: rowId, ...columns, ...stamp } as never).execute();
        await recordChange(trx, { table, rowId, operation: 'upsert', hlc, baseHlc: null, changes: { ...columns, created_at: now } }, now);
        return rowId;
      };
      const revisionId = await copy('assessments', {
        company_id: original.company_id,
        kind: original.kind,
        baseline_id: original.baseline_id,
        revision_of: original.id,
        status: 'draft',
        visit_date: original.visit_date,
        people_present: original.people_present,
        report_language: original.report_language,
        finalised_at: null,
      });
      const links = await trx.selectFrom('assessment_instruments').selectAll().where('assessment_id', '=', id).where('deleted_at', 'is', null).execute();
      const answers = await trx.selectFrom('answers').selectAll().where('assessment_id', '=', id).where('deleted_at', 'is', null).execute();
      const targets = await trx.selectFrom('dimension_targets').selectAll().where('assessment_id', '=', id).where('deleted_at', 'is', null).execute();
      for (const row of links) {
        await copy('assessment_instruments', { assessment_id: revisionId, instrument_id: row.instrument_id, instrument_version: row.instrument_version, position: row.position });
      }
      for (const row of answers) {
        await copy(
          'answers',
          { assessment_id: revisionId, instrument_id: row.instrument_id, question_id: row.question_id, value: row.value, not_applicable: row.not_applicable, note: row.note, flagged: row.flagged },
          keyedRowId('answers', revisionId, row.instrument_id, row.question_id),
        );
      }
      for (const row of targets) {
        await copy(
          'dimension_targets',
          { assessment_id: revisionId, instrument_id: row.instrument_id, dimension_id: row.dimension_id, target: row.target, importance: row.importance },
          keyedRowId('dimension_targets', revisionId, row.instrument_id, row.dimension_id),
        );
      }
      // The roadmap the firm was given comes along too, with the steps the adviser removed, so a
      // new proposal in the revision still respects those removals.
      const steps = await trx.selectFrom('roadmap_steps').selectAll().where('assessment_id', '=', id).where((eb) => eb.or([eb('deleted_at', 'is', null), eb('edited', '=', 1)])).execute();
      for (const { id: _id, created_at: _c, updated_at: _u, updated_by: _b, deleted_at: deletedAt, ...columns } of steps) {
        const rowId = uuidv7();
        await trx.insertInto('roadmap_steps').values({ id: rowId, ...columns, assessment_id: revisionId, created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: deletedAt }).execute();
        await recordChange(trx, { table: 'roadmap_steps', rowId, operation: deletedAt ? 'delete' : 'upsert', hlc, baseHlc: null, changes: { ...columns, assessment_id: revisionId, created_at: now, deleted_at: deletedAt } }, now);
      }
      return this.readAssessment(trx, revisionId);
    });
  }

  async setPosition(input: ParsedInput<'assessments.setPosition'>): Promise<Record<string, never>> {
    await this.findLive(this.db, input.assessmentId, 'assessmentId');
    await this.db
      .insertInto('assessment_positions')
      .values({ assessment_id: input.assessmentId, instrument_id: input.instrumentId, question_id: input.questionId, updated_at: this.clock.isoNow() })
      .onConflict((oc) => oc.column('assessment_id').doUpdateSet({ instrument_id: input.instrumentId, question_id: input.questionId, updated_at: this.clock.isoNow() }))
      .execute();
    return {};
  }

  async instrumentKind(ref: { id: string; version: string }): Promise<Instrument['kind']> {
    return (await this.instruments.get(ref.id, ref.version)).kind;
  }

  /** The most recent visit on this device, for `--assessment latest`. */
  async latestId(): Promise<string> {
    const row = await this.db
      .selectFrom('assessments')
      .select('id')
      .where('deleted_at', 'is', null)
      .orderBy('visit_date', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'There are no assessments on this device yet.', 'id');
    return row.id;
  }

  async listForClient(companyId: string): Promise<AssessmentSummary[]> {
    const rows = await this.db
      .selectFrom('assessments')
      .select('id')
      .where('company_id', '=', companyId)
      .where('deleted_at', 'is', null)
      .orderBy('visit_date', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const summaries: AssessmentSummary[] = [];
    for (const row of rows) {
      const detail = await this.get(row.id);
      const { instruments } = await this.score(detail);
      const applicable = instruments.reduce((sum, r) => sum + r.applicable, 0);
      const maturity = new Set<string>();
      for (const ref of detail.assessment.instruments) if ((await this.instruments.get(ref.id, ref.version)).kind === 'maturity') maturity.add(ref.id);
      summaries.push({
        ...detail.assessment,
        scores: instruments.filter((r) => maturity.has(r.instrumentId)).map((r) => ({ instrumentId: r.instrumentId, score: r.overall?.score ?? null, band: r.overall?.band ?? null })),
        completeness: applicable === 0 ? 1 : instruments.reduce((sum, r) => sum + r.done, 0) / applicable,
      });
    }
    return summaries;
  }

  async saveAnswer(input: ParsedInput<'answers.save'>): Promise<Answer> {
    return this.db.transaction().execute(async (trx) => {
      const { instrument } = await this.editableInstrument(trx, input.assessmentId, input.instrumentId);
      const question = instrument.questions.find((q) => q.id === input.questionId);
      if (!question) throw new AppError('invalid_input', `${instrument.id} ${instrument.version} has no question ${input.questionId}.`, 'questionId');
      const value = input.notApplicable ? null : input.value;
      const problem = value === null ? null : answerProblem(question, value);
      if (problem) throw new AppError('invalid_input', `The answer does not fit the question: ${problem}.`, 'value');

      const columns = {
        value: value === null ? null : JSON.stringify(value),
        not_applicable: input.notApplicable ? 1 : 0,
        note: input.note,
        flagged: input.flagged ? 1 : 0,
      };
      const key = { assessment_id: input.assessmentId, instrument_id: input.instrumentId, question_id: input.questionId };
      const existing = await trx
        .selectFrom('answers')
        .selectAll()
        .where('assessment_id', '=', key.assessment_id)
        .where('instrument_id', '=', key.instrument_id)
        .where('question_id', '=', key.question_id)
        .executeTakeFirst();
      if (existing) {
        const changes = changed({ value: existing.value, not_applicable: existing.not_applicable, note: existing.note, flagged: existing.flagged }, columns);
        if (Object.keys(changes).length === 0) return toAnswer(existing);
        const hlc = await this.clock.stamp(trx);
        await trx.updateTable('answers').set({ ...changes, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', existing.id).execute();
        await recordChange(trx, { table: 'answers', rowId: existing.id, operation: 'upsert', hlc, baseHlc: existing.updated_at, changes }, this.clock.isoNow());
        return toAnswer({ ...existing, ...changes, updated_at: hlc, updated_by: this.clock.deviceId });
      }
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const row = { id: keyedRowId('answers', key.assessment_id, key.instrument_id, key.question_id), ...key, ...columns, created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: null };
      await trx.insertInto('answers').values(row).execute();
      await recordChange(trx, { table: 'answers', rowId: row.id, operation: 'upsert', hlc, baseHlc: null, changes: { ...key, ...columns, created_at: now } }, now);
      return toAnswer(row);
    });
  }

  async saveTarget(input: ParsedInput<'targets.save'>): Promise<Target> {
    return this.db.transaction().execute(async (trx) => {
      const { instrument } = await this.editableInstrument(trx, input.assessmentId, input.instrumentId);
      if (!instrument.dimensions.some((d) => d.id === input.dimensionId)) {
        throw new AppError('invalid_input', `${instrument.id} has no dimension ${input.dimensionId}.`, 'dimensionId');
      }
      const { min, max } = instrument.scale;
      if (input.target !== null && (input.target < min || input.target > max)) {
        throw new AppError('invalid_input', `The target must lie between ${min} and ${max}.`, 'target');
      }
      const columns = { target: input.target, importance: input.importance };
      const key = { assessment_id: input.assessmentId, instrument_id: input.instrumentId, dimension_id: input.dimensionId };
      const existing = await trx
        .selectFrom('dimension_targets')
        .selectAll()
        .where('assessment_id', '=', key.assessment_id)
        .where('instrument_id', '=', key.instrument_id)
        .where('dimension_id', '=', key.dimension_id)
        .executeTakeFirst();
      if (existing) {
        const changes = changed({ target: existing.target, importance: existing.importance }, columns);
        if (Object.keys(changes).length === 0) return toTarget(existing);
        const hlc = await this.clock.stamp(trx);
        await trx.updateTable('dimension_targets').set({ ...changes, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', existing.id).execute();
        await recordChange(trx, { table: 'dimension_targets', rowId: existing.id, operation: 'upsert', hlc, baseHlc: existing.updated_at, changes }, this.clock.isoNow());
        return toTarget({ ...existing, ...changes, updated_at: hlc });
      }
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const row = { id: keyedRowId('dimension_targets', key.assessment_id, key.instrument_id, key.dimension_id), ...key, ...columns, created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: null };
      await trx.insertInto('dimension_targets').values(row).execute();
      await recordChange(trx, { table: 'dimension_targets', rowId: row.id, operation: 'upsert', hlc, baseHlc: null, changes: { ...key, ...columns, created_at: now } }, now);
      return toTarget(row);
    });
  }

  /** Scores every instrument of the visit; barriers from its diagnostic adjust the priorities. */
  async results(id: string): Promise<AssessmentResults> {
    return this.score(await this.get(id));
  }

  /** Scores an assessment already read, for callers that need the detail too. */
  async score(detail: AssessmentDetail): Promise<AssessmentResults> {
    const loaded: Instrument[] = [];
    for (const ref of detail.assessment.instruments) loaded.push(await this.instruments.get(ref.id, ref.version));
    const answersOf = (instrumentId: string) => toAnswerLookup(detail.answers.filter((a) => a.instrumentId === instrumentId) satisfies AnswerRecord[]);
    const barriers: BarrierRatings = {};
    for (const instrument of loaded) if (instrument.kind === 'diagnostic') Object.assign(barriers, barrierRatingsFrom(instrument, answersOf(instrument.id)));
    return {
      assessmentId: detail.assessment.id,
      barriers,
      instruments: loaded.map((instrument) => {
        const targets = new Map<string, DimensionTarget>();
        for (const t of detail.targets) {
          if (t.instrumentId === instrument.id && t.target !== null && t.importance !== null) targets.set(t.dimensionId, { target: t.target, importance: t.importance });
        }
        return scoreInstrument(instrument, answersOf(instrument.id), { targets, barriers });
      }),
    };
  }

  private async updateAssessmentRow(trx: Transaction<LocalDatabase>, existing: AssessmentRow, changes: Partial<AssessmentRow>): Promise<void> {
    const hlc = await this.clock.stamp(trx);
    await trx.updateTable('assessments').set({ ...changes, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', existing.id).execute();
    await recordChange(trx, { table: 'assessments', rowId: existing.id, operation: 'upsert', hlc, baseHlc: existing.updated_at, changes }, this.clock.isoNow());
  }

  private async findDraft(db: Db, id: string, field = 'id'): Promise<AssessmentRow> {
    const assessment = await this.findLive(db, id, field);
    if (assessment.status !== 'draft') {
      throw new AppError('conflict', 'This assessment is finalised and cannot change; start a new revision to make changes.', field);
    }
    return assessment;
  }

  private async editableInstrument(db: Db, assessmentId: string, instrumentId: string) {
    const assessment = await this.findDraft(db, assessmentId, 'assessmentId');
    const link = await db
      .selectFrom('assessment_instruments')
      .select(['instrument_id', 'instrument_version'])
      .where('assessment_id', '=', assessmentId)
      .where('instrument_id', '=', instrumentId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!link) throw new AppError('invalid_input', `This assessment does not use the instrument ${instrumentId}.`, 'instrumentId');
    return { assessment, instrument: await this.instruments.get(link.instrument_id, link.instrument_version, db) };
  }

  private async findLive(db: Db, id: string, field = 'id'): Promise<AssessmentRow> {
    const row = await db.selectFrom('assessments').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'This assessment does not exist or was deleted.', field);
    return row;
  }

  private async readAssessment(db: Db, id: string): Promise<Assessment> {
    const row = await this.findLive(db, id);
    const links = await db
      .selectFrom('assessment_instruments')
      .select(['instrument_id', 'instrument_version'])
      .where('assessment_id', '=', id)
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .execute();
    return {
      id: row.id,
      companyId: row.company_id,
      kind: row.kind,
      baselineId: row.baseline_id,
      revisionOf: row.revision_of,
      status: row.status,
      visitDate: row.visit_date,
      peoplePresent: row.people_present,
      reportLanguage: row.report_language as Assessment['reportLanguage'],
      finalisedAt: row.finalised_at,
      instruments: links.map((l) => ({ id: l.instrument_id, version: l.instrument_version })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
      deletedAt: row.deleted_at,
    };
  }
}
