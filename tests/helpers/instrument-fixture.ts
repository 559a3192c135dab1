import { InstrumentSchema, type Instrument, type InstrumentInput } from '../../shared/instruments/schema';

const t = (en: string) => ({ en, da: `${en} (da)`, sv: `${en} (sv)` });
const levels = (what: string) => [0, 1, 2, 3, 4, 5].map((level) => ({ level, descriptor: t(`${what} at level ${level}`) }));

/** A small instrument with one question of every type, for tests that need full control. */
export function sampleInstrumentJson(): InstrumentInput {
  return {
    id: 'sample',
    version: '1.0.0',
    kind: 'maturity',
    title: t('Sample'),
    description: t('A sample instrument'),
    locales: ['en', 'da', 'sv'],
    scale: { min: 0, max: 100, step: 1 },
    bands: [
      { id: 'basic', min: 0, max: 25, label: t('Basic') },
      { id: 'developing', min: 26, max: 50, label: t('Developing') },
      { id: 'established', min: 51, max: 75, label: t('Established') },
      { id: 'advanced', min: 76, max: 100, label: t('Advanced') },
    ],
    dimensions: [
      { id: 'data', title: t('Data'), description: t('Data use'), barriers: ['finance', 'people-capacity'] },
      { id: 'people', title: t('People'), description: t('Skills'), weight: 1 },
    ],
    questions: [
      { id: 'q-level', dimension: 'data', type: 'level', text: t('How is data captured?'), levels: levels('capture') },
      {
        id: 'q-single',
        dimension: 'data',
        type: 'single',
        text: t('Which system?'),
        options: [
          { id: 'paper', label: t('Paper'), points: 0 },
          { id: 'spreadsheet', label: t('Spreadsheet'), points: 1 },
          { id: 'erp', label: t('ERP'), points: 4 },
        ],
      },
      {
        id: 'q-multi',
        dimension: 'data',
        type: 'multi',
        text: t('Which data?'),
        maxPoints: 4,
        options: [
          { id: 'orders', label: t('Orders'), points: 2 },
          { id: 'stock', label: t('Stock'), points: 2 },
          { id: 'machines', label: t('Machines'), points: 2 },
        ],
      },
      { id: 'q-follow', dimension: 'data', type: 'yesno', text: t('Is the ERP linked?'), points: { yes: 1, no: 0 }, appliesIf: { question: 'q-single', equals: 'erp' } },
      {
        id: 'q-number',
        dimension: 'people',
        type: 'number',
        text: t('Share trained'),
        unit: t('%'),
        min: 0,
        max: 100,
        scoring: [
          { atLeast: 0, score: 0 },
          { atLeast: 20, score: 0.5 },
          { atLeast: 60, score: 1 },
        ],
      },
      { id: 'q-yes', dimension: 'people', type: 'yesno', text: t('Is there a training plan?'), points: { yes: 2, no: 0 } },
      { id: 'q-text', dimension: 'people', type: 'text', text: t('Anything else?') },
    ],
  };
}

export function sampleInstrument(): Instrument {
  return InstrumentSchema.parse(sampleInstrumentJson());
}
