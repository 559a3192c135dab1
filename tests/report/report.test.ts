import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { workedExample, type WorkedExample } from '../../electron/services/demo/worked-examples';
import { collectReportData } from '../../electron/services/report/report-data';
import { renderReport } from '../../electron/services/report/roadmap-report';
import { closeServices, startServices } from '../helpers/services';
import { makeTempDir } from '../helpers/temp';

function poppler(tool: string, args: string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.error) throw new Error(`${tool} is missing: install poppler-utils (.ci/run does)`);
  expect(run.status, `${tool} ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

let services: AppServices | undefined;
afterEach(async () => {
  if (services) await closeServices(services);
  services = undefined;
});

async function record(example: WorkedExample, overrides: { finalise?: boolean; answers?: number; client?: Partial<WorkedExample['client']>; note?: string } = {}) {
  services = await startServices();
  const client = await services.clients.create({ ...example.client, ...overrides.client } as never);
  const assessment = await services.assessments.create({
    companyId: client.id,
    kind: 'baseline',
    baselineId: null,
    instruments: example.instruments.map((id) => ({ id })),
    visitDate: example.visitDate,
    peoplePresent: example.peoplePresent,
    reportLanguage: example.reportLanguage,
  });
  for (const [index, answer] of example.answers.slice(0, overrides.answers).entries()) {
    await services.assessments.saveAnswer({ assessmentId: assessment.id, ...answer, note: index === 0 && overrides.note !== undefined ? overrides.note : answer.note, flagged: false });
  }
  for (const target of example.targets) await services.assessments.saveTarget({ assessmentId: assessment.id, ...target });
  await services.roadmaps.generate(assessment.id);
  if (overrides.finalise !== false) await services.assessments.finalise(assessment.id);
  const data = await collectReportData(services, assessment.id);
  const file = path.join(makeTempDir(), 'report.pdf');
  fs.writeFileSync(file, await renderReport(data, { now: () => new Date('2026-11-21T10:00:00Z') }));
  return { file, data };
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))![1]);
}

const LANGUAGE_CHECKS: Record<string, { title: string; sections: string[]; overall: RegExp }> = {
  'machine-shop': { title: 'Technology roadmap', sections: ['Summary', 'Dimensions', 'Stepping stones', 'The steps in detail', 'Appendix: every answer'], overall: /Digital maturity: 18 of 100 \(Basic\)/ },
  'food-producer': { title: 'Teknologikøreplan', sections: ['Sammenfatning', 'Områder', 'Trædesten', 'Skridtene i detaljer', 'Bilag: alle svar'], overall: /48 ud af 100/ },
  'automotive-tier2': { title: 'Teknikfärdplan', sections: ['Sammanfattning', 'Områden', 'Stegen i detalj', 'Bilaga: alla svar'], overall: /75 av 100/ },
};

describe.each(Object.keys(LANGUAGE_CHECKS))('the PDF roadmap of the %s worked example', (id) => {
  it('has the sections, scores and step titles in the report language, the metadata, embedded fonts, and renders page by page', async () => {
    const example = workedExample(id);
    const { file, data } = await record(example);
    const checks = LANGUAGE_CHECKS[id]!;
    const text = poppler('pdftotext', ['-layout', file, '-']);
    expect(text).toContain(checks.title);
    for (const section of checks.sections) expect(text).toContain(section);
    expect(text.replace(/\s+/g, ' ')).toMatch(checks.overall);
    const firstStep = data.roadmap.steps[0]!.catalogueStep!.title[example.reportLanguage]!;
    expect(text.replace(/\s+/g, ' ')).toContain(firstStep.replace(/\s+/g, ' '));
    expect(poppler('pdftotext', ['-raw', file, '-'])).not.toContain('DRAFT');

    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(new RegExp(`Title:\\s+${checks.title} – ${example.client.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(info).toMatch(/Author:\s+Stepping Stones/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(pageCount(file)).toBeGreaterThanOrEqual(6);

    const fonts = poppler('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/DejaVuSans.*\byes\s+yes\s+yes\b/);

    const out = makeTempDir();
    poppler('pdftoppm', ['-png', '-r', '30', file, path.join(out, 'page')]);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.png'))).toHaveLength(pageCount(file));
  }, 60_000);
});

