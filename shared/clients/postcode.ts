import type { Country } from './sectors';

// Loose on purpose: advisers type what is on the company's letterhead, so spacing and case vary.
const patterns: Partial<Record<Country, RegExp>> = {
  GB: /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i,
  IE: /^[A-Z\d]{3}\s*[A-Z\d]{4}$/i,
  DK: /^(DK-?)?\d{4}$/i,
  SE: /^(SE-?)?\d{3}\s?\d{2}$/i,
  NO: /^\d{4}$/,
  FI: /^\d{5}$/,
  DE: /^\d{5}$/,
  NL: /^\d{4}\s?[A-Z]{2}$/i,
  PL: /^\d{2}-\d{3}$/,
};

export function postcodeIsValid(country: string, postcode: string): boolean {
  const pattern = patterns[country as Country];
  return pattern === undefined || pattern.test(postcode.trim());
}
