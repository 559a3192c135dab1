import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';
import { createI18n } from '../../shared/i18n';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { builtinCatalogue } from '../../shared/roadmap/builtin';
import { validateInstrument } from '../../shared/instruments/validate';
import { createAppServices, DATABASE_FILE_NAME } from '../services/app-services';
import { defaultDataDirectory } from '../services/app-data-directory';
import { seedDemoAssessments } from '../services/demo/demo-assessments';
import { collectReportData } from '../services/report/report-data';
import { renderReport } from '../services/report/roadmap-report';
import { demoClients } from '../services/demo/demo-clients';
import { seedDemoPortfolio } from '../services/demo/demo-portfolio';
import { workedExamples } from '../services/demo/worked-examples';
import type { AppServices } from '../services/app-services';
import { textIn } from '../../shared/instruments/text';
import { createInProcessTransport } from '../transports/in-process';
import { HubUrlSchema, type SyncProblemCode, type SyncStatus } from '../../shared/sync/operations';
import { HubRequestError, type FetchLike } from '../services/sync/hub-client';
import { importBundle } from '../services/sync/sync-bundle';
import { planExport, runExport } from './export-command';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo --data DIR                       fill a database with realistic demo clients and assessments
  demo --data DIR --portfolio N         a programme office's portfolio instead: N assessments of
                                        firms of six advisers, as a sync would bring them
  clients list --data DIR [--json] [--search TEXT]
                                        list client companies
  assessment show --data DIR --assessment ID|latest [--json]
                                        an assessment with its scores, bands, gaps and priorities
  roadmap show --data DIR --assessment ID|latest [--json]
                                        the stepping-stones roadmap of an assessment
  pdf --data DIR --assessment ID|latest --out FILE
                                        the PDF technology roadmap for the SME
  export --data DIR --format csv|xlsx|json --out FILE [--language en|da|sv] [filters]
                                        the portfolio for a CRM or a funder; csv also writes the
                                        answers, one row each, beside FILE (portfolio.csv ->
                                        portfolio-answers.csv). Filters, each
                                        repeatable: --status draft|finalised, --kind baseline|follow-up,
                                        --region R, --country GB, --nace 25, --size 10-49, --adviser ID;
                                        and --from YYYY-MM, --to YYYY-MM, --search TEXT. Firms that
                                        have not agreed to share appear without their personal data.
  instrument list                       the built-in instruments and their versions
  instrument validate FILE              check an instrument file; one line per problem
  sync enrol --data DIR --hub URL --code CODE
                                        enrol this installation with a programme office hub, then sync
  sync now --data DIR                   push unsent changes, then pull everything new
  sync status --data DIR [--json]       enrolment, pending and refused changes, conflicts, last problem
  sync export-bundle --data DIR --out FILE
                                        the unsent changes as a signed bundle file, for when the hub
                                        cannot be reached
  sync import-bundle --data DIR FILE    upload a device's bundle file to the hub this installation is
                                        enrolled with (a programme office installation)

