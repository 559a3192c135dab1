import type { BrowserWindow as BrowserWindowClass } from 'electron';
import { APP_ENTRY_URL } from './security';

/**
 * The preferences are written out here, in the constructor call, rather than built elsewhere:
 * electronegativity checks the literal, and a reader sees every security switch in one place.
 */
export function createMainWindow(BrowserWindow: typeof BrowserWindowClass, preload: string): BrowserWindowClass {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Stepping Stones',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      safeDialogs: true,
      // Middle-click would otherwise open links in a new window that bypasses the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
