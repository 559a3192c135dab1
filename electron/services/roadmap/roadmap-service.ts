import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import type { BudgetBand, Horizon, RoadmapInputs } from '../../../shared/roadmap/generator';
import { generateRoadmap, horizons } from '../../../shared/roadmap/generator';
import type { Catalogue } from '../../../shared/roadmap/catalogue-schema';
import type { CatalogueStore } from './catalogue-store';
import type { Roadmap, RoadmapStep } from '../../../shared/roadmap/schema';
import type { AssessmentDetail } from '../../../shared/assessments/schema';
import type { DriverId } from '../../../shared/instruments/schema';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { AssessmentService } from '../assessments/assessment-service';
import type { LocalDatabase, RoadmapStepRow } from '../database/schema';
import { recordChange } from '../sync/outbox';
import type { SyncClock } from '../sync/sync-clock';

type Db = Kysely<LocalDatabase> | Transaction<LocalDatabase>;
type StepColumns = Omit<RoadmapStepRow, 'id' | 'created_at' | 'updated_at' | 'updated_by' | 'deleted_at'>;

const BUDGETS: readonly string[] = ['under-5k', '5k-25k', '25k-100k', 'over-100k'];

/** The roadmap of an assessment: stored steps the adviser controls, proposed by the generator. */
export class RoadmapService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly clock: SyncClock,
    private readonly assessments: AssessmentService,
    private readonly catalogues: CatalogueStore,
    /** The directories to link steps to: the catalogue's examples and the adviser's own entries. */
    private readonly directories: () => Promise<Catalogue['directories']>,
  ) {}

  async get(assessmentId: string): Promise<Roadmap> {
    await this.assessments.get(assessmentId);
    return this.read(this.db, assessmentId);
  }

  async inputsFor(assessmentId: string): Promise<RoadmapInputs> {
    return this.inputsFrom(await this.assessments.get(assessmentId));
  }

  private async inputsFrom(detail: AssessmentDetail): Promise<RoadmapInputs> {
    const results = await this.assessments.score(detail);
    const company = await this.db.selectFrom('companies').select(['nace_code', 'region', 'country']).where('id', '=', detail.assessment.companyId).executeTakeFirstOrThrow();
    const answer = (questionId: string) => detail.answers.find((a) => a.instrumentId === 'stepping-stones' && a.questionId === questionId && !a.notApplicable)?.value ?? null;
    const hours = answer('ss-capacity-hours');
    const budget = answer('ss-capacity-budget');
    const peers = answer('ss-enabler-peers');
    const drivers = answer('ss-drivers');
    const maturityIds = new Set<string>();
    for (const ref of detail.assessment.instruments) if ((await this.assessments.instrumentKind(ref)) === 'maturity') maturityIds.add(ref.id);
    return {
      maturity: results.instruments.filter((r) => maturityIds.has(r.instrumentId)),
      barriers: results.barriers,
      drivers: Array.isArray(drivers) ? (drivers as DriverId[]) : [],
      hoursPerWeek: typeof hours === 'number' ? hours : null,
      budget: typeof budget === 'string' && BUDGETS.includes(budget) ? (budget as BudgetBand) : null,
      opensToPeers: !(Array.isArray(peers) && peers.includes('none')),
      client: { naceCode: company.nace_code, region: company.region, country: company.country },
    };
  }

  /**
   * Proposes steps again. Steps the adviser edited, added, pinned or carried over stay exactly as
   * they are; a catalogue step the adviser removed is not proposed again; the rest is replaced.
   */
  async generate(assessmentId: string): Promise<Roadmap> {
    // One read of the assessment serves the inputs and the follow-up check.
    const detail = await this.assessments.get(assessmentId);
    const catalogue = await this.catalogues.current();
    const proposal = generateRoadmap({ ...catalogue, directories: await this.directories() }, await this.inputsFrom(detail));
    const { baselineId } = detail.assessment;
    return this.db.transaction().execute(async (trx) => {
      await this.assertDraft(trx, assessmentId);
      if (baselineId) await this.carryForward(trx, assessmentId, baselineId);
      const rows = await trx.selectFrom('roadmap_steps').selectAll().where('assessment_id', '=', assessmentId).execute();
      const kept = rows.filter((r) => r.deleted_at === null && (r.edited === 1 || r.pinned === 1 || r.origin !== 'generated'));
      const refused = new Set(rows.filter((r) => r.deleted_at !== null && r.edited === 1).map((r) => r.catalogue_step_id));
      const keptCatalogueIds = new Set(kept.map((r) => r.catalogue_step_id));
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      for (const row of rows.filter((r) => r.deleted_at === null && !kept.includes(r))) {
        await trx.updateTable('roadmap_steps').set({ deleted_at: now, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', row.id).execute();
        await recordChange(trx, { table: 'roadmap_steps', rowId: row.id, operation: 'delete', hlc, baseHlc: row.updated_at, changes: { deleted_at: now } }, now);
      }
      // Kept steps stay in their places; new proposals fill the free places around them, in order.
      const taken = new Map<Horizon, Set<number>>(horizons.map((h) => [h, new Set(kept.filter((r) => r.horizon === h).map((r) => r.position))]));
      const freePosition = (horizon: Horizon) => {
        const used = taken.get(horizon)!;
        let position = 0;
        while (used.has(position)) position += 1;
        used.add(position);
        return position;
      };
      for (const step of proposal) {
        if (keptCatalogueIds.has(step.stepId) || refused.has(step.stepId)) continue;
        await this.insert(trx, hlc, now, {
          assessment_id: assessmentId,
          catalogue_step_id: step.stepId,
          catalogue_version: catalogue.version,
          origin: 'generated',
          horizon: step.horizon,
          position: freePosition(step.horizon),
          title: null,
          description: null,
          effort_days: null,
          cost_band: null,
          kpi: null,
          owner: '',
          target_month: null,
          status: null,
          carried_from: null,
          edited: 0,
          pinned: 0,
          why: JSON.stringify(step.why),
          enabler: step.enabler ? JSON.stringify(step.enabler) : null,
        });
      }
      // Only if fewer proposals came than there were gaps do kept steps move up to close them.
      await this.renumber(trx, assessmentId);
      return this.read(trx, assessmentId);
    });
  }

  /**
   * At a follow-up visit every step of the baseline's roadmap comes along, marked planned until the
   * adviser records what became of it (done, in progress, dropped).
   */
  private async carryForward(trx: Transaction<LocalDatabase>, assessmentId: string, baselineId: string): Promise<void> {
    const already = new Set((await trx.selectFrom('roadmap_steps').select('carried_from').where('assessment_id', '=', assessmentId).execute()).map((r) => r.carried_from));
    const baseline = (await this.liveRows(trx, baselineId)).filter((r) => !already.has(r.id));
    if (baseline.length === 0) return;
    const hlc = await this.clock.stamp(trx);
    const now = this.clock.isoNow();
    for (const row of baseline) {
      const { id: _id, created_at: _c, updated_at: _u, updated_by: _b, deleted_at: _d, ...columns } = row;
      await this.insert(trx, hlc, now, { ...columns, assessment_id: assessmentId, origin: 'carried', carried_from: row.id, status: row.status ?? 'planned' });
    }
  }

  async updateStep(input: ParsedInput<'roadmap.updateStep'>): Promise<Roadmap> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.findStep(trx, input.id);
      const changes: Partial<StepColumns> = {};
      if (input.title !== undefined) changes.title = input.title;
      if (input.description !== undefined) changes.description = input.description;
      if (input.effortDays !== undefined) changes.effort_days = input.effortDays;
      if (input.costBand !== undefined) changes.cost_band = input.costBand;
      if (input.kpi !== undefined) changes.kpi = input.kpi;
      if (input.owner !== undefined) changes.owner = input.owner;
      if (input.targetMonth !== undefined) changes.target_month = input.targetMonth;
      if (input.pinned !== undefined) changes.pinned = input.pinned ? 1 : 0;
      if (input.status !== undefined) changes.status = input.status;
      // Pinning alone is not an edit; anything else the adviser changes is, and regeneration keeps it.
      if (Object.keys(changes).some((k) => k !== 'pinned')) changes.edited = 1;
      await this.write(trx, row, changes);
      return this.read(trx, row.assessment_id);
    });
  }

  async moveStep(input: ParsedInput<'roadmap.moveStep'>): Promise<Roadmap> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.findStep(trx, input.id);
      const live = await this.liveRows(trx, row.assessment_id);
      const lanes = new Map<Horizon, RoadmapStepRow[]>(horizons.map((h) => [h, live.filter((r) => r.horizon === h && r.id !== row.id)]));
      const lane = lanes.get(input.horizon)!;
      lane.splice(Math.min(input.position, lane.length), 0, { ...row, horizon: input.horizon });
      for (const [horizon, rows] of lanes) {
        for (const [position, placed] of rows.entries()) {
          // Compare with the row as stored: the moved step's copy in the lane already has its new horizon.
          const stored = placed.id === row.id ? row : placed;
          const changes: Partial<StepColumns> = {};
          if (stored.position !== position) changes.position = position;
          if (stored.horizon !== horizon) changes.horizon = horizon;
          if (stored.id === row.id && Object.keys(changes).length > 0) changes.edited = 1;
          if (Object.keys(changes).length > 0) await this.write(trx, stored, changes);
        }
      }
      return this.read(trx, row.assessment_id);
    });
  }

  async addStep(input: ParsedInput<'roadmap.addStep'>): Promise<Roadmap> {
    return this.db.transaction().execute(async (trx) => {
      await this.assertDraft(trx, input.assessmentId);
      await this.renumber(trx, input.assessmentId);
      const lane = (await this.liveRows(trx, input.assessmentId)).filter((r) => r.horizon === input.horizon);
      const hlc = await this.clock.stamp(trx);
      await this.insert(trx, hlc, this.clock.isoNow(), {
        assessment_id: input.assessmentId,
        catalogue_step_id: null,
        catalogue_version: null,
        origin: 'custom',
        horizon: input.horizon,
        position: lane.length,
        title: input.title,
        description: input.description,
        effort_days: null,
        cost_band: null,
        kpi: null,
        owner: input.owner,
        target_month: input.targetMonth,
        status: null,
        carried_from: null,
        edited: 1,
        pinned: 0,
        why: '[]',
        enabler: null,
      });
      return this.read(trx, input.assessmentId);
    });
  }

  async removeStep(id: string): Promise<Roadmap> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.findStep(trx, id);
      // Close the gap first, so the lane stays numbered 0..n-1 and the removal is the last change.
      const lane = (await this.liveRows(trx, row.assessment_id)).filter((r) => r.horizon === row.horizon && r.id !== row.id);
      for (const [position, other] of lane.entries()) if (other.position !== position) await this.write(trx, other, { position });
      await this.write(trx, row, { edited: 1 }, this.clock.isoNow());
      return this.read(trx, row.assessment_id);
    });
  }

  async restoreStep(id: string): Promise<Roadmap> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('roadmap_steps').selectAll().where('id', '=', id).executeTakeFirst();
      // Only a step the adviser removed can come back; one that a new proposal replaced is gone for good.
      if (!row || (row.deleted_at !== null && row.edited !== 1)) throw new AppError('not_found', 'This roadmap step does not exist or cannot be restored.', 'id');
      await this.assertDraft(trx, row.assessment_id);
      if (row.deleted_at !== null) {
        // Back in its old place: the steps from there on move down one.
        const lane = (await this.liveRows(trx, row.assessment_id)).filter((r) => r.horizon === row.horizon);
        for (const other of lane.filter((r) => r.position >= row.position).reverse()) await this.write(trx, other, { position: other.position + 1 });
        await this.write(trx, row, {}, null);
        await this.renumber(trx, row.assessment_id);
      }
      return this.read(trx, row.assessment_id);
    });
  }

  private async assertDraft(db: Db, assessmentId: string): Promise<void> {
    const assessment = await db.selectFrom('assessments').select('status').where('id', '=', assessmentId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!assessment) throw new AppError('not_found', 'This assessment does not exist or was deleted.', 'assessmentId');
    if (assessment.status !== 'draft') throw new AppError('conflict', 'This assessment is finalised; start a revision to change its roadmap.', 'assessmentId');
  }

  private async findStep(db: Db, id: string): Promise<RoadmapStepRow> {
    const row = await db.selectFrom('roadmap_steps').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'This roadmap step does not exist or was removed.', 'id');
    await this.assertDraft(db, row.assessment_id);
    return row;
  }

  /** Numbers every lane 0..n-1 in its current order, so a step added or restored lands where expected. */
  private async renumber(trx: Transaction<LocalDatabase>, assessmentId: string): Promise<void> {
    const live = await this.liveRows(trx, assessmentId);
    for (const horizon of horizons) {
      for (const [position, row] of live.filter((r) => r.horizon === horizon).entries()) {
        if (row.position !== position) await this.write(trx, row, { position });
      }
    }
  }

  private liveRows(db: Db, assessmentId: string): Promise<RoadmapStepRow[]> {
    return db.selectFrom('roadmap_steps').selectAll().where('assessment_id', '=', assessmentId).where('deleted_at', 'is', null).orderBy('position').orderBy('id').execute();
  }

  private async insert(trx: Transaction<LocalDatabase>, hlc: string, now: string, columns: StepColumns): Promise<void> {
    const id = uuidv7();
    await trx.insertInto('roadmap_steps').values({ id, ...columns, created_at: now, updated_at: hlc, updated_by: this.clock.deviceId, deleted_at: null }).execute();
    await recordChange(trx, { table: 'roadmap_steps', rowId: id, operation: 'upsert', hlc, baseHlc: null, changes: { ...columns, created_at: now } }, now);
  }

  /** Writes changed columns; `deletedAt` tombstones (a time) or restores (null) the row as well. */
  private async write(trx: Transaction<LocalDatabase>, row: RoadmapStepRow, changes: Partial<StepColumns>, deletedAt?: string | null): Promise<void> {
    const actual: Partial<RoadmapStepRow> = {};
    for (const [key, value] of Object.entries(changes) as [keyof StepColumns, never][]) if (row[key] !== value) actual[key] = value;
    if (deletedAt !== undefined && row.deleted_at !== deletedAt) actual.deleted_at = deletedAt;
    if (Object.keys(actual).length === 0) return;
    const hlc = await this.clock.stamp(trx);
    await trx.updateTable('roadmap_steps').set({ ...actual, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', row.id).execute();
    const operation = actual.deleted_at ? 'delete' : 'upsert';
    await recordChange(trx, { table: 'roadmap_steps', rowId: row.id, operation, hlc, baseHlc: row.updated_at, changes: actual }, this.clock.isoNow());
  }

  private async read(db: Db, assessmentId: string): Promise<Roadmap> {
    const rows = await db.selectFrom('roadmap_steps').selectAll().where('assessment_id', '=', assessmentId).orderBy('position').orderBy('id').execute();
    const current = await this.catalogues.current(db);
    const byVersion = new Map<string, Catalogue>();
    for (const version of new Set(rows.map((r) => r.catalogue_version).filter((v) => v !== null))) {
      byVersion.set(version, (await this.catalogues.version(version, db)) ?? current);
    }
    const catalogueStep = (row: RoadmapStepRow) => {
      if (row.catalogue_step_id === null) return null;
      const catalogue = byVersion.get(row.catalogue_version ?? '') ?? current;
      return catalogue.steps.find((s) => s.id === row.catalogue_step_id) ?? null;
    };
    const view = (row: RoadmapStepRow): RoadmapStep => ({
      id: row.id,
      origin: row.origin,
      horizon: row.horizon,
      position: row.position,
      catalogueStep: catalogueStep(row),
      title: row.title,
      description: row.description,
      effortDays: row.effort_days,
      costBand: row.cost_band as RoadmapStep['costBand'],
      kpi: row.kpi,
      owner: row.owner,
      targetMonth: row.target_month,
      status: row.status,
      carriedFrom: row.carried_from,
      edited: row.edited === 1,
      pinned: row.pinned === 1,
      why: JSON.parse(row.why) as RoadmapStep['why'],
      enabler: row.enabler ? (JSON.parse(row.enabler) as RoadmapStep['enabler']) : null,
      updatedAt: row.updated_at,
    });
    const order = (a: RoadmapStepRow, b: RoadmapStepRow) => horizons.indexOf(a.horizon) - horizons.indexOf(b.horizon) || a.position - b.position || a.id.localeCompare(b.id);
    return {
      assessmentId,
      steps: rows.filter((r) => r.deleted_at === null).sort(order).map(view),
      removed: rows.filter((r) => r.deleted_at !== null && r.edited === 1).map(view),
    };
  }
}
