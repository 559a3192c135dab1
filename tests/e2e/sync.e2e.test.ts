import { describe, expect, it } from 'vitest';
import { ClientInputSchema, ClientListQuerySchema } from '../../shared/clients/schema';
import { validClient } from '../helpers/fixtures';
import { updateClient } from '../helpers/services';
import { makeTempDir } from '../helpers/temp';
import { enrol, hubLocation, startDevice, startHub, syncClean } from '../integration/harness';
import { openPage, useBrowserSession } from './harness';

const session = useBrowserSession();

describe('sync with the programme office in the browser (npm run web)', () => {
  it('enrols in Settings, sends a new client with Sync now, and shows a conflict from another laptop that the adviser resolves', async () => {
    const hub = await startHub(await hubLocation('sqlite'));
    const programme = await hub.admin.programme('Made Smarter North West');
    const adviser = await hub.admin.user(programme, 'adviser', 'Priya Shah');
    const server = await session.serve(makeTempDir());
    const { page, problems } = await openPage(session.browser, `${server.url}#/settings`);
    const sidebar = page.locator('aside');

    await expect.poll(() => sidebar.getByText('Not connected to a programme office').count()).toBe(1);
    await page.getByLabel('Hub address').fill(hub.url);
    await page.getByLabel('Enrolment code').fill((await hub.admin.code(adviser)).toLowerCase());
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    await page.getByText('This laptop is now connected to Made Smarter North West.').waitFor();
    await sidebar.getByText('Synced just now').waitFor();

    // A client recorded in the browser reaches another laptop of the same adviser.
    const tablet = await startDevice();
    await enrol(tablet, hub, adviser);
    const client = await tablet.clients.create(ClientInputSchema.parse(validClient({ name: 'Ribble Valley Foods Ltd' })));
    await syncClean(tablet);
    await sidebar.getByRole('button', { name: 'Sync now' }).click();
    await page.goto(`${server.url}#/clients`);
    await page.getByRole('link', { name: 'Ribble Valley Foods Ltd' }).waitFor();

    // Both laptops change the firm's town before syncing: the browser's later edit wins, the other is kept.
    await updateClient(tablet, await tablet.clients.get(client.id), { town: 'Clitheroe' });
    await page.goto(`${server.url}#/clients/${client.id}/edit`);
    await page.getByLabel(/Town/).fill('Whalley');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ribble Valley Foods Ltd');
    await sidebar.getByText('1 change waiting to be sent').waitFor();
    await syncClean(tablet);
    await sidebar.getByRole('button', { name: 'Sync now' }).click();
    await sidebar.getByText('All changes sent').waitFor();
    await sidebar.getByRole('link', { name: '1 conflict to resolve' }).click();

    const conflicts = page.getByRole('main');
    await conflicts.getByText('Ribble Valley Foods Ltd').first().waitFor();
    expect(await conflicts.getByText('Whalley').count()).toBeGreaterThan(0);
    expect(await conflicts.getByText('Clitheroe').count()).toBeGreaterThan(0);
    await conflicts.getByRole('button', { name: 'Use this instead' }).click();
    await conflicts.getByText(/No conflicts/).waitFor();
    await sidebar.getByRole('button', { name: 'Sync now' }).click();
    await sidebar.getByText('All changes sent').waitFor();

    await syncClean(tablet);
    const [onTablet] = await tablet.clients.list(ClientListQuerySchema.parse({}));
    expect(onTablet!.town).toBe('Clitheroe');
    expect(await tablet.conflicts.list('en')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
