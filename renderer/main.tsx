import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { createApiClient } from '../shared/api/client';
import { createI18n, isLanguage } from '../shared/i18n';
import { detectTransport } from './api/transport';
import { App } from './app/App';
import { Providers } from './app/Providers';
import { LANGUAGE_KEY } from './layout/LanguageSwitch';
import './styles/app.css';

// zod's fast path compiles code with `new Function`, which the Content-Security-Policy forbids.
z.config({ jitless: true });

const api = createApiClient(detectTransport());
const saved = window.localStorage.getItem(LANGUAGE_KEY);
const i18n = createI18n(saved && isLanguage(saved) ? saved : 'en');
document.documentElement.lang = i18n.language;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers api={api} i18n={i18n}>
      <App />
    </Providers>
  </StrictMode>,
);
