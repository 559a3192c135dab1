import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { radarGeometry, type Point } from '../../../shared/charts/radar';
import { createI18n, isLanguage } from '../../../shared/i18n';
import type { AnswerValue, Instrument, Question } from '../../../shared/instruments/schema';
import { textIn } from '../../../shared/instruments/text';
import { horizons } from '../../../shared/roadmap/generator';
import type { RoadmapStep } from '../../../shared/roadmap/schema';
import type { InstrumentResult } from '../../../shared/scoring/result-schema';
import type { ReportData } from './report-data';

type Doc = PDFKit.PDFDocument;

export interface ReportOptions {
  /** Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf; they are embedded so every letter renders everywhere. */
  fontDirectory?: string;
  now?: () => Date;
}

/** The fonts beside this module when it runs from source (CLI, web, tests); the Electron bundle passes its own folder. */
export function sourceFontDirectory(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'fonts');
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const COLOURS = { primary: '#0f766e', dark: '#112a33', text: '#16202c', muted: '#5b6675', line: '#dfe3ea', soft: '#e3f3f1', target: '#d97706', baseline: '#64748b' };
// Control characters break PDF text operators; hostile or pasted text loses them, nothing else.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

function clean(text: string, max = 4000): string {
  const stripped = text.replace(CONTROL, '');
  return stripped.length > max ? `${stripped.slice(0, max)}…` : stripped;
}

/** A file name that is safe on every platform: "Technology roadmap – Tame Valley Precision Ltd – 2026-09-23.pdf". */
export function reportFileName(company: string, visitDate: string): string {
  const safe = clean(company, 80).replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim() || 'client';
  return `Roadmap – ${safe} – ${visitDate}.pdf`;
}

function stepTitle(step: RoadmapStep, language: string): string {
  return clean(step.title ?? (step.catalogueStep ? textIn(step.catalogueStep.title, language) : ''), 300);
}

