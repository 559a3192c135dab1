import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinInstrument, builtinInstruments } from '../../shared/instruments/builtin';
import { barrierIds, driverIds, instrumentLocales, type Instrument, type Question } from '../../shared/instruments/schema';
import { validateInstrument } from '../../shared/instruments/validate';

const BUILTIN_DIRECTORY = path.resolve(import.meta.dirname, '../../shared/instruments/builtin');
const BUILTIN_IDS = ['digital-maturity', 'stepping-stones', 'smart-factory-readiness'] as const;

/** The files exactly as they ship, before any schema default is applied. */
function rawJson(id: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(BUILTIN_DIRECTORY, `${id}.json`), 'utf8')) as unknown;
}

interface FoundText {
  path: string;
  text: Record<string, unknown>;
}

/** Every translatable text in a JSON value: any object that carries an `en` key. */
function localizedTexts(value: unknown, at = '$'): FoundText[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => localizedTexts(item, `${at}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if ('en' in record) return [{ path: at, text: record }];
  return Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${at}.${key}`));
}

function questionsOfType<T extends Question['type']>(instrument: Instrument, type: T): Extract<Question, { type: T }>[] {
  return instrument.questions.filter((q): q is Extract<Question, { type: T }> => q.type === type);
}

describe('built-in instruments', () => {
  it('ships exactly the three instruments, each from its own file', () => {
    expect(builtinInstruments.map((i) => i.id).sort()).toEqual([...BUILTIN_IDS].sort());
    expect(fs.readdirSync(BUILTIN_DIRECTORY).filter((f) => f.endsWith('.json')).sort()).toEqual(BUILTIN_IDS.map((id) => `${id}.json`).sort());
  });

  it.each(BUILTIN_IDS)('%s passes validateInstrument with zero problems', (id) => {
    expect(validateInstrument(rawJson(id))).toEqual([]);
  });

  it.each(BUILTIN_IDS)('%s claims all three languages', (id) => {
    expect([...builtinInstrument(id).locales].sort()).toEqual([...instrumentLocales].sort());
  });

  it.each(BUILTIN_IDS)('%s has a non-empty en, da and sv text in every LocalizedText, and no other languages', (id) => {
    const texts = localizedTexts(rawJson(id));
    // Title, description, every dimension and question at least: a walk that finds little has gone wrong.
    expect(texts.length).toBeGreaterThan(50);
    const gaps: string[] = [];
    for (const { path: at, text } of texts) {
      for (const locale of instrumentLocales) {
        const value = text[locale];
        if (typeof value !== 'string' || value.trim() === '') gaps.push(`${at}.${locale}`);
      }
      for (const key of Object.keys(text)) if (!(instrumentLocales as readonly string[]).includes(key)) gaps.push(`${at}.${key} (unknown language)`);
    }
    expect(gaps).toEqual([]);
  });

  it.each(BUILTIN_IDS)('%s has da and sv texts that are real translations, identical to English in under 5%% of strings', (id) => {
    const texts = localizedTexts(rawJson(id));
    for (const locale of ['da', 'sv'] as const) {
      const copies = texts.filter(({ text }) => text[locale] === text.en).map(({ path: at }) => at);
      expect(copies.length / texts.length, `${locale} copies of English: ${copies.join(', ')}`).toBeLessThan(0.05);
    }
  });

  it('uses every question id only once across all built-in instruments', () => {
    const ids = builtinInstruments.flatMap((i) => i.questions.map((q) => q.id));
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(repeated).toEqual([]);
    expect(ids.length).toBeGreaterThan(60);
  });

  it('points every crosswalk tag for another built-in instrument at a dimension that exists there', () => {
    const dimensionsOf = (id: string) => new Set(builtinInstrument(id).dimensions.map((d) => d.id));
    const prefixes: Record<string, Set<string>> = { dm: dimensionsOf('digital-maturity'), sfr: dimensionsOf('smart-factory-readiness') };
    const dangling: string[] = [];
    let checked = 0;
    for (const instrument of builtinInstruments) {
      for (const dimension of instrument.dimensions) {
        for (const tag of dimension.crosswalk) {
          const [prefix, target] = tag.split(':');
          const known = prefix === undefined ? undefined : prefixes[prefix];
          if (!known || target === undefined) continue;
          checked += 1;
          if (!known.has(target)) dangling.push(`${instrument.id}/${dimension.id}: ${tag}`);
        }
      }
    }
    expect(dangling).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });
});

