import type { StateCreator } from 'zustand';
import type { ApiClient } from '../../shared/api/client';
import type { ClientListQuery, ClientSummary } from '../../shared/clients/schema';
import type { AppState } from './app-store';

export type ClientQuery = Required<Pick<ClientListQuery, 'search' | 'sort' | 'direction'>> & Pick<ClientListQuery, 'naceCode'>;

export interface ClientsSlice {
  clients: ClientSummary[];
  clientQuery: ClientQuery;
  clientsStatus: 'idle' | 'loading' | 'ready' | 'error';
  clientsError: string | null;
  loadClients(): Promise<void>;
  setClientQuery(change: Partial<ClientQuery>): Promise<void>;
  deleteClient(id: string, name: string): Promise<boolean>;
  restoreClient(id: string, name: string): Promise<boolean>;
}

export const createClientsSlice =
  (api: ApiClient, t: (key: string, params?: Record<string, unknown>) => string): StateCreator<AppState, [], [], ClientsSlice> =>
  (set, get) => {
    let latestRequest = 0;
    return {
      clients: [],
      clientQuery: { search: '', sort: 'name', direction: 'asc', naceCode: undefined },
      clientsStatus: 'idle',
      clientsError: null,

      loadClients: async () => {
        const request = ++latestRequest;
        set({ clientsStatus: get().clients.length ? 'ready' : 'loading' });
        const result = await api.call('clients.list', get().clientQuery);
        // Typing fast fires several searches; only the newest may land.
        if (request !== latestRequest) return;
        if (result.ok) set({ clients: result.value, clientsStatus: 'ready', clientsError: null });
        else set({ clientsStatus: 'error', clientsError: result.error.message });
      },

      setClientQuery: async (change) => {
        set((state) => ({ clientQuery: { ...state.clientQuery, ...change } }));
        await get().loadClients();
      },

      deleteClient: async (id, name) => {
        const result = await api.call('clients.delete', { id });
        if (!result.ok) {
          get().notify({ tone: 'error', message: result.error.message });
          return false;
        }
        set((state) => ({ clients: state.clients.filter((c) => c.id !== id) }));
        get().notify({
          tone: 'info',
          message: t('clients.deleted', { name }),
          action: { label: t('common.undo'), run: () => void get().restoreClient(id, name) },
        });
        return true;
      },

      restoreClient: async (id, name) => {
        const result = await api.call('clients.restore', { id });
        if (!result.ok) {
          get().notify({ tone: 'error', message: result.error.message });
          return false;
        }
        get().notify({ tone: 'success', message: t('clients.restored', { name }) });
        await get().loadClients();
        return true;
      },
    };
  };
