import { describe, expect, it, vi } from 'vitest';

// The real electron package must never load in unit tests: BrowserWindow is passed in as a fake.
vi.mock('electron', () => ({}));

import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow } from '../../electron/main-window';
import { APP_ENTRY_URL } from '../../electron/security';

function fakeBrowserWindowClass() {
  const created: { options: BrowserWindowConstructorOptions; loadURL: ReturnType<typeof vi.fn>; once: ReturnType<typeof vi.fn> }[] = [];
  class FakeBrowserWindow {
    loadURL = vi.fn(async () => {});
    once = vi.fn();
    show = vi.fn();
    constructor(options: BrowserWindowConstructorOptions) {
      created.push({ options, loadURL: this.loadURL, once: this.once });
    }
  }
  return { BrowserWindow: FakeBrowserWindow as unknown as typeof BrowserWindow, created };
}

describe('createMainWindow', () => {
  it('isolates and sandboxes the renderer: contextIsolation and sandbox on, Node integration and webview tag off', () => {
    const { BrowserWindow, created } = fakeBrowserWindowClass();
    createMainWindow(BrowserWindow, '/app/preload.cjs');
    expect(created).toHaveLength(1);
    expect(created[0]!.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('loads the app entry URL on the app:// scheme and stays hidden until ready', () => {
    const { BrowserWindow, created } = fakeBrowserWindowClass();
    createMainWindow(BrowserWindow, '/app/preload.cjs');
    expect(created[0]!.options.show).toBe(false);
    expect(created[0]!.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(created[0]!.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
  });
});
