import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/portfolio/schema';
import type { LocalDatabase } from '../database/schema';

export class AnnotationService {
  constructor(private readonly db: Kysely<LocalDatabase>) {}
  async list(_companyId: string): Promise<Annotation[]> {
    throw new AppError('internal', 'not yet');
  }
  async add(_input: { companyId: string; assessmentId: string | null; body: string }): Promise<Annotation> {
    throw new AppError('internal', 'not yet');
  }
  async remove(_id: string): Promise<{ id: string }> {
    throw new AppError('internal', 'not yet');
  }
}
