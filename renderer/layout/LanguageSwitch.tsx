import { useTranslation } from 'react-i18next';
import { languages } from '../../shared/i18n';

export const LANGUAGE_KEY = 'stepping-stones-language';

/** Switches the interface language at any time; the report language is chosen per assessment. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('app.language')}</span>
      <select
        value={i18n.language}
        onChange={(event) => {
          void i18n.changeLanguage(event.target.value);
          document.documentElement.lang = event.target.value;
          window.localStorage.setItem(LANGUAGE_KEY, event.target.value);
        }}
      >
        {languages.map((language) => (
          <option key={language} value={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
