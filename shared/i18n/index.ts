import i18next, { type i18n } from 'i18next';
import { en, type Resources } from './en';
import { da } from './da';
import { sv } from './sv';

export const languages = ['en', 'da', 'sv'] as const;
export type Language = (typeof languages)[number];

export const resources: Record<Language, { translation: Resources }> = {
  en: { translation: en },
  da: { translation: da },
  sv: { translation: sv },
};

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

export function createI18n(language: Language = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders; escaping here as well would show entities to the user.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
