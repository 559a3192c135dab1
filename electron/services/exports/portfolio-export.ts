import type { Writable } from 'node:stream';
import type { Language } from '../../../shared/i18n';
import type { ExportFormat, ParsedPortfolioFilter, Portfolio } from '../../../shared/portfolio/schema';
import { answerColumns, assessmentColumns, type AnswerRow } from './columns';
import { writeCsv } from './csv';
import { exportLabels } from './export-labels';
import { assessmentDetails, selectForExport, type AssessmentDetail, type ExportSources } from './export-rows';
import { writeJson } from './json-export';
import { end, memoryOutput } from './output';
import { viewSheets } from './view-sheets';
import { sheet, writeXlsx } from './xlsx';

export interface ExportDependencies extends ExportSources {
  /** The portfolio's views as the screen shows them, for the workbook's summary sheets. */
  summary: (query: { filter: ParsedPortfolioFilter; language: Language }) => Promise<Portfolio>;
}

export interface ExportRequest {
  filter: ParsedPortfolioFilter;
  format: ExportFormat;
  language: Language;
  now: Date;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export const exportMimeTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  'csv-answers': 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** `portfolio-2026-12-03.xlsx`; the answers' CSV beside it is `portfolio-2026-12-03-answers.csv`. */
export function exportFileName(format: ExportFormat, now: Date): string {
  const stem = `portfolio-${now.toISOString().slice(0, 10)}`;
  return format === 'csv-answers' ? `${stem}-answers.csv` : `${stem}.${format}`;
}

/**
 * Writes the filtered portfolio to `out` in one format and ends it. Every format reads its
 * assessments through `selectForExport`, so they agree with each other and with the screen, and
 * none can show personal data of a firm that does not share it.
 */
export async function writePortfolioExport(deps: ExportDependencies, request: ExportRequest, out: Writable): Promise<{ assessments: number }> {
  const { filter, format, language } = request;
  const labels = exportLabels[language];
  const selection = await selectForExport(deps, filter, language);
  const details = () => assessmentDetails(deps, selection.assessments, language);
  const assessments = assessmentColumns(labels, selection.scoreColumns);
  switch (format) {
    case 'csv':
      await writeCsv(out, assessments, [selection.assessments]);
      break;
    case 'csv-answers':
      await writeCsv(out, answerColumns(labels), answerRows(details()));
      break;
    case 'json':
      await writeJson(out, { exportedAt: request.now, language, filter }, details());
      break;
    case 'xlsx': {
      const portfolio = await deps.summary({ filter, language });
      await writeXlsx(out, [
        sheet(labels.sheets.assessments, assessments, selection.assessments),
        sheet(labels.sheets.answers, answerColumns(labels), answerRows(details())),
        ...viewSheets(portfolio, labels),
      ]);
      break;
    }
  }
  await end(out);
  return { assessments: selection.assessments.length };
}

/** The filtered portfolio as one file in memory, for the API (which sends it base64-encoded). */
export async function exportPortfolio(deps: ExportDependencies, request: ExportRequest): Promise<ExportFile> {
  const output = memoryOutput();
  await writePortfolioExport(deps, request, output.stream);
  return { fileName: exportFileName(request.format, request.now), mimeType: exportMimeTypes[request.format], bytes: output.bytes() };
}

async function* answerRows(details: AsyncIterable<readonly AssessmentDetail[]>): AsyncGenerator<AnswerRow[]> {
  for await (const batch of details) yield batch.flatMap((detail) => detail.answers.map((answer) => ({ ...answer, facts: detail.facts })));
}
