import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/** Says plainly whether every answer is in the database; a failure is loud and offers a retry. */
export function SaveStatus() {
  const { t, i18n } = useTranslation();
  const status = useAppStore((s) => s.saveStatus);
  const retry = useAppStore((s) => s.retryUnsaved);
  if (status.state === 'failed') {
    return (
      <div className="save-status save-failed" role="alert">
        <span>{t(status.retrying ? 'workspace.save.failed' : 'workspace.save.rejected', { message: status.error })}</span>
        <button type="button" className="button button-quiet" onClick={() => void retry()}>
          {t('workspace.save.retry')}
        </button>
      </div>
    );
  }
  const text =
    status.state === 'saving'
      ? t('workspace.save.saving')
      : status.state === 'saved' && status.savedAt
        ? t('workspace.save.saved', { time: status.savedAt.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })
        : t('workspace.save.idle');
  return (
    <div className={`save-status save-${status.state}`} role="status" aria-live="polite">
      <span className="save-dot" aria-hidden="true" />
      {text}
    </div>
  );
}
