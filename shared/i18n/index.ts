import i18next, { type i18n } from 'i18next';
import { en, type Resources } from './en';

export const languages = ['en'] as const;
export type Language = (typeof languages)[number];

export const resources: Record<Language, { translation: Resources }> = {
  en: { translation: en },
};

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