/** Renders the SME's technology roadmap as a PDF: cover, summary, radar, dimensions, barriers, stepping stones, steps, contacts and answers. */
export async function renderReport(data: ReportData, options: ReportOptions = {}): Promise<Buffer> {
  const language = isLanguage(data.detail.assessment.reportLanguage) ? data.detail.assessment.reportLanguage : 'en';
  const i18n = createI18n(language);
  const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params);
  const fonts = options.fontDirectory ?? sourceFontDirectory();
  const now = (options.now ?? (() => new Date()))();
  const { assessment } = data.detail;
  const draft = assessment.status === 'draft';
  const maturity = data.instruments.filter((i) => i.kind === 'maturity');
  const resultOf = (id: string) => data.results.instruments.find((r) => r.instrumentId === id)!;
  const date = (iso: string) => new Date(iso).toLocaleDateString(language === 'en' ? 'en-GB' : language, { dateStyle: 'long' });

  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    autoFirstPage: false,
    lang: language,
    tagged: true,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: `${t('report.title')} – ${clean(data.client.name, 200)}`,
      Author: 'Stepping Stones',
      Subject: t('report.subtitle'),
      Keywords: 'digital maturity, stepping stones, technology roadmap',
      CreationDate: now,
    },
  });
  doc.registerFont('body', path.join(fonts, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(fonts, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const bottom = () => PAGE.height - PAGE.margin - 24;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string, size = 18) => {
    ensureRoom(size * 3);
    doc.moveDown(0.6).font('bold').fontSize(size).fillColor(COLOURS.dark).text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.4);
  };
  const paragraph = (text: string, opts: { size?: number; colour?: string; font?: 'body' | 'bold'; indent?: number } = {}) => {
    const size = opts.size ?? 10.5;
    doc.font(opts.font ?? 'body').fontSize(size);
    const x = PAGE.margin + (opts.indent ?? 0);
    const width = CONTENT_WIDTH - (opts.indent ?? 0);
    ensureRoom(Math.min(doc.heightOfString(text, { width }), 200) + 4);
    doc.fillColor(opts.colour ?? COLOURS.text).text(text, x, doc.y, { width });
  };

  // Cover
  doc.addPage();
  doc.rect(0, 0, PAGE.width, 300).fill(COLOURS.primary);
  // Three stones, each a step higher, in the band's lower right, clear of the title and the logo.
  for (const [i, [x, y]] of [[PAGE.width - 190, 262], [PAGE.width - 130, 230], [PAGE.width - 70, 198]].entries()) doc.ellipse(x!, y!, 24, 15).fill(['#99f6e4', '#5eead4', '#ffffff'][i]!);
  const { settings } = data;
  if (settings.logo) {
    // The programme's own logo sits on a white card so any colour of logo reads on the band.
    doc.roundedRect(PAGE.width - PAGE.margin - 150, 40, 150, 80, 6).fill('#ffffff');
    doc.image(Buffer.from(settings.logo.split(',')[1]!, 'base64'), PAGE.width - PAGE.margin - 140, 48, { fit: [130, 64], align: 'center', valign: 'center' });
  }
  const titleWidth = settings.logo ? CONTENT_WIDTH - 170 : CONTENT_WIDTH;
  doc.font('bold').fontSize(30).fillColor('#ffffff').text(t('report.title'), PAGE.margin, 70, { width: titleWidth });
  doc.font('body').fontSize(14).fillColor('#d9f3ef').text(t('report.subtitle'), PAGE.margin, doc.y + 4, { width: titleWidth });
  if (settings.programmeName) doc.font('bold').fontSize(12).fillColor('#ffffff').text(clean(settings.programmeName, 120), PAGE.margin, doc.y + 8, { width: titleWidth });
  doc.font('bold').fontSize(24).fillColor(COLOURS.dark).text(clean(data.client.name, 200), PAGE.margin, 340, { width: CONTENT_WIDTH });
  doc.moveDown(0.5).font('body').fontSize(12).fillColor(COLOURS.text);
  doc.text(`${clean(data.client.town, 100)}, ${t(`countries.${data.client.country}`)} · ${t(`sectors.${data.client.naceCode}`)}`, { width: CONTENT_WIDTH });
  doc.moveDown(1.2).text(t('report.visit', { date: date(assessment.visitDate) }), { width: CONTENT_WIDTH });
  if (assessment.peoplePresent) doc.text(t('report.present', { people: clean(assessment.peoplePresent, 600) }), { width: CONTENT_WIDTH });
  if (settings.adviserName) {
    doc.moveDown(0.6).text(`${t('report.preparedBy', { adviser: clean(settings.adviserName, 120) })}${settings.adviserEmail ? ` · ${clean(settings.adviserEmail, 254)}` : ''}`, { width: CONTENT_WIDTH });
  }
  doc.moveDown(0.6).fillColor(COLOURS.muted).fontSize(10).text(t('report.generated', { date: date(now.toISOString()) }), { width: CONTENT_WIDTH });
  const completeness = data.results.instruments.reduce((sum, r) => sum + r.done, 0) / Math.max(1, data.results.instruments.reduce((sum, r) => sum + r.applicable, 0));
  if (completeness < 1) {
    doc.moveDown(1).font('bold').fontSize(11).fillColor('#9a3412').text(t('report.incomplete', { percent: Math.round(completeness * 100) }), { width: CONTENT_WIDTH });
  }

  // Summary
  doc.addPage();
  heading(t('report.summary'), 22);
  paragraph(t('report.whereNow'), { font: 'bold', size: 12 });
  for (const instrument of maturity) {
    const result = resultOf(instrument.id);
    if (!result.overall) continue;
    const band = instrument.bands.find((b) => b.id === result.overall!.band);
    paragraph(t('report.whereNowText', { instrument: textIn(instrument.title, language), score: result.overall.score, max: instrument.scale.max, band: band ? textIn(band.label, language) : '' }));
  }
  doc.moveDown(0.5);
  paragraph(t('report.whereNext'), { font: 'bold', size: 12 });
  for (const instrument of maturity) {
    const result = resultOf(instrument.id);
    const targets = result.dimensions.filter((d) => d.target !== null);
    if (targets.length === 0) continue;
    const largest = [...result.dimensions].filter((d) => (d.gap ?? 0) > 0).sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0)).slice(0, 2);
    paragraph(
      t('report.whereNextText', {
        instrument: textIn(instrument.title, language),
        target: Math.round((targets.reduce((sum, d) => sum + d.target!, 0) / targets.length) * 10) / 10,
        dimensions: largest.map((d) => textIn(instrument.dimensions.find((x) => x.id === d.dimensionId)!.title, language)).join(', '),
      }),
    );
  }
  doc.moveDown(0.5);
  paragraph(t('report.nextSteps'), { font: 'bold', size: 12 });
  data.roadmap.steps.slice(0, 3).forEach((step, index) => paragraph(`${index + 1}. ${stepTitle(step, language)}`, { indent: 8 }));

  for (const instrument of maturity) drawRadar(doc, instrument, resultOf(instrument.id), data.baseline?.instruments.find((r) => r.instrumentId === instrument.id) ?? null, language, t, ensureRoom);

  // Dimensions
  for (const instrument of maturity) {
    const result = resultOf(instrument.id);
    heading(`${t('report.dimensions')} – ${textIn(instrument.title, language)}`);
    for (const d of result.dimensions) {
      const dimension = instrument.dimensions.find((x) => x.id === d.dimensionId)!;
      const band = d.band ? instrument.bands.find((b) => b.id === d.band) : undefined;
      const interpretation = d.band && dimension.interpretation[d.band] ? textIn(dimension.interpretation[d.band]!, language) : '';
      const before = data.baseline?.instruments.find((r) => r.instrumentId === instrument.id)?.dimensions.find((x) => x.dimensionId === d.dimensionId)?.score ?? null;
      const change = before !== null && d.score !== null ? ` (${t('report.change')} ${d.score - before >= 0 ? '+' : ''}${Math.round((d.score - before) * 10) / 10})` : '';
      ensureRoom(60);
      const y = doc.y;
      doc.font('bold').fontSize(11).fillColor(COLOURS.primary).text(`${d.score ?? '—'}${band ? ` · ${textIn(band.label, language)}` : ''}${change}`, PAGE.margin + CONTENT_WIDTH - 200, y, { width: 200, align: 'right' });
      const scoreBottom = doc.y;
      doc.font('bold').fontSize(11).fillColor(COLOURS.text).text(textIn(dimension.title, language), PAGE.margin, y, { width: CONTENT_WIDTH - 210 });
      doc.y = Math.max(doc.y, scoreBottom);
      if (interpretation) paragraph(interpretation, { size: 9.5, colour: COLOURS.muted });
      doc.moveDown(0.4);
    }
  }

  // Barriers and enablers
  heading(t('report.barriersEnablers'));
  const diagnostic = data.instruments.find((i) => i.kind === 'diagnostic');
  if (diagnostic) {
    paragraph(t('report.barriers'), { font: 'bold', size: 11.5 });
    for (const [barrier, rating] of Object.entries(data.results.barriers).sort((a, b) => b[1] - a[1])) {
      if (rating === 0) continue;
      paragraph(`• ${t(`barriers.${barrier}`)} – ${t(`results.barrierRating.${rating}`).toLowerCase()}`, { indent: 6 });
    }
    doc.moveDown(0.4);
    paragraph(t('report.enablers'), { font: 'bold', size: 11.5 });
    for (const question of diagnostic.questions.filter((q) => q.dimension === 'enablers')) {
      const answer = data.detail.answers.find((a) => a.instrumentId === diagnostic.id && a.questionId === question.id);
      if (!answer || answer.value === null) continue;
      paragraph(`• ${textIn(question.text, language)}: ${formatAnswer(question, answer.value, language, t)}`, { indent: 6, size: 10 });
    }
  }

  // Stepping stones timeline
  doc.addPage();
  heading(t('report.timeline'), 20);
  const laneWidth = (CONTENT_WIDTH - 20) / 3;
  const top = doc.y;
  let deepest = top;
  horizons.forEach((horizon, lane) => {
    const x = PAGE.margin + lane * (laneWidth + 10);
    doc.roundedRect(x, top, laneWidth, 36, 4).fill(lane === 0 ? COLOURS.primary : lane === 1 ? '#14b8a6' : '#5eead4');
    const ink = lane === 2 ? COLOURS.dark : '#ffffff';
    doc.font('bold').fontSize(11.5).fillColor(ink).text(t(`roadmap.horizons.${horizon}`), x + 8, top + 5, { width: laneWidth - 16, lineBreak: false });
    doc.font('body').fontSize(8).fillColor(ink).text(t(`roadmap.horizonHints.${horizon}`), x + 8, top + 21, { width: laneWidth - 16, lineBreak: false, ellipsis: true });
    let y = top + 44;
    for (const step of data.roadmap.steps.filter((s) => s.horizon === horizon)) {
      const title = stepTitle(step, language);
      doc.font('body').fontSize(9);
      const height = Math.min(doc.heightOfString(title, { width: laneWidth - 16 }), 60) + 12;
      if (y + height > bottom()) break;
      doc.roundedRect(x, y, laneWidth, height, 4).lineWidth(0.8).strokeColor(COLOURS.line).fillAndStroke(COLOURS.soft, COLOURS.line);
      doc.fillColor(COLOURS.text).text(title, x + 8, y + 6, { width: laneWidth - 16, height: height - 8, ellipsis: true });
      y += height + 6;
    }
    deepest = Math.max(deepest, y);
  });
  doc.y = deepest + 10;
  doc.x = PAGE.margin;

  // Step cards
  heading(t('report.stepCards'));
  for (const step of data.roadmap.steps) {
    const catalogue = step.catalogueStep;
    ensureRoom(120);
    doc.font('bold').fontSize(12).fillColor(COLOURS.primary).text(`${t(`roadmap.horizons.${step.horizon}`)} · ${stepTitle(step, language)}`, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.2);
    const reasons = step.why.map((why) => {
      if (why.kind === 'gap') {
        const dimension = data.instruments.find((i) => i.id === why.instrument)?.dimensions.find((d) => d.id === why.dimension);
        return t('roadmap.why.gap', { dimension: dimension ? textIn(dimension.title, language) : why.dimension, priority: why.priority });
      }
      if (why.kind === 'barrier') return t('roadmap.why.barrier', { barrier: t(`barriers.${why.barrier}`), rating: t(`results.barrierRating.${why.rating}`).toLowerCase() });
      if (why.kind === 'driver') return t('roadmap.why.driver', { driver: t(`drivers.${why.driver}`) });
      const later = data.roadmap.steps.find((s) => s.catalogueStep?.id === why.of);
      return t('roadmap.why.prerequisite', { step: later ? stepTitle(later, language) : why.of });
    });
    const rows: [string, string][] = [
      [t('report.why'), reasons.join(' · ')],
      [t('report.what'), clean(step.description ?? (catalogue ? textIn(catalogue.description, language) : ''))],
      [t('report.effortCost'), [step.effortDays ?? catalogue?.effortDays, step.costBand ?? catalogue?.costBand].every((v) => v === undefined || v === null) ? '' : `${t('roadmap.effort', { count: step.effortDays ?? catalogue?.effortDays ?? 0 })} · ${t(`costBands.${step.costBand ?? catalogue?.costBand ?? 'none'}`)}`],
      [t('report.benefit'), catalogue ? textIn(catalogue.benefits, language) : ''],
      [t('report.kpi'), clean(step.kpi ?? (catalogue ? textIn(catalogue.kpi, language) : ''))],
      [t('report.help'), step.enabler ? `${t(`roadmap.directories.${step.enabler.directory}`)}: ${clean(step.enabler.name, 200)}` : ''],
      [t('report.owner'), [clean(step.owner, 120), step.targetMonth ? `${t('report.target')}: ${step.targetMonth}` : ''].filter(Boolean).join(' · ')],
    ];
    for (const [label, value] of rows.filter(([, v]) => v)) {
      doc.font('body').fontSize(9.5);
      const height = doc.heightOfString(value, { width: CONTENT_WIDTH - 110 });
      ensureRoom(Math.min(height, 120) + 4);
      const y = doc.y;
      doc.font('bold').fontSize(9.5).fillColor(COLOURS.muted).text(label, PAGE.margin, y, { width: 100 });
      doc.font('body').fontSize(9.5).fillColor(COLOURS.text).text(value, PAGE.margin + 110, y, { width: CONTENT_WIDTH - 110 });
      doc.moveDown(0.2);
    }
    doc.moveDown(0.6);
  }

  // Contacts
  heading(t('report.contacts'));
  for (const contact of data.client.contacts) {
    paragraph([contact.name, contact.role, contact.email, contact.phone].filter(Boolean).map((v) => clean(v, 200)).join(' · '));
  }
  paragraph(t('report.nextMeeting'), { colour: COLOURS.muted });

  // Appendix
  doc.addPage();
  heading(t('report.appendix'), 18);
  for (const instrument of data.instruments) {
    paragraph(textIn(instrument.title, language), { font: 'bold', size: 12.5, colour: COLOURS.primary });
    for (const question of instrument.questions) {
      const answer = data.detail.answers.find((a) => a.instrumentId === instrument.id && a.questionId === question.id);
      if (!answer) continue;
      const value = answer.notApplicable ? t('report.notApplicable') : answer.value === null ? t('report.unanswered') : formatAnswer(question, answer.value, language, t);
      paragraph(textIn(question.text, language), { font: 'bold', size: 9.5 });
      paragraph(value, { size: 9.5, indent: 10 });
      if (answer.note) paragraph(`${t('report.note')}: ${clean(answer.note)}`, { size: 9, indent: 10, colour: COLOURS.muted });
      doc.moveDown(0.3);
    }
  }

  // Footer, page numbers and the draft mark on every page
  const range = doc.bufferedPageRange();
  const footer = t('report.footer', { id: assessment.id, instruments: data.instruments.map((i) => `${i.id} ${i.version}`).join(', ') });
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // The footer sits in the bottom margin; with the margin in force pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    if (draft) {
      doc.save().rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] }).font('bold').fontSize(110).fillColor('#b91c1c').fillOpacity(0.12);
      doc.text(t('report.draft'), 0, PAGE.height / 2 - 60, { width: PAGE.width, align: 'center', lineBreak: false });
      doc.restore();
    }
    if (index === range.start) continue;
    doc.font('body').fontSize(8).fillColor(COLOURS.muted).fillOpacity(1);
    doc.text(footer, PAGE.margin, PAGE.height - PAGE.margin + 12, { width: CONTENT_WIDTH - 90, lineBreak: false, ellipsis: true });
    doc.text(t('report.page', { page: index - range.start + 1, pages: range.count }), PAGE.margin + CONTENT_WIDTH - 90, PAGE.height - PAGE.margin + 12, { width: 90, align: 'right', lineBreak: false });
  }
  doc.end();
  return finished;
}

