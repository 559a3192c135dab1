import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';
import { createI18n } from '../../shared/i18n';
import { builtinInstruments } from '../../shared/instruments/builtin';
import { validateInstrument } from '../../shared/instruments/validate';
import { createAppServices } from '../services/app-services';
import { defaultDataDirectory } from '../services/app-data-directory';
import { seedDemoAssessments } from '../services/demo/demo-assessments';
import { collectReportData } from '../services/report/report-data';
import { renderReport } from '../services/report/roadmap-report';
import { demoClients } from '../services/demo/demo-clients';
import { workedExamples } from '../services/demo/worked-examples';
import type { AppServices } from '../services/app-services';
import { textIn } from '../../shared/instruments/text';
import { createInProcessTransport } from '../transports/in-process';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  demo --data DIR                       fill a database with realistic demo clients and assessments
  clients list --data DIR [--json] [--search TEXT]
                                        list client companies
  assessment show --data DIR --assessment ID|latest [--json]
                                        an assessment with its scores, bands, gaps and priorities
  roadmap show --data DIR --assessment ID|latest [--json]
                                        the stepping-stones roadmap of an assessment
  pdf --data DIR --assessment ID|latest --out FILE
                                        the PDF technology roadmap for the SME
  instrument list                       the built-in instruments and their versions
  instrument validate FILE              check an instrument file; one line per problem

Without --data the app's own data folder is used.`;

export class UsageError extends Error {}

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

/** Runs one command; resolves to the process exit code. */
export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      search: { type: 'string', default: '' },
      assessment: { type: 'string', default: 'latest' },
      out: { type: 'string' },
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
  const known =
    command === 'demo' ||
    command === 'pdf' ||
    (command === 'clients' && subcommand === 'list') ||
    (command === 'assessment' && subcommand === 'show') ||
    (command === 'roadmap' && subcommand === 'show');
  if (!known) {
    throw new UsageError(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  }
  const services = await createAppServices({ dataDirectory: path.resolve(values.data ?? defaultDataDirectory()) });
  try {
    const api = createApiClient(createInProcessTransport(services.dispatch));
    if (command === 'demo') await demo(api, out);
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

