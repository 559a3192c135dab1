import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { ApiClient } from '../../shared/api/client';
import { createAssessmentSlice, type AssessmentSlice } from './assessment-slice';
import { createClientsSlice, type ClientsSlice } from './clients-slice';
import { createNotificationsSlice, type NotificationsSlice } from './notifications-slice';
import { createSyncSlice, type SyncSlice } from '../sync/sync-slice';
import { createPortfolioSlice, type PortfolioSlice } from '../portfolio/portfolio-slice';

export type AppState = ClientsSlice & NotificationsSlice & AssessmentSlice & SyncSlice & PortfolioSlice;
export type AppStore = StoreApi<AppState>;

type Translate = (key: string, params?: Record<string, unknown>) => string;

export function createAppStore(api: ApiClient, t: Translate): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createNotificationsSlice(...args),
    ...createClientsSlice(api, t)(...args),
    ...createAssessmentSlice(api, t)(...args),
    ...createSyncSlice(api)(...args),
    ...createPortfolioSlice(...args),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);
export const ApiContext = createContext<ApiClient | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a StoreContext provider');
  return useStore(store, selector);
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiContext provider');
  return api;
}