function formatAnswer(question: Question, value: AnswerValue, language: string, t: (key: string) => string): string {
  const label = (id: string) => ('options' in question ? question.options.find((o) => o.id === id) : undefined);
  switch (question.type) {
    case 'level': {
      const level = question.levels.find((l) => l.level === value);
      return level ? `${String(value)} – ${textIn(level.descriptor, language)}` : String(value);
    }
    case 'single':
      return label(String(value)) ? textIn(label(String(value))!.label, language) : String(value);
    case 'multi':
    case 'ranking':
      return (Array.isArray(value) ? value : [])
        .map((id, i) => (question.type === 'ranking' ? `${i + 1}. ` : '') + (label(id) ? textIn(label(id)!.label, language) : id))
        .join(question.type === 'ranking' ? '  ' : ', ');
    case 'yesno':
      return value ? t('workspace.yes') : t('workspace.no');
    case 'number':
      return `${String(value)} ${textIn(question.unit, language)}`;
    case 'text':
      return clean(String(value));
  }
}

function drawRadar(
  doc: Doc,
  instrument: Instrument,
  result: InstrumentResult,
  baseline: InstrumentResult | null,
  language: string,
  t: (key: string) => string,
  ensureRoom: (height: number) => void,
): void {
  const size = 330;
  ensureRoom(size + 60);
  doc.moveDown(0.6).font('bold').fontSize(13).fillColor(COLOURS.dark).text(`${t('report.profile')} – ${textIn(instrument.title, language)}`, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  const originX = PAGE.margin + (CONTENT_WIDTH - size) / 2;
  const originY = doc.y + 6;
  const series = [{ id: 'current', values: result.dimensions.map((d) => d.score) }];
  if (result.dimensions.some((d) => d.target !== null)) series.push({ id: 'target', values: result.dimensions.map((d) => d.target) });
  if (baseline) series.push({ id: 'baseline', values: result.dimensions.map((d) => baseline.dimensions.find((b) => b.dimensionId === d.dimensionId)?.score ?? null) });
  const geometry = radarGeometry({
    axes: result.dimensions.map((d) => ({ id: d.dimensionId, label: textIn(instrument.dimensions.find((x) => x.id === d.dimensionId)!.title, language) })),
    series,
    scale: instrument.scale,
    size,
    padding: 70,
    rings: 4,
  });
  const at = (p: Point): [number, number] => [originX + p.x, originY + p.y];
  const polygon = (points: Point[]) => {
    const [first, ...rest] = points.map(at);
    doc.moveTo(...first!);
    for (const p of rest) doc.lineTo(...p);
    doc.closePath();
  };
  for (const ring of geometry.rings) {
    polygon(ring.points);
    doc.lineWidth(0.6).strokeColor(COLOURS.line).stroke();
  }
  for (const axis of geometry.axes) {
    doc.moveTo(...at(geometry.center)).lineTo(...at(axis.end)).lineWidth(0.6).strokeColor(COLOURS.line).stroke();
    const [x, y] = at(axis.labelAt);
    const width = 110;
    const left = axis.align === 'middle' ? x - width / 2 : axis.align === 'start' ? x : x - width;
    doc.font('body').fontSize(7.5).fillColor(COLOURS.text).text(axis.label, left, y - 8, { width, align: axis.align === 'middle' ? 'center' : axis.align === 'start' ? 'left' : 'right' });
  }
  for (const s of geometry.series) {
    polygon(s.points);
    if (s.id === 'current') doc.fillOpacity(0.25).fillAndStroke(COLOURS.primary, COLOURS.primary).fillOpacity(1);
    else doc.lineWidth(1.4).dash(s.id === 'target' ? 5 : 2, { space: 3 }).strokeColor(s.id === 'target' ? COLOURS.target : COLOURS.baseline).stroke().undash();
  }
  const legendY = originY + size + 4;
  const legend: [string, string][] = [[t('report.legendNow'), COLOURS.primary]];
  if (series.some((s) => s.id === 'target')) legend.push([t('report.legendTarget'), COLOURS.target]);
  if (baseline) legend.push([t('report.legendBaseline'), COLOURS.baseline]);
  let x = PAGE.margin + CONTENT_WIDTH / 2 - legend.length * 45;
  for (const [label, colour] of legend) {
    doc.rect(x, legendY + 3, 14, 4).fill(colour);
    doc.font('body').fontSize(9).fillColor(COLOURS.text).text(label, x + 18, legendY, { width: 70, lineBreak: false });
    x += 90;
  }
  doc.x = PAGE.margin;
  doc.y = legendY + 20;
}
