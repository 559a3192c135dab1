import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app-store';

/** Disabled while any sync runs, whether started here or by the sync service on its own. */
export function SyncNowButton({ className }: { className: string }) {
  const { t } = useTranslation();
  const syncNow = useAppStore((s) => s.syncNow);
  const busy = useAppStore((s) => s.syncRequested || s.syncStatus?.syncing === true);
  return (
    <button type="button" className={className} disabled={busy} onClick={() => void syncNow()}>
      <span aria-hidden="true" className={busy ? 'sync-icon spinning' : 'sync-icon'}>
        ⟳
      </span>
      {busy ? t('sync.syncing') : t('sync.syncNow')}
    </button>
  );
}
