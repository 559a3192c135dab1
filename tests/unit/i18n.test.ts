import { describe, expect, it } from 'vitest';
import { da } from '../../shared/i18n/da';
import { en } from '../../shared/i18n/en';
import { createI18n } from '../../shared/i18n';
import { sv } from '../../shared/i18n/sv';

type Translated = 'da' | 'sv';

const translations: Record<Translated, unknown> = { da, sv };

/** Every leaf of a resource tree as `path -> value`, the path joined with dots. */
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) {
    out.set(prefix, tree);
    return out;
  }
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [p, v] of leaves(value, path)) out.set(p, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

/** The `{{…}}` interpolations of a string, whitespace-normalised, sorted, without duplicates. */
function placeholders(text: string): string[] {
  const found = [...text.matchAll(/\{\{(.*?)\}\}/g)].map((m) => m[1]!.trim().replace(/\s*,\s*/g, ', '));
  return [...new Set(found)].sort();
}

const english = leaves(en);

/**
 * Strings that are rightly the same as English. Anything else that matches English counts as
 * untranslated.
 */
const sameInEveryLanguage = [
  'app.name', // product name
  'common.none', // an em dash
  'languages.en', // each language is named in its own language
  'languages.da',
  'languages.sv',
  'bands.employees.1-9', // number ranges
  'bands.employees.10-49',
  'bands.employees.50-249',
  'countries.FI', // 'Finland' in all three languages
  'clients.sort.region', // 'Region' is the Danish and Swedish word too
  'clients.columns.region',
  'form.fields.region',
];
const sameAsEnglish: Record<Translated, string[]> = {
  da: [...sameInEveryLanguage, 'results.score'], // 'Score' is the Danish term, as in the instruments
  sv: [...sameInEveryLanguage, 'results.gap'], // 'Gap' as in Swedish 'gapanalys'
};

describe.each(['da', 'sv'] as const)('%s translation', (language) => {
  const translated = leaves(translations[language]);

  it('has every English key, each with a non-empty string', () => {
    const missing = [...english.keys()].filter((path) => !translated.has(path));
    expect(missing).toEqual([]);
    const empty = [...translated].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([p]) => p);
    expect(empty).toEqual([]);
  });

  it('has no key that English lacks', () => {
    const extra = [...translated.keys()].filter((path) => !english.has(path));
    expect(extra).toEqual([]);
  });

  it('keeps exactly the same {{placeholders}} in every string', () => {
    const differing: string[] = [];
    for (const [path, source] of english) {
      const target = translated.get(path);
      if (typeof source !== 'string' || typeof target !== 'string') continue;
      if (placeholders(source).join('|') !== placeholders(target).join('|')) differing.push(`${path}: ${target}`);
    }
    expect(differing).toEqual([]);
  });

  it('translates at least 90 % of the strings', () => {
    const allowed = new Set(sameAsEnglish[language]);
    for (const path of allowed) expect(english.has(path), `${path} is listed but not a key`).toBe(true);
    const untranslated = [...english].filter(([path, source]) => !allowed.has(path) && translated.get(path) === source);
    expect(untranslated.length / english.size, `same as English: ${untranslated.map(([p]) => p).join(', ')}`).toBeLessThan(0.1);
  });

  it('keeps one & accelerator in each menu label that has one', () => {
    for (const [path, source] of english) {
      if (typeof source !== 'string' || !source.includes('&')) continue;
      const target = translated.get(path) as string;
      expect(target.match(/&/g), path).toHaveLength(1);
      expect(target, path).toMatch(/&\p{L}/u);
    }
  });

  it('keeps loud capitals loud (NOT SAVED — …)', () => {
    for (const [path, source] of english) {
      if (typeof source !== 'string') continue;
      const loud = /^([A-Z][A-Z ]+[A-Z]) — /.exec(source);
      if (!loud) continue;
      const prefix = (translated.get(path) as string).split(' — ')[0]!;
      expect(prefix, path).toMatch(/\p{Lu}{2}/u);
      expect(prefix, path).toBe(prefix.toLocaleUpperCase(language));
    }
  });
});

describe('i18next with the new languages', () => {
  it('uses the Danish text, not the English fallback', () => {
    const t = createI18n('da').t;
    expect(t('common.save')).toBe('Gem');
    expect(t('app.pending', { count: 1 })).toBe('1 ændring venter på synkronisering');
  });

  it('uses the Swedish text, not the English fallback', () => {
    const t = createI18n('sv').t;
    expect(t('common.save')).toBe('Spara');
    expect(t('app.pending', { count: 1 })).toBe('1 ändring väntar på synkronisering');
  });

  it('picks the Danish plural form', () => {
    const t = createI18n('da').t;
    expect(t('clients.subtitle', { count: 2 })).toBe('2 virksomheder');
    expect(t('clients.subtitle', { count: 1 })).toBe('1 virksomhed');
    expect(t('app.pending', { count: 2 })).toBe('2 ændringer venter på synkronisering');
    // {{count, number}} formats with Danish grouping.
    expect(t('clients.subtitle', { count: 1234 })).toBe('1.234 virksomheder');
  });

  it('picks the Swedish plural form', () => {
    const i18n = createI18n('sv');
    // 'företag' is both singular and plural, so prove the _other form is the one chosen.
    i18n.addResource('sv', 'translation', 'pluralProbe_one', 'one');
    i18n.addResource('sv', 'translation', 'pluralProbe_other', 'other');
    expect(i18n.t('pluralProbe', { count: 2 })).toBe('other');
    expect(i18n.t('pluralProbe', { count: 1 })).toBe('one');
    expect(i18n.t('clients.subtitle', { count: 2 })).toBe(sv.clients.subtitle_other.replace('{{count, number}}', '2'));
    expect(i18n.t('clients.subtitle', { count: 2 })).toBe('2 företag');
    expect(i18n.t('app.pending', { count: 2 })).toBe('2 ändringar väntar på synkronisering');
    expect(i18n.t('results.unanswered', { count: 2 })).toBe('2 frågor är ännu obesvarade.');
    // {{count, number}} formats with Swedish grouping (a no-break space).
    expect(i18n.t('clients.subtitle', { count: 1234 })).toMatch(/^1\s234 företag$/u);
  });
});
