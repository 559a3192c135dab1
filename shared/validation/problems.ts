import type { z } from 'zod';

/** Building blocks for validators of data files (instruments, catalogues) that report JSON paths. */

export type Path = (string | number)[];

/** `$.questions[3].levels[0].descriptor.da`: the JSON path a programme office can find in its file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${String(part)}`), '$');
}

export function schemaProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = [...issue.path];
    if (issue.code === 'unrecognized_keys') return `${formatPath(path)}: unknown field(s) ${issue.keys.join(', ')}`;
    return `${formatPath(path)}: ${issue.message}`;
  });
}

export function duplicates<T>(items: readonly T[], key: (item: T) => string, at: (index: number) => Path, what: string): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  items.forEach((item, index) => {
    const id = key(item);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else problems.push(`${formatPath(at(index))}: duplicate ${what} "${id}" (first at ${formatPath(at(first))})`);
  });
  return problems;
}

/** Every object with an `en` string is a translatable text; each must carry every declared language. */
export function missingTranslations(value: unknown, locales: readonly string[], path: Path): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => missingTranslations(item, locales, [...path, index]));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record.en === 'string') {
    return locales
      .filter((locale) => typeof record[locale] !== 'string' || (record[locale] as string).trim() === '')
      .map((locale) => `${formatPath([...path, locale])}: missing ${locale} translation`);
  }
  return Object.entries(record).flatMap(([key, child]) => missingTranslations(child, locales, [...path, key]));
}