Without --data the app's own data folder is used.
Sync exit codes: 3 hub unreachable, 4 device not accepted (enrol again), 5 enrolment code refused,
6 hub too old, 7 rate limited, 8 changes refused, 9 hub failed.`;

export class UsageError extends Error {}

/** Each sync problem has its own exit code, so scripts can tell "try later" from "enrol again". */
export const syncExitCodes: Record<SyncProblemCode, number> = {
  unreachable: 3,
  unauthorized: 4,
  invalid_code: 5,
  hub_too_old: 6,
  rate_limited: 7,
  rejected: 8,
  server_error: 9,
};

export interface CliOptions {
  /** How sync reaches the hub; tests pass a fake. */
  fetch?: FetchLike;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function demo(api: ApiClient, out: (line: string) => void): Promise<void> {
  const existing = new Set(unwrap(await api.call('clients.list', {})).map((c) => c.name));
  let created = 0;
  for (const client of [...demoClients(), ...workedExamples.map((e) => e.client)]) {
    if (existing.has(client.name)) continue;
    unwrap(await api.call('clients.create', client));
    created += 1;
  }
  const assessments = await seedDemoAssessments(api);
  out(`Demo data ready: ${created} clients added, ${existing.size} were already there; ${assessments} assessments recorded.`);
}

async function demoPortfolio(services: AppServices, count: string, out: (line: string) => void): Promise<void> {
  const assessments = Number(count);
  if (!/^\d+$/.test(count) || assessments < 1 || assessments > 100_000) throw new UsageError(`--portfolio takes a number of assessments from 1 to 100000, not "${count}".`);
  const seeded = await seedDemoPortfolio(services.database.db, services.clock, { assessments, instruments: builtinInstruments, catalogue: builtinCatalogue });
  out(`Demo portfolio ready: ${seeded.assessments} assessments of ${seeded.firms} firms by six advisers.`);
}

async function showAssessment(services: AppServices, api: ApiClient, which: string, json: boolean, out: (line: string) => void): Promise<void> {
  const id = which === 'latest' ? await services.assessments.latestId() : which;
  const detail = unwrap(await api.call('assessments.get', { id }));
  const results = unwrap(await api.call('assessments.results', { id }));
  const client = unwrap(await api.call('clients.get', { id: detail.assessment.companyId }));
  const language = detail.assessment.reportLanguage;
  const instruments = [];
  for (const result of results.instruments) {
    const instrument = await services.instruments.get(result.instrumentId, result.instrumentVersion);
    const band = (bandId: string | null) => (bandId ? textIn(instrument.bands.find((b) => b.id === bandId)!.label, language) : null);
    instruments.push({
      id: instrument.id,
      version: instrument.version,
      title: textIn(instrument.title, language),
      overall: result.overall ? { ...result.overall, bandLabel: band(result.overall.band) } : null,
      completeness: result.completeness,
      unanswered: result.unanswered,
      dimensions: result.dimensions.map((d) => ({
        id: d.dimensionId,
        title: textIn(instrument.dimensions.find((x) => x.id === d.dimensionId)!.title, language),
        score: d.score,
        band: d.band,
        bandLabel: band(d.band),
        target: d.target,
        importance: d.importance,
        gap: d.gap,
        feasibility: d.feasibility,
        priority: d.priority,
      })),
    });
  }
  const report = { assessment: detail.assessment, client: { id: client.id, name: client.name }, barriers: results.barriers, instruments };
  if (json) {
    out(JSON.stringify(report, null, 2));
    return;
  }
  out(`${client.name} · ${detail.assessment.kind} · ${detail.assessment.visitDate} · ${detail.assessment.status}`);
  for (const instrument of instruments) {
    out('');
    out(`${instrument.title} ${instrument.version}: ${instrument.overall ? `${instrument.overall.score} (${instrument.overall.bandLabel})` : 'no overall score'} · ${Math.round(instrument.completeness * 100)} % complete`);
    for (const d of instrument.dimensions) {
      out(`  ${d.title.padEnd(44).slice(0, 44)} ${String(d.score ?? '—').padStart(5)}  ${String(d.bandLabel ?? '').padEnd(14)} gap ${String(d.gap ?? '—').padStart(5)}  priority ${d.priority ?? '—'}`);
    }
  }
}

async function listClients(api: ApiClient, json: boolean, search: string, out: (line: string) => void): Promise<void> {
  const clients = unwrap(await api.call('clients.list', { search }));
  if (json) {
    const en = createI18n('en');
    out(JSON.stringify(clients.map((c) => ({ ...c, sector: en.t(`sectors.${c.naceCode}`) })), null, 2));
    return;
  }
  const widths = [36, 18, 28, 6];
  const pad = (cells: string[]) => cells.map((cell, i) => cell.slice(0, widths[i]).padEnd(widths[i] ?? 0)).join('  ');
  out(pad(['Company', 'Town', 'Region', 'NACE']));
  for (const c of clients) out(pad([c.name, c.town, c.region, c.naceCode]));
  out(`${clients.length} clients`);
}

function listInstruments(out: (line: string) => void): void {
  for (const instrument of builtinInstruments) {
    out(`${instrument.id.padEnd(26)} ${instrument.version.padEnd(8)} ${instrument.kind.padEnd(10)} ${instrument.dimensions.length} dimensions, ${instrument.questions.length} questions  ${instrument.title.en}`);
  }
}

function validateFile(file: string, out: (line: string) => void): number {
  let json: unknown;
  try {
    // Windows editors like to start UTF-8 files with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    out(`$: cannot read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }
  const problems = validateInstrument(json);
  for (const problem of problems) out(problem);
  if (problems.length === 0) out(`${file}: valid`);
  return problems.length === 0 ? 0 : 1;
}

