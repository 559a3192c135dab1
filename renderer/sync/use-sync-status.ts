import { useEffect, useState } from 'react';
import { useAppStore } from '../store/app-store';

/** The device's sync service runs on its own; reading its status this often keeps the footer honest. */
export const SYNC_POLL_MS = 15_000;

/** Reads the sync status now and every 15 s while mounted. */
export function useSyncStatusPolling(): void {
  const refresh = useAppStore((s) => s.refreshSyncStatus);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), SYNC_POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
}

/** The time now, rendered again once a minute so "Synced 5 min ago" ages while nothing else changes. */
export function useNow(): number {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  return Date.now();
}
