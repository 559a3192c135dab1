import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { isLanguage, type Language } from '../../shared/i18n';
import { PortfolioFilterSchema, type ExportFormat, type ParsedPortfolioFilter } from '../../shared/portfolio/schema';
import type { AppServices } from '../services/app-services';
import { writePortfolioExport } from '../services/exports/portfolio-export';

export const cliExportFormats = ['csv', 'xlsx', 'json'] as const;

/** The export's command-line options, as parseArgs hands them over. */
export interface ExportOptions {
  format?: string;
  out?: string;
  language?: string;
  status?: string[];
  kind?: string[];
  adviser?: string[];
  region?: string[];
  country?: string[];
  nace?: string[];
  size?: string[];
  from?: string;
  to?: string;
  search: string;
}

export interface ExportPlan {
  format: (typeof cliExportFormats)[number];
  out: string;
  language: Language;
  filter: ParsedPortfolioFilter;
}

/** The option each filter field comes from, so a refused value is reported as the user typed it. */
const optionOf: Record<keyof ParsedPortfolioFilter, string> = {
  statuses: '--status',
  kinds: '--kind',
  adviserIds: '--adviser',
  regions: '--region',
  countries: '--country',
  naceCodes: '--nace',
  employeeBands: '--size',
  fromMonth: '--from',
  toMonth: '--to',
  search: '--search',
};

/** Checks the options before anything is opened; a problem is thrown as text for the user. */
export function planExport(options: ExportOptions, usage: (problem: string) => Error): ExportPlan {
  const { format, out } = options;
  if (!format) throw usage(`export needs --format ${cliExportFormats.join('|')}`);
  if (!(cliExportFormats as readonly string[]).includes(format)) throw usage(`Unknown export format "${format}": use ${cliExportFormats.join(', ')}.`);
  if (!out) throw usage('export needs --out FILE');
  const language = options.language ?? 'en';
  if (!isLanguage(language)) throw usage(`Unknown language "${language}": use en, da or sv.`);
  const input: Record<keyof ParsedPortfolioFilter, unknown> = {
    statuses: options.status ?? [],
    kinds: options.kind ?? [],
    adviserIds: options.adviser ?? [],
    regions: options.region ?? [],
    countries: options.country ?? [],
    naceCodes: options.nace ?? [],
    employeeBands: options.size ?? [],
    fromMonth: options.from ?? null,
    toMonth: options.to ?? null,
    search: options.search,
  };
  const parsed = PortfolioFilterSchema.safeParse(input);
  if (!parsed.success) {
    const [field, index] = parsed.error.issues[0]!.path as [keyof ParsedPortfolioFilter, number | undefined];
    const given = input[field];
    throw usage(`${optionOf[field]} ${String(Array.isArray(given) && index !== undefined ? given[index] : given)} is not a value the portfolio can be filtered by.`);
  }
  return { format: format as ExportPlan['format'], out, language, filter: parsed.data };
}

/** Where the answers' long format goes beside `portfolio.csv`: `portfolio-answers.csv`. */
export function answersFileName(file: string): string {
  return `${file.replace(/\.csv$/i, '')}-answers.csv`;
}

/**
 * Writes the export; for CSV the assessments to `out` and the answers beside it. Each file is
 * written under a temporary name and renamed when complete, so a failed export never leaves a
 * half-written file where the user expects a whole one. Returns the paths written.
 */
export async function runExport(services: AppServices, plan: ExportPlan): Promise<{ files: string[]; assessments: number }> {
  const targets: [string, ExportFormat][] =
    plan.format === 'csv' ? [[plan.out, 'csv'], [answersFileName(plan.out), 'csv-answers']] : [[plan.out, plan.format]];
  let assessments = 0;
  for (const [file, format] of targets) {
    const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
    const out = openForWriting(file, partial);
    try {
      ({ assessments } = await writePortfolioExport(services.exportSources, { filter: plan.filter, format, language: plan.language, now: new Date() }, out));
      // Windows refuses to rename a file that is still open.
      if (!out.closed) await once(out, 'close');
      fs.renameSync(partial, file);
    } catch (error) {
      out.destroy();
      fs.rmSync(partial, { force: true });
      throw error;
    }
  }
  return { files: targets.map(([file]) => file), assessments };
}

function openForWriting(file: string, partial: string): fs.WriteStream {
  try {
    return fs.createWriteStream(partial, { fd: fs.openSync(partial, 'w') });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'no permission to write there' : (error as Error).message;
    throw new Error(`Cannot write ${file}: ${reason}.`);
  }
}