async function showRoadmap(services: AppServices, api: ApiClient, which: string, json: boolean, out: (line: string) => void): Promise<void> {
  const id = which === 'latest' ? await services.assessments.latestId() : which;
  const { assessment } = unwrap(await api.call('assessments.get', { id }));
  const roadmap = unwrap(await api.call('roadmap.get', { assessmentId: id }));
  const language = assessment.reportLanguage;
  const steps = roadmap.steps.map((step) => ({
    horizon: step.horizon,
    order: step.position,
    title: step.title ?? (step.catalogueStep ? textIn(step.catalogueStep.title, language) : ''),
    why: step.why,
    stepId: step.catalogueStep?.id ?? null,
    origin: step.origin,
    status: step.status,
    owner: step.owner,
    targetMonth: step.targetMonth,
    enabler: step.enabler,
    edited: step.edited,
    pinned: step.pinned,
  }));
  if (json) {
    out(JSON.stringify({ assessmentId: id, language, steps }, null, 2));
    return;
  }
  for (const horizon of ['now', 'next', 'later'] as const) {
    out(horizon.toUpperCase());
    for (const step of steps.filter((s) => s.horizon === horizon)) out(`  ${step.order + 1}. ${step.title}${step.enabler ? `  (${step.enabler.name})` : ''}`);
  }
}

function printStatus(status: SyncStatus, out: (line: string) => void): void {
  if (status.enrolled) out(`Enrolled with ${status.hubUrl} · ${status.programmeName} · ${status.userName} (${status.role})`);
  else out('Not enrolled with a hub.');
  out(`Last full sync: ${status.lastSyncedAt ?? 'never'}`);
  out(`Waiting to be sent: ${status.pendingChanges} · refused by the hub: ${status.rejectedChanges} · open conflicts: ${status.openConflicts}`);
  if (status.problem) out(`Problem (${status.problem.code}): ${status.problem.detail}`);
}

async function runSync(services: AppServices, subcommand: string | undefined, values: { hub?: string; code?: string; out?: string; json: boolean }, file: string | undefined, out: (line: string) => void): Promise<number> {
  const finish = (status: SyncStatus) => {
    printStatus(status, out);
    return status.problem ? syncExitCodes[status.problem.code] : 0;
  };
  if (subcommand === 'enrol') {
    if (!values.hub || !values.code) throw new UsageError(`sync enrol needs --hub URL and --code CODE\n\n${USAGE}`);
    const hub = HubUrlSchema.safeParse(values.hub);
    if (!hub.success) throw new UsageError(`${values.hub} is not a hub address this app will use: it must start with https:// (http:// only for this machine).`);
    return finish(await services.sync.enrol(hub.data, values.code.trim()));
  }
  if (subcommand === 'now') return finish(await services.sync.syncNow());
  if (subcommand === 'status') {
    const status = await services.sync.status();
    if (values.json) out(JSON.stringify(status, null, 2));
    else printStatus(status, out);
    return 0;
  }
  if (subcommand === 'export-bundle') {
    if (!values.out) throw new UsageError(`sync export-bundle needs --out FILE\n\n${USAGE}`);
    const bundle = await services.handlers['sync.exportBundle']({});
    fs.writeFileSync(values.out, Buffer.from(bundle.base64, 'base64'));
    out(`Wrote ${values.out}: ${bundle.changes} ${bundle.changes === 1 ? 'change' : 'changes'}. They stay on this device until the hub acknowledges them by network.`);
    return 0;
  }
  if (!file) throw new UsageError(`sync import-bundle needs a FILE\n\n${USAGE}`);
  try {
    const answer = await importBundle(services.sync, fs.readFileSync(file, 'utf8'));
    const counts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
    for (const result of answer.results) counts[result.status] += 1;
    out(`Bundle from device ${answer.deviceId}: ${counts.accepted} accepted, ${counts.duplicate} duplicate, ${counts.conflict} conflict, ${counts.rejected} rejected.`);
    for (const result of answer.results.filter((r) => r.status === 'rejected')) out(`  refused ${result.changeId}: ${result.reason ?? 'no reason given'}`);
    return counts.rejected > 0 ? syncExitCodes.rejected : 0;
  } catch (error) {
    if (!(error instanceof HubRequestError)) throw error;
    out(`Problem (${error.problem}): ${error.message}`);
    return syncExitCodes[error.problem];
  }
}

