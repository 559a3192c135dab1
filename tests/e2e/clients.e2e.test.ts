import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/services/app-services';
import { generateClients } from '../../electron/services/demo/demo-clients';
import { ClientInputSchema } from '../../shared/clients/schema';
import { makeTempDir } from '../helpers/temp';
import { openPage, useBrowserSession, type WebServer } from './harness';

const session = useBrowserSession();
let server: WebServer;

describe('clients in the browser (npm run web)', () => {
  it('creates a client that is still there after a reload and after the server restarts', async () => {
    const data = makeTempDir();
    server = await session.serve(data);
    const { page, problems } = await openPage(session.browser, server.url);

    await page.getByRole('link', { name: '+ New client' }).click();
    await page.getByLabel(/Company name/).fill('Vänerns Plåtbearbetning AB');
    await page.getByLabel(/Sector/).selectOption('25');
    await page.getByLabel(/Employees/).selectOption('10-49');
    await page.getByLabel(/Annual turnover/).selectOption('2m-10m');
    await page.getByLabel(/Town/).fill('Karlstad');
    await page.getByLabel(/Postcode/).fill('652 24');
    await page.getByLabel(/Region/).fill('Värmland');
    await page.getByLabel(/Country/).selectOption('SE');
    await page.getByLabel(/^Name/).fill('Karin Lindqvist');
    await page.getByLabel('Email').fill('karin@vanernsplat.se');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Vänerns Plåtbearbetning AB');

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Vänerns Plåtbearbetning AB');
    expect(await page.getByText('karin@vanernsplat.se').count()).toBe(1);

    server = await session.serve(data);
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Vänerns Plåtbearbetning AB' }).waitFor();
    // While the server was down the page may have failed to reach it; nothing else may go wrong.
    expect(problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(p))).toEqual([]);
  });

  it('shows the field error for bad input and stores nothing', async () => {
    server = await session.serve(makeTempDir());
    const { page } = await openPage(session.browser, `${server.url}#/clients/new`);
    await page.getByLabel(/Company name/).fill('Tamar Composites Ltd');
    await page.getByLabel(/Country/).selectOption('GB');
    await page.getByLabel(/Postcode/).fill('not a postcode');
    await page.getByLabel('Email').fill('mark@');
    await page.getByRole('button', { name: 'Save' }).click();

    const postcode = page.getByLabel(/Postcode/);
    expect(await postcode.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('This does not look like a postcode for the chosen country.').waitFor();
    await page.getByText('Enter an email address like name@company.com.').waitFor();
    await page.getByRole('link', { name: '← Back' }).click();
    await page.getByText(/No clients yet/).waitFor();
  });

  it('shows the demo clients that the command line created', async () => {
    const data = makeTempDir();
    const root = path.resolve(import.meta.dirname, '../..');
    const demo = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', 'demo', '--data', data], { cwd: root, encoding: 'utf8' });
    expect(demo.status, demo.stderr).toBe(0);
    server = await session.serve(data);
    const { page, problems } = await openPage(session.browser, server.url);
    await page.getByText('27 companies').waitFor();
    await page.getByRole('searchbox', { name: 'Search clients' }).fill('lodz');
    await page.getByRole('link', { name: 'Łódź Precision Sp. z o.o.' }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('refuses a browser that does not carry the session token', async () => {
    server = await session.serve(makeTempDir());
    const withoutToken = server.url.replace(/\?token=.*/, '');
    const { page } = await openPage(session.browser, withoutToken);
    expect(await page.textContent('body')).toContain('open the address that npm run web printed');
    const api = await page.evaluate(async () => (await fetch('/api/clients.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
    expect(api).toBe(401);
  });
});

describe('a programme-sized client list', () => {
  it('keeps only the visible rows of 10,000 clients in the page and scrolls to the last one', async () => {
    const data = makeTempDir();
    const services = await createAppServices({ dataDirectory: data });
    services.database.sqlite.pragma('synchronous = OFF');
    for (const client of generateClients(10_000, 3)) await services.clients.create(ClientInputSchema.parse(client));
    await services.close();

    server = await session.serve(data);
    const { page, problems } = await openPage(session.browser, server.url);
    await page.getByText('10,000 companies').waitFor();
    const rendered = await page.getByRole('row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);

    await page.locator('.client-table-body').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect.poll(() => page.locator('[aria-rowindex="10001"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
