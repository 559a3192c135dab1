import { AppError } from '../../../shared/api/result';
import type { ExportFormat, ParsedPortfolioFilter } from '../../../shared/portfolio/schema';
import type { Kysely } from 'kysely';
import type { LocalDatabase } from '../database/schema';

export interface ExportFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export async function exportPortfolio(_db: Kysely<LocalDatabase>, _filter: ParsedPortfolioFilter, _format: ExportFormat, _language: 'en' | 'da' | 'sv', _now: () => Date): Promise<ExportFile> {
  throw new AppError('internal', 'Exports are not built yet.');
}