/**
 * Exports from an existing data folder only: opening a folder without a database would create an
 * empty one and export nothing, which looks like success.
 */
async function exportCommand(values: Parameters<typeof planExport>[0] & { data?: string }, out: (line: string) => void): Promise<number> {
  const plan = planExport(values, (problem) => new UsageError(`${problem}\n\n${USAGE}`));
  const dataDirectory = path.resolve(values.data ?? defaultDataDirectory());
  if (!fs.existsSync(path.join(dataDirectory, DATABASE_FILE_NAME))) {
    throw new Error(`No Stepping Stones data in ${dataDirectory}: give --data the folder that holds ${DATABASE_FILE_NAME}.`);
  }
  const services = await createAppServices({ dataDirectory });
  try {
    const { files, assessments } = await runExport(services, plan);
    out(`Exported ${assessments} ${assessments === 1 ? 'assessment' : 'assessments'}:`);
    for (const file of files) out(`  ${file}`);
    return 0;
  } finally {
    await services.close();
  }
}

/** Runs one command; resolves to the process exit code. */
export async function runCli(argv: string[], out: (line: string) => void = console.log, options: CliOptions = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      search: { type: 'string', default: '' },
      assessment: { type: 'string', default: 'latest' },
      out: { type: 'string' },
      hub: { type: 'string' },
      code: { type: 'string' },
      format: { type: 'string' },
      language: { type: 'string' },
      status: { type: 'string', multiple: true },
      kind: { type: 'string', multiple: true },
      adviser: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      country: { type: 'string', multiple: true },
      nace: { type: 'string', multiple: true },
      size: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      portfolio: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, subcommand] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return 0;
  }
  if (command === 'instrument' && subcommand === 'list') {
    listInstruments(out);
    return 0;
  }
  if (command === 'instrument' && subcommand === 'validate') {
    const file = positionals[2];
    if (!file) throw new UsageError(`instrument validate needs a FILE\n\n${USAGE}`);
    return validateFile(file, out);
  }
  if (command === 'export') return exportCommand(values, out);
  const known =
    command === 'demo' ||
    command === 'pdf' ||
    (command === 'clients' && subcommand === 'list') ||
    (command === 'assessment' && subcommand === 'show') ||
    (command === 'roadmap' && subcommand === 'show') ||
    (command === 'sync' && ['enrol', 'now', 'status', 'export-bundle', 'import-bundle'].includes(subcommand ?? ''));
  if (!known) {
    throw new UsageError(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  }
  const services = await createAppServices({ dataDirectory: path.resolve(values.data ?? defaultDataDirectory()), fetch: options.fetch });
  try {
    if (command === 'sync') return await runSync(services, subcommand, values, positionals[2], out);
    const api = createApiClient(createInProcessTransport(services.dispatch));
    if (command === 'demo' && values.portfolio !== undefined) await demoPortfolio(services, values.portfolio, out);
    else if (command === 'demo') await demo(api, out);
    else if (command === 'pdf') {
      if (!values.out) throw new UsageError(`pdf needs --out FILE\n\n${USAGE}`);
      const id = values.assessment === 'latest' ? await services.assessments.latestId() : values.assessment;
      const pdf = await renderReport(await collectReportData(services, id));
      fs.writeFileSync(values.out, pdf);
      out(`Wrote ${values.out} (${Math.round(pdf.length / 1024)} KB)`);
    }
    else if (command === 'assessment') await showAssessment(services, api, values.assessment, values.json, out);
    else if (command === 'roadmap') await showRoadmap(services, api, values.assessment, values.json, out);
    else await listClients(api, values.json, values.search, out);
    return 0;
  } finally {
    await services.close();
  }
}

