import type { i18n } from 'i18next';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { ApiClient } from '../../shared/api/client';
import { ApiContext, createAppStore, StoreContext } from '../store/app-store';

/** Everything a screen needs from outside React; tests pass an in-process API and a fresh i18n. */
export function Providers({ api, i18n, children }: { api: ApiClient; i18n: i18n; children: ReactNode }) {
  const [store] = useState(() => createAppStore(api, (key, params) => i18n.t(key, params)));
  return (
    <I18nextProvider i18n={i18n}>
      <ApiContext.Provider value={api}>
        <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
      </ApiContext.Provider>
    </I18nextProvider>
  );
}
