import { barrierIds, type AnswerValue } from '../../../shared/instruments/schema';
import type { ExportLabels } from './export-labels';
import type { AssessmentDetail, AssessmentFacts, ScoreColumn } from './export-rows';

export type CellValue = string | number | boolean | Date | null;

/** How a spreadsheet should show the column; CSV writes dates as ISO 8601 text. */
export type CellType = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'month' | 'mixed';

export interface Column<T> {
  header: string;
  type: CellType;
  /** In characters, for the spreadsheet. */
  width: number;
  value: (row: T) => CellValue;
}

export type AnswerRow = AssessmentDetail['answers'][number] & { facts: AssessmentFacts };

const ID_WIDTH = 38;

/** One row per assessment: the firm (redacted), the visit, its scores and barrier ratings. */
export function assessmentColumns(labels: ExportLabels, scores: readonly ScoreColumn[]): Column<AssessmentFacts>[] {
  const c = labels.columns;
  const firstContact = (row: AssessmentFacts) => row.firm.contacts[0];
  const fixed: Column<AssessmentFacts>[] = [
    { header: c.assessmentId, type: 'text', width: ID_WIDTH, value: (r) => r.id },
    { header: c.companyId, type: 'text', width: ID_WIDTH, value: (r) => r.firm.id },
    { header: c.firm, type: 'text', width: 32, value: (r) => r.firm.name },
    { header: c.consentToShare, type: 'boolean', width: 10, value: (r) => r.firm.consentToShare },
    { header: c.erased, type: 'boolean', width: 8, value: (r) => r.firm.erased },
    { header: c.registrationNumber, type: 'text', width: 14, value: (r) => r.firm.registrationNumber },
    { header: c.street, type: 'text', width: 26, value: (r) => r.firm.street },
    { header: c.town, type: 'text', width: 16, value: (r) => r.firm.town },
    { header: c.postcode, type: 'text', width: 10, value: (r) => r.firm.postcode },
    { header: c.region, type: 'text', width: 22, value: (r) => r.firm.region },
    { header: c.country, type: 'text', width: 8, value: (r) => r.firm.country },
    { header: c.naceCode, type: 'text', width: 6, value: (r) => r.firm.naceCode },
    { header: c.sector, type: 'text', width: 28, value: (r) => r.sector },
    { header: c.employeeBand, type: 'text', width: 10, value: (r) => r.firm.employeeBand },
    { header: c.turnoverBand, type: 'text', width: 10, value: (r) => r.firm.turnoverBand },
    { header: c.contactName, type: 'text', width: 22, value: (r) => firstContact(r)?.name ?? null },
    { header: c.contactEmail, type: 'text', width: 26, value: (r) => firstContact(r)?.email ?? null },
    { header: c.contactPhone, type: 'text', width: 16, value: (r) => firstContact(r)?.phone ?? null },
    { header: c.adviserId, type: 'text', width: ID_WIDTH, value: (r) => r.adviser.id },
    { header: c.adviser, type: 'text', width: 20, value: (r) => r.adviser.name },
    { header: c.kind, type: 'text', width: 10, value: (r) => r.kind },
    { header: c.status, type: 'text', width: 10, value: (r) => r.status },
    { header: c.visitDate, type: 'date', width: 12, value: (r) => isoDate(r.visitDate) },
    { header: c.finalisedAt, type: 'datetime', width: 18, value: (r) => isoDateTime(r.finalisedAt) },
    { header: c.baselineId, type: 'text', width: ID_WIDTH, value: (r) => r.baselineId },
    { header: c.revisionOf, type: 'text', width: ID_WIDTH, value: (r) => r.revisionOf },
    { header: c.peoplePresent, type: 'text', width: 30, value: (r) => r.peoplePresent },
    { header: c.reportLanguage, type: 'text', width: 8, value: (r) => r.reportLanguage },
    { header: c.instruments, type: 'text', width: 40, value: (r) => r.instruments.map((i) => `${i.id}@${i.version}`).join('; ') },
    { header: c.maturity, type: 'number', width: 10, value: (r) => r.maturity },
    { header: c.stepsRecommended, type: 'number', width: 10, value: (r) => r.stepsRecommended },
    { header: c.stepsCompleted, type: 'number', width: 10, value: (r) => r.stepsCompleted },
  ];
  // Machine ids as headers: dimension titles change between instrument versions, the ids do not.
  const scoreCells = scores.map((s): Column<AssessmentFacts> => ({
    header: `${s.instrumentId}/${s.dimensionId}`,
    type: 'number',
    width: 12,
    value: (r) => r.scores.find((x) => x.instrumentId === s.instrumentId && x.dimensionId === s.dimensionId)?.score ?? null,
  }));
  const barrierCells = barrierIds.map((id): Column<AssessmentFacts> => ({
    header: `barrier/${id}`,
    type: 'number',
    width: 12,
    value: (r) => r.barriers.find((b) => b.barrierId === id)?.rating ?? null,
  }));
  return [...fixed, ...scoreCells, ...barrierCells];
}

/** The long format: one row per answer, named by assessment, firm, instrument version and question. */
export function answerColumns(labels: ExportLabels): Column<AnswerRow>[] {
  const c = labels.columns;
  return [
    { header: c.assessmentId, type: 'text', width: ID_WIDTH, value: (r) => r.facts.id },
    { header: c.companyId, type: 'text', width: ID_WIDTH, value: (r) => r.facts.firm.id },
    { header: c.firm, type: 'text', width: 32, value: (r) => r.facts.firm.name },
    { header: c.instrumentId, type: 'text', width: 22, value: (r) => r.instrumentId },
    { header: c.instrumentVersion, type: 'text', width: 10, value: (r) => r.instrumentVersion },
    { header: c.questionId, type: 'text', width: 24, value: (r) => r.questionId },
    { header: c.question, type: 'text', width: 50, value: (r) => r.question },
    { header: c.value, type: 'mixed', width: 16, value: (r) => answerCell(r.value) },
    { header: c.notApplicable, type: 'boolean', width: 10, value: (r) => r.notApplicable },
    { header: c.flagged, type: 'boolean', width: 8, value: (r) => r.flagged },
    { header: c.note, type: 'text', width: 40, value: (r) => r.note },
  ];
}

/** Levels and numbers stay numbers, yes/no a boolean; several chosen options become one text cell. */
function answerCell(value: AnswerValue | null): CellValue {
  return Array.isArray(value) ? value.join('; ') : value;
}

function isoDate(date: string): Date | string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : parsed;
}

function isoDateTime(value: string | null): Date | string | null {
  if (value === null) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : parsed;
}
