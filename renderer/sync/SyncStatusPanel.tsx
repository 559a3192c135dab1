import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/sync/operations';
import { routeHref } from '../app/routes';
import { useAppStore } from '../store/app-store';
import { SyncNowButton } from './SyncNowButton';
import { lastSyncedText, problemText } from './sync-text';
import { useNow, useSyncStatusPolling } from './use-sync-status';

type Tone = 'idle' | 'ok' | 'busy' | 'attention' | 'problem';

/** Being offline is the normal day of an adviser, so it reads as "waiting", not as an alarm. */
function toneOf(status: SyncStatus, busy: boolean): Tone {
  if (!status.enrolled) return status.problem ? 'problem' : 'idle';
  if (busy) return 'busy';
  if (status.problem) return status.problem.code === 'unreachable' || status.problem.code === 'rate_limited' ? 'attention' : 'problem';
  if (status.openConflicts > 0 || status.rejectedChanges > 0 || status.pendingChanges > 0) return 'attention';
  return 'ok';
}

/** The footer of the sidebar: whether this laptop's work has reached the programme office. */
export function SyncStatusPanel() {
  const { t } = useTranslation();
  useSyncStatusPolling();
  const status = useAppStore((s) => s.syncStatus);
  const error = useAppStore((s) => s.syncStatusError);
  const busy = useAppStore((s) => s.syncRequested || s.syncStatus?.syncing === true);

  const tone: Tone = status ? toneOf(status, busy) : error ? 'problem' : 'idle';
  return (
    <section className={`sync-status sync-tone-${tone}`} aria-label={t('sync.region')}>
      <div className="status-dot" aria-hidden="true" />
      <div className="sync-body">
        {status?.enrolled ? (
          <EnrolledStatus status={status} busy={busy} />
        ) : status ? (
          <NotEnrolledStatus status={status} />
        ) : (
          <div role="status">{error ? t('sync.statusUnavailable') : t('common.loading')}</div>
        )}
      </div>
    </section>
  );
}

function NotEnrolledStatus({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status" className="sync-headline">
        {t('sync.notConnected')}
        {status.problem && <p className="sync-problem">{problemText(t, status.problem.code)}</p>}
      </div>
      <a className="sync-link" href={routeHref({ name: 'settings' })}>
        {t('sync.connect')}
      </a>
    </>
  );
}

function EnrolledStatus({ status, busy }: { status: SyncStatus; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return (
    <>
      <div className="sync-headline">{status.programmeName ?? t('sync.programmeOffice')}</div>
      {/* Ages every minute and changes with every saved answer: visible, but not read out each time. */}
      <div className="muted">{lastSyncedText(t, status.lastSyncedAt, now, i18n.language)}</div>
      {status.pendingChanges > 0 && <div className="muted">{t('sync.pending', { count: status.pendingChanges })}</div>}
      <div role="status" className="sync-live">
        {busy ? (
          <p>{t('sync.syncing')}</p>
        ) : status.problem ? (
          <p className="sync-problem">{problemText(t, status.problem.code)}</p>
        ) : (
          status.pendingChanges === 0 && <p>{t('sync.allSent')}</p>
        )}
        {status.openConflicts > 0 && (
          <p>
            <a className="sync-link" href={routeHref({ name: 'conflicts' })}>
              {t('sync.conflicts', { count: status.openConflicts })}
            </a>
          </p>
        )}
        {status.rejectedChanges > 0 && <p className="sync-problem">{t('sync.rejected', { count: status.rejectedChanges })}</p>}
      </div>
      <SyncNowButton className="sync-button" />
    </>
  );
}
