// Letters that Unicode does not decompose into a base letter plus a mark.
const SPECIAL: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * Lower-case, accent-free form of a text for matching what an adviser types: "lodz" finds "Łódź",
 * "orestad" finds "Ørestad", "malmo" finds "Malmö".
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßłđðþı]/g, (letter) => SPECIAL[letter] ?? letter);
}
