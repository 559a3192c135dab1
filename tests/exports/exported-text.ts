import type { ExportFixture } from './export-fixture';
import { unzip } from './unzip';
import type { ExportFormat, PortfolioFilter } from '../../shared/portfolio/schema';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** An export as the app's API hands it to the renderer. */
export async function exportVia(fixture: ExportFixture, format: ExportFormat, filter: PortfolioFilter = {}, language: 'en' | 'da' | 'sv' = 'en'): Promise<ExportedFile> {
  const result = await fixture.api.call('portfolio.export', { format, filter, language });
  if (!result.ok) throw new Error(result.error.message);
  return { fileName: result.value.fileName, mimeType: result.value.mimeType, bytes: Buffer.from(result.value.base64, 'base64') };
}

/** All the text a file holds, with an XLSX's parts unzipped, so a search sees every byte a reader could. */
export function searchableText(format: ExportFormat, bytes: Buffer): string {
  if (format !== 'xlsx') return bytes.toString('utf8');
  return [...unzip(bytes).values()].map((part) => part.toString('utf8')).join('\n');
}
