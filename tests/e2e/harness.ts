import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { spawnServer, type SpawnedServer } from '../helpers/spawned-server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type WebServer = SpawnedServer;

/** Starts `npm run web`'s server directly (the renderer is built once by the global setup). */
export function startWebServer(dataDirectory: string): Promise<WebServer> {
  return spawnServer('electron/web/serve.ts', ['--data', dataDirectory], /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page that records console errors and page errors, so a test can insist there were none. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return { page, problems };
}

/**
 * One Chromium for the test file and at most one web server at a time, stopped after each test.
 * `serve` stops the previous server first, so a test can restart it on the same data.
 */
export function useBrowserSession(): { readonly browser: Browser; serve(dataDirectory: string): Promise<WebServer> } {
  let browser: Browser | undefined;
  let server: WebServer | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  return {
    get browser() {
      return browser!;
    },
    async serve(dataDirectory) {
      await server?.stop();
      server = await startWebServer(dataDirectory);
      return server;
    },
  };
}
