import type { Writable } from 'node:stream';
import type { Language } from '../../../shared/i18n';
import { PORTFOLIO_EXPORT_FORMAT, PORTFOLIO_EXPORT_VERSION, type ExportedAssessment, type PortfolioExport } from '../../../shared/portfolio/export-schema';
import type { ParsedPortfolioFilter } from '../../../shared/portfolio/schema';
import type { AssessmentDetail } from './export-rows';
import { write } from './output';

/**
 * One JSON document (`PortfolioExportSchema`): the header first, then the assessments one at a
 * time as their batches arrive, so the document is never held whole.
 */
export async function writeJson(
  out: Writable,
  header: { exportedAt: Date; language: Language; filter: ParsedPortfolioFilter },
  batches: AsyncIterable<readonly AssessmentDetail[]>,
): Promise<void> {
  const head: Omit<PortfolioExport, 'assessments'> = {
    format: PORTFOLIO_EXPORT_FORMAT,
    version: PORTFOLIO_EXPORT_VERSION,
    exportedAt: header.exportedAt.toISOString(),
    language: header.language,
    filter: recordedFilter(header.filter),
  };
  const opening = JSON.stringify(head);
  await write(out, `${opening.slice(0, -1)},"assessments":[`);
  let first = true;
  for await (const batch of batches) {
    let text = '';
    for (const detail of batch) {
      text += `${first ? '' : ','}\n${JSON.stringify(exportedAssessment(detail))}`;
      first = false;
    }
    await write(out, text);
  }
  await write(out, '\n]}\n');
}

/** Exactly the schema's fields: the table-only extras of the facts (sector label, step counts) stay out. */
function exportedAssessment({ facts, steps, answers }: AssessmentDetail): ExportedAssessment {
  return {
    id: facts.id,
    firm: facts.firm,
    adviser: facts.adviser,
    kind: facts.kind,
    status: facts.status,
    baselineId: facts.baselineId,
    revisionOf: facts.revisionOf,
    visitDate: facts.visitDate,
    finalisedAt: facts.finalisedAt,
    reportLanguage: facts.reportLanguage,
    peoplePresent: facts.peoplePresent,
    instruments: facts.instruments,
    maturity: facts.maturity,
    scores: facts.scores,
    barriers: facts.barriers,
    steps,
    answers: answers.map((a) => ({
      instrumentId: a.instrumentId,
      instrumentVersion: a.instrumentVersion,
      questionId: a.questionId,
      value: a.value,
      notApplicable: a.notApplicable,
      flagged: a.flagged,
      note: a.note,
    })),
  };
}

function recordedFilter({ search, ...rest }: ParsedPortfolioFilter): PortfolioExport['filter'] {
  return { ...rest, searchedByName: search.trim() !== '' };
}
