import type { TFunction } from 'i18next';
import type { SyncProblemCode } from '../../shared/sync/operations';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "Synced 5 min ago": close times as an age, anything older than a week as a date. */
export function lastSyncedText(t: TFunction, lastSyncedAt: string | null, now: number, language: string): string {
  if (!lastSyncedAt) return t('sync.neverSynced');
  const then = Date.parse(lastSyncedAt.slice(0, 24));
  // A clock set back (or a hub ahead of the laptop) must not read as "in 3 minutes".
  const age = Math.max(0, now - then);
  if (age < MINUTE) return t('sync.syncedJustNow');
  if (age < HOUR) return t('sync.syncedMinutes', { count: Math.floor(age / MINUTE) });
  if (age < DAY) return t('sync.syncedHours', { count: Math.floor(age / HOUR) });
  if (age < 7 * DAY) return t('sync.syncedDays', { count: Math.floor(age / DAY) });
  return t('sync.syncedOn', { date: formatDateTime(lastSyncedAt, language) });
}

/** Takes ISO time or a hybrid logical clock value, whose first 24 characters are ISO time. */
export function formatDateTime(time: string, language: string): string {
  const date = new Date(time.slice(0, 24));
  return Number.isNaN(date.getTime()) ? time : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function problemText(t: TFunction, code: SyncProblemCode): string {
  return t(`sync.problems.${code}`);
}
