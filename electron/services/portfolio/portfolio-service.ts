import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { ParsedInput, OperationOutput } from '../../../shared/api/contract';
import type { LocalDatabase } from '../database/schema';

export class PortfolioService {
  constructor(private readonly db: Kysely<LocalDatabase>) {}
  async options(): Promise<OperationOutput<'portfolio.options'>> {
    throw new AppError('internal', 'not yet');
  }
  async summary(_input: ParsedInput<'portfolio.summary'>): Promise<OperationOutput<'portfolio.summary'>> {
    throw new AppError('internal', 'not yet');
  }
  async assessments(_input: ParsedInput<'portfolio.assessments'>): Promise<OperationOutput<'portfolio.assessments'>> {
    throw new AppError('internal', 'not yet');
  }
}
