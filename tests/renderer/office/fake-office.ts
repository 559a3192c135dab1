import type { Transport } from '../../../shared/api/client';
import { enrolledStatus, FakeSync } from '../render-app';
import type { Result } from '../../../shared/api/result';
import type { Annotation, Portfolio, PortfolioOptions, PortfolioRow } from '../../../shared/portfolio/schema';

const COMPANY = '01930000-0000-7000-8000-000000000001';

export function row(index: number, change: Partial<PortfolioRow> = {}): PortfolioRow {
  return {
    assessmentId: `01930000-0000-7000-8000-${String(1000 + index).padStart(12, '0')}`,
    companyId: COMPANY,
    firm: `Firm ${index}`,
    erased: false,
    consentToShare: true,
    region: 'North West',
    country: 'GB',
    naceCode: '25',
    employeeBand: '10-49',
    adviserId: 'adv-1',
    adviser: 'Priya Shah',
    kind: 'baseline',
    status: 'finalised',
    visitDate: '2026-03-12',
    maturity: 42,
    ...change,
  };
}

export const samplePortfolio: Portfolio = {
  total: 3,
  firms: 2,
  counts: {
    status: [
      { key: 'finalised', label: 'Finalised', count: 2 },
      { key: 'draft', label: 'Draft', count: 1 },
    ],
    adviser: [
      { key: 'adv-1', label: 'Priya Shah', count: 2 },
      { key: 'adv-2', label: 'Tom Reed', count: 1 },
    ],
    region: [{ key: 'North West', label: 'North West', count: 3 }],
    sector: [{ key: '25', label: 'Fabricated metal products', count: 3 }],
    sizeBand: [{ key: '10-49', label: '10–49', count: 3 }],
    month: [
      { key: '2026-02', label: 'Feb 2026', count: 1 },
      { key: '2026-03', label: 'Mar 2026', count: 2 },
    ],
  },
  maturity: [
    {
      instrumentId: 'digital-maturity',
      dimensionId: 'strategy',
      dimension: 'Digital business strategy',
      bands: [
        { bandId: 'basic', label: 'Basic', count: 1 },
        { bandId: 'developing', label: 'Developing', count: 1 },
        { bandId: 'established', label: 'Established', count: 1 },
        { bandId: 'advanced', label: 'Advanced', count: 0 },
      ],
      mean: 41.5,
      scored: 3,
    },
  ],
  uplift: {
    firms: 1,
    dimensions: [{ instrumentId: 'digital-maturity', dimensionId: 'strategy', dimension: 'Digital business strategy', baselineMean: 30, followUpMean: 45, change: 15, pairs: 1 }],
  },
  barriers: [{ barrierId: 'finance', label: 'Lack of finance', significant: 2, rated: 3, meanRating: 2.1 }],
  steps: {
    recommended: [{ stepId: 'peer-visit', title: 'Visit a peer firm', count: 3 }],
    completed: [{ stepId: 'peer-visit', title: 'Visit a peer firm', count: 1 }],
  },
};

export const emptyPortfolio: Portfolio = {
  total: 0,
  firms: 0,
  counts: { status: [], adviser: [], region: [], sector: [], sizeBand: [], month: [] },
  maturity: [],
  uplift: { firms: 0, dimensions: [] },
  barriers: [],
  steps: { recommended: [], completed: [] },
};

export const sampleOptions: PortfolioOptions = {
  advisers: [
    { id: 'adv-1', name: 'Priya Shah' },
    { id: 'adv-2', name: 'Tom Reed' },
  ],
  regions: ['North West', 'Yorkshire'],
  countries: ['GB'],
  naceCodes: ['25'],
  months: ['2026-02', '2026-03'],
};

type Handler = (input: never) => Promise<Result<unknown>> | Result<unknown>;

/**
 * The portfolio, annotation and office services as the renderer sees them, answered here so the
 * screens can be tested before (and independently of) the services: every call is recorded.
 */
export class FakeOffice {
  portfolio: Portfolio = samplePortfolio;
  rows: PortfolioRow[] = [row(1), row(2, { status: 'draft' }), row(3, { kind: 'follow-up' })];
  annotations: Annotation[] = [];
  calls: { name: string; input: unknown }[] = [];
  readonly handlers: Record<string, Handler> = {
    'portfolio.options': () => ({ ok: true, value: sampleOptions }),
    'portfolio.summary': () => ({ ok: true, value: this.portfolio }),
    'portfolio.assessments': (input: { offset: number; limit: number }) => ({
      ok: true,
      value: { total: this.rows.length, rows: this.rows.slice(input.offset, input.offset + input.limit) },
    }),
    'portfolio.export': () => ({ ok: true, value: { fileName: 'portfolio.csv', mimeType: 'text/csv', base64: btoa('firm;region\n') } }),
    'annotations.list': () => ({ ok: true, value: this.annotations }),
    'annotations.add': (input: { companyId: string; assessmentId: string | null; body: string }) => {
      const note: Annotation = { id: '01930000-0000-7000-8000-00000000a001', ...input, author: 'Programme office', createdAt: '2026-03-14T10:00:00.000Z' };
      this.annotations = [...this.annotations, note];
      return { ok: true, value: note };
    },
    'annotations.remove': (input: { id: string }) => {
      this.annotations = this.annotations.filter((note) => note.id !== input.id);
      return { ok: true, value: input };
    },
    'office.importBundle': () => ({ ok: true, value: { accepted: 41, conflicts: 0, duplicates: 3, rejected: 0 } }),
    'office.eraseFirm': (input: { companyId: string }) => ({ ok: true, value: { companyId: input.companyId, erasedAt: '2026-03-14T10:00:00.000Z' } }),
  };

  callsTo(name: string): unknown[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.input);
  }

  lastCallTo<T>(name: string): T {
    return this.callsTo(name).at(-1) as T;
  }

  readonly wrap = (transport: Transport): Transport => async (name, input) => {
    const handler = this.handlers[name];
    if (!handler) return transport(name, input);
    this.calls.push({ name, input });
    return handler(input as never);
  };
}

/** A sync whose status says this device is enrolled with the given role. */
export function syncAs(role: 'adviser' | 'office'): FakeSync {
  const sync = new FakeSync();
  sync.status = enrolledStatus({ role });
  return sync;
}
