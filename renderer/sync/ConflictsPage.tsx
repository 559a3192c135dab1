import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../../shared/i18n';
import type { SyncConflict } from '../../shared/sync/operations';
import { PageHeader } from '../layout/PageHeader';
import { useAppStore } from '../store/app-store';
import { formatDateTime } from './sync-text';

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

/** Values written on two devices before they synced, side by side, so the adviser chooses which stays. */
export function ConflictsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const conflicts = useAppStore((s) => s.conflicts);
  const error = useAppStore((s) => s.conflictsError);
  const loadConflicts = useAppStore((s) => s.loadConflicts);
  // A sync in the background can bring new conflicts while the screen is open.
  const openConflicts = useAppStore((s) => s.syncStatus?.openConflicts);

  useEffect(() => {
    void loadConflicts(language);
  }, [loadConflicts, language, openConflicts]);

  return (
    <div className="page page-narrow">
      <PageHeader title={t('conflicts.title')} subtitle={t('conflicts.intro')} />
      {error && (
        <div className="banner banner-error" role="alert">
          {t('conflicts.loadFailed', { message: error })}
        </div>
      )}
      {conflicts === null ? (
        !error && <p className="muted">{t('common.loading')}</p>
      ) : conflicts.length === 0 ? (
        <p className="empty-state">{t('conflicts.empty')}</p>
      ) : (
        <ConflictsByFirm conflicts={conflicts} />
      )}
    </div>
  );
}

function ConflictsByFirm({ conflicts }: { conflicts: SyncConflict[] }) {
  const { t } = useTranslation();
  const firms = new Map<string, SyncConflict[]>();
  for (const conflict of conflicts) {
    const firm = conflict.firm ?? t('conflicts.noFirm');
    firms.set(firm, [...(firms.get(firm) ?? []), conflict]);
  }
  return (
    <div className="conflict-groups">
      {[...firms].map(([firm, list]) => (
        <section key={firm} className="card conflict-group">
          <h2 className="conflict-firm">{firm}</h2>
          <ul className="conflict-list">
            {list.map((conflict) => (
              <ConflictItem key={conflict.id} conflict={conflict} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function ConflictItem({ conflict }: { conflict: SyncConflict }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const resolveConflict = useAppStore((s) => s.resolveConflict);
  const notify = useAppStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const subjectId = useId();

  const choose = async (choice: 'kept' | 'other') => {
    setBusy(true);
    const resolved = await resolveConflict(conflict.id, choice, language);
    setBusy(false);
    if (resolved) notify({ tone: 'success', message: t(choice === 'kept' ? 'conflicts.keptDone' : 'conflicts.otherDone', { subject: conflict.subject }) });
  };

  return (
    <li className="conflict">
      <h3 id={subjectId} className="conflict-subject">
        {conflict.subject}
      </h3>
      <div className="conflict-values">
        <ConflictValue
          label={t('conflicts.kept')}
          origin={conflict.kept.thisDevice ? t('conflicts.fromThisLaptop') : t('conflicts.fromOtherDevice')}
          value={conflict.kept}
          action={t('conflicts.keep')}
          describedBy={subjectId}
          busy={busy}
          onChoose={() => void choose('kept')}
          current
        />
        <ConflictValue
          label={conflict.other.thisDevice ? t('conflicts.thisLaptop') : t('conflicts.otherDevice')}
          value={conflict.other}
          action={t('conflicts.useOther')}
          describedBy={subjectId}
          busy={busy}
          onChoose={() => void choose('other')}
        />
      </div>
    </li>
  );
}

interface ConflictValueProps {
  label: string;
  origin?: string;
  value: SyncConflict['kept'];
  action: string;
  describedBy: string;
  busy: boolean;
  current?: boolean;
  onChoose(): void;
}

function ConflictValue({ label, origin, value, action, describedBy, busy, current, onChoose }: ConflictValueProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <section className={current ? 'conflict-value conflict-value-current' : 'conflict-value'} aria-labelledby={headingId}>
      <h4 id={headingId} className="conflict-value-label">
        {label}
      </h4>
      <p className={value.display ? 'conflict-value-text' : 'conflict-value-text muted'}>{value.display || t('conflicts.emptyValue')}</p>
      <p className="conflict-value-meta">
        {t('conflicts.writtenAt', { when: formatDateTime(value.writtenAt, i18n.language) })}
        {origin && ` · ${origin}`}
      </p>
      <button type="button" className={current ? 'button button-secondary' : 'button button-primary'} disabled={busy} aria-describedby={describedBy} onClick={onChoose}>
        {action}
      </button>
    </section>
  );
}
