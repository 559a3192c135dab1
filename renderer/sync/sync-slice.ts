import type { StateCreator } from 'zustand';
import type { ApiClient } from '../../shared/api/client';
import type { OperationInput } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import type { Language } from '../../shared/i18n';
import type { SyncConflict, SyncStatus } from '../../shared/sync/operations';
import type { AppState } from '../store/app-store';

export interface SyncSlice {
  syncStatus: SyncStatus | null;
  /** Why the status could not be read at all (the local service failed, not the hub). */
  syncStatusError: string | null;
  /** A Sync now started from this window is under way. */
  syncRequested: boolean;
  conflicts: SyncConflict[] | null;
  conflictsError: string | null;
  refreshSyncStatus(): Promise<void>;
  syncNow(): Promise<void>;
  enrol(input: OperationInput<'sync.enrol'>): Promise<Result<SyncStatus>>;
  leaveSync(): Promise<boolean>;
  loadConflicts(language: Language): Promise<void>;
  resolveConflict(id: string, choice: 'kept' | 'other', language: Language): Promise<boolean>;
}

export const createSyncSlice =
  (api: ApiClient): StateCreator<AppState, [], [], SyncSlice> =>
  (set, get) => {
    // A status read that started before a sync finished must not put back the state from before it.
    let statusRequest = 0;
    let conflictsRequest = 0;
    const landStatus = (status: SyncStatus) => {
      statusRequest += 1;
      set({ syncStatus: status, syncStatusError: null });
    };

    return {
      syncStatus: null,
      syncStatusError: null,
      syncRequested: false,
      conflicts: null,
      conflictsError: null,

      refreshSyncStatus: async () => {
        const request = ++statusRequest;
        const result = await api.call('sync.status', {});
        if (request !== statusRequest) return;
        if (result.ok) set({ syncStatus: result.value, syncStatusError: null });
        else set({ syncStatusError: result.error.message });
      },

      syncNow: async () => {
        if (get().syncRequested) return;
        set((s) => ({ syncRequested: true, syncStatus: s.syncStatus && { ...s.syncStatus, syncing: true } }));
        const result = await api.call('sync.now', {});
        if (result.ok) landStatus(result.value);
        else get().notify({ tone: 'error', message: result.error.message });
        set({ syncRequested: false });
        await get().refreshSyncStatus();
      },

      enrol: async (input) => {
        const result = await api.call('sync.enrol', input);
        if (result.ok) landStatus(result.value);
        return result;
      },

      leaveSync: async () => {
        const result = await api.call('sync.leave', {});
        if (!result.ok) {
          get().notify({ tone: 'error', message: result.error.message });
          return false;
        }
        landStatus(result.value);
        set({ conflicts: null });
        return true;
      },

      loadConflicts: async (language) => {
        const request = ++conflictsRequest;
        const result = await api.call('sync.conflicts', { language });
        if (request !== conflictsRequest) return;
        if (result.ok) set({ conflicts: result.value, conflictsError: null });
        else set({ conflictsError: result.error.message });
      },

      resolveConflict: async (id, choice, language) => {
        const result = await api.call('sync.resolveConflict', { id, choice });
        if (!result.ok) get().notify({ tone: 'error', message: result.error.message });
        await Promise.all([get().loadConflicts(language), get().refreshSyncStatus()]);
        return result.ok;
      },
    };
  };