describe('digital-maturity', () => {
  const instrument = builtinInstrument('digital-maturity');
  const edihDimensions = ['digital-strategy', 'digital-readiness', 'human-centric', 'data-management', 'automation-ai', 'green-digital'];

  it('is a maturity instrument scored 0–100 in whole points', () => {
    expect(instrument.kind).toBe('maturity');
    expect(instrument.scale).toEqual({ min: 0, max: 100, step: 1 });
  });

  it('has the six EDIH DMA dimensions, in order, each tagged with its EDIH module number', () => {
    expect(instrument.dimensions.map((d) => d.id)).toEqual(edihDimensions);
    instrument.dimensions.forEach((dimension, index) => expect(dimension.crosswalk).toContain(`edih-dma:${index + 1}`));
  });

  it('asks between 30 and 45 questions, with questions in every dimension', () => {
    expect(instrument.questions.length).toBeGreaterThanOrEqual(30);
    expect(instrument.questions.length).toBeLessThanOrEqual(45);
    for (const id of edihDimensions) expect(instrument.questions.filter((q) => q.dimension === id).length, id).toBeGreaterThanOrEqual(3);
  });

  it('has the bands basic 0–25, developing 26–50, established 51–75, advanced 76–100', () => {
    expect(instrument.bands.map(({ id, min, max }) => ({ id, min, max }))).toEqual([
      { id: 'basic', min: 0, max: 25 },
      { id: 'developing', min: 26, max: 50 },
      { id: 'established', min: 51, max: 75 },
      { id: 'advanced', min: 76, max: 100 },
    ]);
  });

  it('interprets every band in every dimension, in all three languages', () => {
    for (const dimension of instrument.dimensions) {
      expect(Object.keys(dimension.interpretation).sort(), dimension.id).toEqual(['advanced', 'basic', 'developing', 'established']);
      for (const [band, text] of Object.entries(dimension.interpretation)) {
        for (const locale of instrumentLocales) expect(text[locale]?.trim(), `${dimension.id}.${band}.${locale}`).toBeTruthy();
      }
    }
  });

  it('lists, for every dimension, the barriers that slow progress there', () => {
    for (const dimension of instrument.dimensions) expect(dimension.barriers.length, dimension.id).toBeGreaterThan(0);
  });

  it('lets the SME pick "none" in a multiple-choice question only on its own', () => {
    const multis = questionsOfType(instrument, 'multi');
    expect(multis.length).toBeGreaterThan(0);
    for (const question of multis) {
      expect(question.options.filter((o) => o.exclusive).map((o) => o.id), question.id).toEqual(['none']);
      expect(question.options.find((o) => o.id === 'none')!.points, question.id).toBe(0);
    }
  });
});

describe('smart-factory-readiness', () => {
  const instrument = builtinInstrument('smart-factory-readiness');
  const blocks = instrument.groups.filter((g) => g.kind === 'building-block');
  const pillars = instrument.groups.filter((g) => g.kind === 'pillar');

  it('is scored 0–5 in tenths', () => {
    expect(instrument.scale).toEqual({ min: 0, max: 5, step: 0.1 });
  });

  it('has 3 building blocks and 8 pillars, each pillar inside a building block', () => {
    expect(blocks.map((b) => b.id)).toEqual(['process', 'technology', 'organisation']);
    expect(pillars).toHaveLength(8);
    const blockIds = new Set(blocks.map((b) => b.id));
    for (const pillar of pillars) expect(blockIds.has(pillar.parent ?? ''), pillar.id).toBe(true);
    for (const block of blocks) expect(pillars.some((p) => p.parent === block.id), block.id).toBe(true);
  });

  it('has 16 dimensions, each in a pillar and every pillar with a dimension', () => {
    expect(instrument.dimensions).toHaveLength(16);
    const pillarIds = new Set(pillars.map((p) => p.id));
    for (const dimension of instrument.dimensions) expect(pillarIds.has(dimension.group ?? ''), dimension.id).toBe(true);
    for (const pillar of pillars) expect(instrument.dimensions.some((d) => d.group === pillar.id), pillar.id).toBe(true);
  });

  it('asks for every dimension a level question with one descriptor for each level 0–5', () => {
    for (const dimension of instrument.dimensions) {
      const levelQuestions = questionsOfType(instrument, 'level').filter((q) => q.dimension === dimension.id);
      expect(levelQuestions.length, dimension.id).toBeGreaterThanOrEqual(1);
      for (const question of levelQuestions) {
        expect(question.levels.map((l) => l.level).sort(), question.id).toEqual([0, 1, 2, 3, 4, 5]);
        for (const { level, descriptor } of question.levels) {
          for (const locale of instrumentLocales) expect(descriptor[locale]?.trim(), `${question.id} level ${level} ${locale}`).toBeTruthy();
        }
      }
    }
  });
});

describe('stepping-stones', () => {
  const instrument = builtinInstrument('stepping-stones');

  it('is a diagnostic, so it gives no overall maturity score', () => {
    expect(instrument.kind).toBe('diagnostic');
  });

  it('has one single-choice barrier question for every barrier id, rated 0–3', () => {
    const barrierQuestions = instrument.questions.filter((q) => q.barrier !== undefined);
    expect(barrierQuestions.map((q) => q.barrier).sort()).toEqual([...barrierIds].sort());
    for (const question of barrierQuestions) {
      expect(question.type, question.id).toBe('single');
      if (question.type !== 'single') continue;
      expect(question.options.map((o) => o.points), question.id).toEqual([0, 1, 2, 3]);
    }
  });

  it('ranks exactly the driver ids', () => {
    const rankings = questionsOfType(instrument, 'ranking');
    expect(rankings).toHaveLength(1);
    expect(rankings[0]!.options.map((o) => o.id).sort()).toEqual([...driverIds].sort());
  });
});
