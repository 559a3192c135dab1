import type { LocalizedText } from './schema';

/** The text in the wanted language, falling back to English for an instrument not yet translated. */
export function textIn(text: LocalizedText, language: string): string {
  return text[language] || text.en;
}
