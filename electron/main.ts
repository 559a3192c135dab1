import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type MenuItemConstructorOptions } from 'electron';
import type { EventName } from '../shared/api/events';
import { createI18n } from '../shared/i18n';
import { eventChannel } from './ipc-channels';
import { createAppServices, type AppServices } from './services/app-services';
import { DatabaseOpenError } from './services/database/open-database';
import { registerAppProtocol } from './app-protocol';
import { registerIpcTransport } from './ipc-transport';
import { createMainWindow } from './main-window';
import { APP_SCHEME, hardenSession, hardenWebContents } from './security';

// Bundled to dist-electron/main.cjs; the renderer is built to dist/renderer.
const RENDERER_DIRECTORY = path.join(__dirname, '..', 'dist', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const text = createI18n('en');
let services: AppServices | undefined;
let mainWindow: BrowserWindow | undefined;

function send(event: EventName): void {
  mainWindow?.webContents.send(eventChannel(event));
}

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: text.t('menu.file'),
      submenu: [
        { label: text.t('menu.newClient'), accelerator: 'CmdOrCtrl+N', click: () => send('menu.newClient') },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: text.t('menu.view'),
      submenu: [
        { label: text.t('menu.clients'), accelerator: 'CmdOrCtrl+1', click: () => send('menu.showClients') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

function openMainWindow(): void {
  mainWindow = createMainWindow(BrowserWindow, PRELOAD);
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

async function start(): Promise<void> {
  try {
    services = await createAppServices({
      dataDirectory: app.getPath('userData'),
      fontDirectory: path.join(__dirname, 'fonts'),
      backgroundSync: true,
      onInternalError: (error, operation) => console.error(`[${operation}]`, error),
    });
  } catch (error) {
    const message = error instanceof DatabaseOpenError ? error.message : text.t('menu.databaseFailed', { message: String(error) });
    dialog.showErrorBox(text.t('menu.cannotOpenData'), message);
    app.exit(1);
    return;
  }
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, RENDERER_DIRECTORY);
  registerIpcTransport(ipcMain, services.dispatch);
  Menu.setApplicationMenu(buildMenu());
  openMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('will-quit', () => {
    void services?.close();
  });
  void app.whenReady().then(start);
}
