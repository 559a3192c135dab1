import { useTranslation } from 'react-i18next';

/** Stands where an edit button would be, so the office knows why there is none. */
export function ReadOnlyNotice() {
  const { t } = useTranslation();
  return (
    <span className="read-only-notice">
      <svg aria-hidden="true" width="12" height="14" viewBox="0 0 12 14">
        <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
        <path d="M3.2 6V4.2a2.8 2.8 0 0 1 5.6 0V6" fill="none" stroke="currentColor" strokeWidth="1.6" />
      </svg>
      {t('office.readOnly')}
    </span>
  );
}
