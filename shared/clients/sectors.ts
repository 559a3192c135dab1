/**
 * NACE Rev. 2 divisions of section C (manufacturing). Labels live in the i18n resources
 * under `sectors.<code>` so every language names them in its own words.
 */
export const naceCodes = [
  '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21',
  '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33',
] as const;
export type NaceCode = (typeof naceCodes)[number];

export const employeeBands = ['1-9', '10-49', '50-249', '250+'] as const;
export type EmployeeBand = (typeof employeeBands)[number];

/** EU SME turnover thresholds, in euro equivalents so offices in GBP, DKK and SEK share one scale. */
export const turnoverBands = ['under-2m', '2m-10m', '10m-50m', 'over-50m'] as const;
export type TurnoverBand = (typeof turnoverBands)[number];

export const countries = ['GB', 'IE', 'DK', 'SE', 'NO', 'FI', 'DE', 'NL', 'PL'] as const;
export type Country = (typeof countries)[number];
