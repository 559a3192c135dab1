import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../shared/assessments/schema';

export function StatusBadge({ status }: { status: Assessment['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`assessments.status.${status}`)}</span>;
}
