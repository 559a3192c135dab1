import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Whole counts as the reader writes them: 5,000 in English, 5.000 in Danish. */
export function useCount(): (value: number) => string {
  const { i18n } = useTranslation();
  return useCallback((value: number) => value.toLocaleString(i18n.language), [i18n.language]);
}

/** "Mar 2026" for "2026-03", in the reader's language. */
export function monthLabel(month: string, language: string): string {
  const [year, number] = month.split('-').map(Number);
  if (!year || !number) return month;
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleDateString(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Every month from the first to the last of `counts`, the ones without visits as 0: a time axis has no gaps. */
export function everyMonth(counts: { key: string; count: number }[]): { key: string; count: number }[] {
  const sorted = counts.filter((c) => /^\d{4}-(0[1-9]|1[0-2])$/.test(c.key)).sort((a, b) => a.key.localeCompare(b.key));
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  const byKey = new Map(sorted.map((c) => [c.key, c.count]));
  const months: { key: string; count: number }[] = [];
  let [year, month] = first.key.split('-').map(Number) as [number, number];
  for (let key = first.key; key <= last.key; ) {
    months.push({ key, count: byKey.get(key) ?? 0 });
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
    key = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

export function decimal(value: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function signed(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
}
