import PDFDocument from 'pdfkit';
import { createAppServices } from '../../electron/services/app-services';
import { workedExample } from '../../electron/services/demo/worked-examples';
import { collectReportData } from '../../electron/services/report/report-data';
import { renderReport, sourceFontDirectory } from '../../electron/services/report/roadmap-report';
import { median, timeEach, type Figure } from './report';

/** The same words, written by pdfkit with no layout at all: the floor any report stands on. */
async function plainPdf(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  doc.registerFont('body', `${sourceFontDirectory()}/DejaVuSans.ttf`);
  doc.font('body').fontSize(10);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const line of lines) doc.text(line);
  doc.end();
  return done;
}

export async function benchReport(): Promise<Figure[]> {
  const services = await createAppServices();
  try {
    const example = workedExample('automotive-tier2');
    const client = await services.clients.create(example.client as never);
    const visit = await services.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: example.instruments.map((id) => ({ id })), visitDate: example.visitDate, peoplePresent: example.peoplePresent, reportLanguage: example.reportLanguage });
    for (const a of example.answers) await services.assessments.saveAnswer({ assessmentId: visit.id, ...a, flagged: false });
    for (const target of example.targets) await services.assessments.saveTarget({ assessmentId: visit.id, ...target });
    await services.roadmaps.generate(visit.id);
    const data = await collectReportData(services, visit.id);
    const bytes = (await renderReport(data)).length;
    const lines = [
      ...data.detail.answers.map((a) => `${a.questionId}: ${JSON.stringify(a.value)} ${a.note}`),
      ...data.roadmap.steps.map((s) => JSON.stringify(s.catalogueStep?.description ?? s.title)),
    ];
    const report = await timeEach(10, () => renderReport(data));
    const plain = await timeEach(10, () => plainPdf(lines));

    let peak = process.memoryUsage().rss;
    const start = performance.now();
    for (let i = 0; i < 100; i++) {
      await renderReport(data);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const hundred = performance.now() - start;
    return [
      { name: `generate the PDF report of a full assessment (${Math.round(bytes / 1024)} KB)`, value: median(report), baselineName: 'pdfkit writing the same text with no layout', baseline: median(plain), unit: 'ms' },
      { name: `100 reports in a row (peak RSS ${Math.round(peak / 1024 / 1024)} MB)`, value: hundred, baselineName: '100 × the median single report', baseline: 100 * median(report), unit: 'ms' },
    ];
  } finally {
    await services.close();
  }
}
