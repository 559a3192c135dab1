import { describe, expect, it } from 'vitest';
import { builtinCatalogue, builtinCatalogueJson } from '../../shared/roadmap/builtin';
import { technologyAreas, type Step } from '../../shared/roadmap/catalogue-schema';
import { validateCatalogue } from '../../shared/roadmap/validate-catalogue';
import { instrumentLocales, type LocalizedText } from '../../shared/instruments/schema';

type Json = Record<string, any>;

const step = (id: string): Step => {
  const found = builtinCatalogue.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no catalogue step ${id}`);
  return found;
};

/** The shipped catalogue as a file a programme office could edit: a deep copy of the raw JSON. */
function catalogueJson(): Json {
  return structuredClone(builtinCatalogueJson) as Json;
}

const t = (en: string) => ({ en, da: `${en} (da)`, sv: `${en} (sv)` });

/** A minimal step that passes the schema; override any field. */
function minimalStep(id: string, overrides: Json = {}): Json {
  return {
    id,
    area: 'strategy-support',
    kind: 'technology',
    title: t(`Step ${id}`),
    description: t('What it is'),
    raises: [],
    prerequisites: { steps: [], minimumScores: [] },
    effortDays: 1,
    costBand: 'none',
    timeToValueWeeks: 2,
    benefits: t('What it brings'),
    kpi: t('How to tell'),
    mitigates: [],
    drivers: [],
    mechanisms: [],
    grantEligible: false,
    ...overrides,
  };
}

/** A catalogue with just the given steps and no directory entries. */
function tinyCatalogue(steps: Json[]): Json {
  return {
    id: 'tiny',
    version: '1.0.0',
    locales: ['en', 'da', 'sv'],
    steps,
    directories: { peers: [], intermediaries: [], trainingProviders: [], fundingSchemes: [] },
  };
}

describe('the built-in catalogue', () => {
  it('passes validateCatalogue with no problems', () => {
    expect(validateCatalogue(builtinCatalogueJson)).toEqual([]);
  });

  it('offers at least 60 steps with unique ids', () => {
    expect(builtinCatalogue.steps.length).toBeGreaterThanOrEqual(60);
    expect(new Set(builtinCatalogue.steps.map((s) => s.id)).size).toBe(builtinCatalogue.steps.length);
  });

  it('covers every technology area with at least one step', () => {
    const used = new Set(builtinCatalogue.steps.map((s) => s.area));
    expect(technologyAreas.filter((area) => !used.has(area))).toEqual([]);
  });

  it('has every step text in English, Danish and Swedish, none of them blank', () => {
    expect(builtinCatalogue.locales).toEqual(['en', 'da', 'sv']);
    const blanks: string[] = [];
    for (const s of builtinCatalogue.steps) {
      const texts: [string, LocalizedText][] = [
        ['title', s.title],
        ['description', s.description],
        ['benefits', s.benefits],
        ['kpi', s.kpi],
      ];
      for (const [field, text] of texts) {
        for (const locale of instrumentLocales) if (!(text[locale] ?? '').trim()) blanks.push(`${s.id}.${field}.${locale}`);
      }
    }
    expect(blanks).toEqual([]);
  });

  it('has the enabling steps an adviser reaches for, each lowering the barrier its name promises', () => {
    const expected: [id: string, barrier: Step['mitigates'][number]][] = [
      ['peer-site-visit', 'vendor-distrust'],
      ['impartial-technology-advice', 'vendor-distrust'],
      ['shared-college-course', 'people-capacity'],
      ['grant-application', 'finance'],
    ];
    for (const [id, barrier] of expected) {
      expect(step(id).kind, id).toBe('enabling');
      expect(step(id).mitigates, id).toContain(barrier);
    }
    expect(step('peer-site-visit').mechanisms).toContain('peer-learning');
    expect(step('impartial-technology-advice').mechanisms).toContain('intermediary');
    expect(step('shared-college-course').mechanisms).toContain('collective-skills');
  });

  it('names only existing steps as prerequisites', () => {
    const ids = new Set(builtinCatalogue.steps.map((s) => s.id));
    const unknown = builtinCatalogue.steps.flatMap((s) => s.prerequisites.steps.filter((p) => !ids.has(p)).map((p) => `${s.id} → ${p}`));
    expect(unknown).toEqual([]);
  });

  it('marks every directory entry as an example and names it "Example: …" so no one mistakes it for a real organisation', () => {
    const { peers, intermediaries, trainingProviders, fundingSchemes } = builtinCatalogue.directories;
    const entries = [...peers, ...intermediaries, ...trainingProviders, ...fundingSchemes];
    expect(entries.length).toBeGreaterThan(0);
    const unmarked = entries.filter((e) => e.example !== true || !e.name.startsWith('Example: ') || e.name.length <= 'Example: '.length);
    expect(unmarked.map((e) => e.id)).toEqual([]);
    // The raw file says so explicitly rather than relying on a default.
    const raw = catalogueJson().directories as Record<string, Json[]>;
    expect(Object.values(raw).flat().filter((e) => e.example !== true).map((e) => e.id)).toEqual([]);
  });
});

describe('validateCatalogue', () => {
  it('accepts a small hand-written catalogue', () => {
    expect(validateCatalogue(tinyCatalogue([minimalStep('a'), minimalStep('b', { prerequisites: { steps: ['a'], minimumScores: [] } })]))).toEqual([]);
  });

  it('reports a prerequisite that names no step, with its JSON path', () => {
    const json = catalogueJson();
    const index = json.steps.findIndex((s: Json) => s.id === 'cad-dnc-network');
    json.steps[index].prerequisites.steps.push('no-such-step');
    const at = json.steps[index].prerequisites.steps.length - 1;
    expect(validateCatalogue(json)).toEqual([`$.steps[${index}].prerequisites.steps[${at}]: unknown step "no-such-step"`]);
  });

  it('reports a cycle of prerequisites (a needs b, b needs a), with its JSON path', () => {
    const problems = validateCatalogue(
      tinyCatalogue([minimalStep('a', { prerequisites: { steps: ['b'], minimumScores: [] } }), minimalStep('b', { prerequisites: { steps: ['a'], minimumScores: [] } })]),
    );
    expect(problems).toEqual(['$.steps[0].prerequisites: cycle a → b → a']);
  });

  it('reports a step that is its own prerequisite', () => {
    const problems = validateCatalogue(tinyCatalogue([minimalStep('a', { prerequisites: { steps: ['a'], minimumScores: [] } })]));
    expect(problems).toContain('$.steps[0].prerequisites.steps[0]: a step cannot be its own prerequisite');
  });

  it('reports a dimension no built-in instrument has, in raises and in minimum scores, with JSON paths', () => {
    const json = catalogueJson();
    json.steps[2].raises.push({ instrument: 'digital-maturity', dimension: 'telepathy', by: 3 });
    const at = json.steps[2].raises.length - 1;
    json.steps[3].prerequisites.minimumScores.push({ instrument: 'no-such-instrument', dimension: 'data-management', score: 10 });
    expect(validateCatalogue(json)).toEqual([
      `$.steps[2].raises[${at}]: unknown dimension "digital-maturity/telepathy"`,
      `$.steps[3].prerequisites.minimumScores[0]: unknown dimension "no-such-instrument/data-management"`,
    ]);
  });

  it('reports a missing Danish translation, and a blank one, with JSON paths', () => {
    const json = catalogueJson();
    delete json.steps[4].title.da;
    json.steps[5].kpi.da = '   ';
    expect(validateCatalogue(json)).toEqual(['$.steps[4].title.da: missing da translation', '$.steps[5].kpi.da: missing da translation']);
  });

  it('reports a missing translation in a directory entry too', () => {
    const json = catalogueJson();
    delete json.directories.peers[0].description.sv;
    expect(validateCatalogue(json)).toEqual(['$.directories.peers[0].description.sv: missing sv translation']);
  });

  it('reports a duplicate step id with both places', () => {
    const json = catalogueJson();
    const copy = structuredClone(json.steps[0]);
    json.steps.push(copy);
    expect(validateCatalogue(json)).toEqual([`$.steps[${json.steps.length - 1}].id: duplicate step id "${copy.id}" (first at $.steps[0].id)`]);
  });

  it('reports schema errors (an unknown area, an unknown field) with their JSON paths instead of the checks that need a valid file', () => {
    const json = catalogueJson();
    json.steps[1].area = 'teleportation';
    json.steps[1].colour = 'blue';
    const problems = validateCatalogue(json);
    expect(problems.some((p) => p.startsWith('$.steps[1].area: '))).toBe(true);
    expect(problems).toContain('$.steps[1]: unknown field(s) colour');
  });
});