describe('PDF robustness', () => {
  it('marks a draft with a visible watermark and an incomplete assessment as incomplete, and still makes a valid file', async () => {
    const { file } = await record(workedExample('machine-shop'), { finalise: false, answers: 10 });
    const text = poppler('pdftotext', [file, '-']);
    // The watermark is drawn at an angle; pdftotext's raw mode reads text in drawing order, angles included.
    const raw = poppler('pdftotext', ['-raw', file, '-']);
    expect(raw.match(/DRAFT/g)?.length).toBe(pageCount(file));
    expect(text).toMatch(/Incomplete: \d+ % of the questions answered/);
    expect(pageCount(file)).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('renders names from every alphabet, strips control characters, and wraps very long notes and right-to-left text without breaking the file', async () => {
    const hostile = `${'Lång anteckning om produktionen. '.repeat(140)}\u0007\u001b[31m שלום עולם مرحبا بالعالم`;
    const { file } = await record(workedExample('machine-shop'), { client: { name: 'Łódź Øresund Åkesson Straße Ltd' }, note: hostile });
    const text = poppler('pdftotext', [file, '-']);
    expect(text).toContain('Łódź Øresund Åkesson Straße Ltd');
    expect(text).toContain('Lång anteckning om produktionen.');
    expect(text).not.toContain('\u0007');
    const out = makeTempDir();
    poppler('pdftoppm', ['-png', '-r', '20', file, path.join(out, 'page')]);
    expect(fs.readdirSync(out).length).toBe(pageCount(file));
  }, 60_000);

  it('puts the programme name, the adviser and the programme logo from the settings on the cover', async () => {
    const logo = `data:image/png;base64,${fs.readFileSync(path.resolve(import.meta.dirname, '../../build/icon.png')).toString('base64')}`;
    services = await startServices();
    await services.settings.save({ programmeName: 'Made Smarter Adoption – West Midlands', adviserName: 'Priya Nair', adviserEmail: 'priya@example.org', logo });
    const kept = services;
    services = undefined;
    const example = workedExample('machine-shop');
    const client = await kept.clients.create(example.client as never);
    const assessment = await kept.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: [{ id: 'digital-maturity' }], visitDate: example.visitDate, peoplePresent: '', reportLanguage: 'en' });
    const file = path.join(makeTempDir(), 'report.pdf');
    fs.writeFileSync(file, await renderReport(await collectReportData(kept, assessment.id)));
    services = kept;
    const cover = poppler('pdftotext', ['-f', '1', '-l', '1', file, '-']);
    expect(cover).toContain('Made Smarter Adoption – West Midlands');
    expect(cover).toContain('Prepared by Priya Nair · priya@example.org');
    // The logo is one picture: its colour image (a transparent PNG adds an alpha mask beside it).
    expect(poppler('pdfimages', ['-list', '-f', '1', '-l', '1', file]).split('\n').filter((line) => /^\s*1\s+\d+\s+image\b/.test(line))).toHaveLength(1);
  }, 60_000);

  it('is offered through the API as a PDF with a safe file name', async () => {
    const { data } = await record(workedExample('food-producer'));
    const result = await services!.dispatch('report.pdf', { assessmentId: data.detail.assessment.id });
    expect(result.ok).toBe(true);
    const value = (result as { ok: true; value: { fileName: string; base64: string } }).value;
    expect(Buffer.from(value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(value.fileName).toBe('Roadmap – Bjerringbro Delikatesser A S – 2026-10-07.pdf'.replace('2026-10-07', data.detail.assessment.visitDate));
  }, 60_000);
});
