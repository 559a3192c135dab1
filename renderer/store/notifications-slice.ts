import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  message: string;
  action?: { label: string; run: () => void };
}

export interface NotificationsSlice {
  toasts: Toast[];
  notify(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const createNotificationsSlice: StateCreator<AppState, [], [], NotificationsSlice> = (set) => ({
  toasts: [],
  notify: (toast) => {
    const id = nextId++;
    // Newest first, and only a few: an adviser mid-conversation should not face a wall of messages.
    set((state) => ({ toasts: [{ ...toast, id }, ...state.toasts].slice(0, 3) }));
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
});
