import { useAppStore } from '../store/app-store';

/**
 * This installation is enrolled as the programme office: it reads every firm of the programme but
 * edits none of them (the services refuse with `forbidden`), and it alone publishes and erases.
 */
export function useIsOffice(): boolean {
  return useAppStore((s) => s.syncStatus?.role === 'office');
}
