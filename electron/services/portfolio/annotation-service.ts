import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/portfolio/schema';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { LocalDatabase } from '../database/schema';
import { recordChange } from '../sync/outbox';
import type { SyncClock } from '../sync/sync-clock';

/**
 * The programme office's notes on a firm or one of its assessments. They travel like any synced
 * row, so the adviser sees them read-only after the next sync; the role guard keeps advisers from
 * writing them, and the hub refuses them from anyone but the office.
 */
export class AnnotationService {
  constructor(
    private readonly db: Kysely<LocalDatabase>,
    private readonly clock: SyncClock,
    private readonly author: () => Promise<string>,
  ) {}

  async list(companyId: string): Promise<Annotation[]> {
    const rows = await this.db
      .selectFrom('annotations')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      companyId: row.company_id,
      assessmentId: row.assessment_id,
      body: row.body,
      author: row.author,
      createdAt: row.created_at,
    }));
  }

  async add(input: { companyId: string; assessmentId: string | null; body: string }): Promise<Annotation> {
    const author = await this.author();
    return this.db.transaction().execute(async (trx) => {
      const firm = await trx.selectFrom('companies').select('id').where('id', '=', input.companyId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!firm) throw new AppError('not_found', 'This firm does not exist or was deleted.', 'companyId');
      // The hub empties every note pushed about an erased firm; the office would see it saved, then blank.
      const erased = await trx.selectFrom('erasures').select('company_id').where('company_id', '=', input.companyId).executeTakeFirst();
      if (erased) throw new AppError('conflict', 'This firm was erased on request; notes about it cannot be kept.', 'companyId');
      if (input.assessmentId !== null) {
        const assessment = await trx
          .selectFrom('assessments')
          .select('id')
          .where('id', '=', input.assessmentId)
          .where('company_id', '=', input.companyId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (!assessment) throw new AppError('not_found', 'This assessment does not belong to the firm or was deleted.', 'assessmentId');
      }
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      const row = {
        id: uuidv7(),
        company_id: input.companyId,
        assessment_id: input.assessmentId,
        body: input.body,
        author,
        created_at: now,
        updated_at: hlc,
        updated_by: this.clock.deviceId,
        deleted_at: null,
      };
      await trx.insertInto('annotations').values(row).execute();
      await recordChange(
        trx,
        { table: 'annotations', rowId: row.id, operation: 'upsert', hlc, baseHlc: null, changes: { company_id: row.company_id, assessment_id: row.assessment_id, body: row.body, author, created_at: now } },
        now,
      );
      return { id: row.id, companyId: row.company_id, assessmentId: row.assessment_id, body: row.body, author, createdAt: now };
    });
  }

  async remove(id: string): Promise<{ id: string }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('annotations').select(['id', 'updated_at']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      if (!existing) throw new AppError('not_found', 'This note does not exist or was already removed.', 'id');
      const hlc = await this.clock.stamp(trx);
      const now = this.clock.isoNow();
      await trx.updateTable('annotations').set({ deleted_at: now, updated_at: hlc, updated_by: this.clock.deviceId }).where('id', '=', id).execute();
      await recordChange(trx, { table: 'annotations', rowId: id, operation: 'delete', hlc, baseHlc: existing.updated_at, changes: { deleted_at: now } }, now);
      return { id };
    });
  }
}
