import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { en } from '../../shared/i18n/en';
import { syncProblemCodes, type SyncStatus } from '../../shared/sync/operations';
import { enrolledStatus, FakeSync, notEnrolled, renderApp } from './render-app';

let services: AppServices | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await services?.close();
  services = undefined;
});

async function showStatus(status: SyncStatus) {
  const sync = new FakeSync();
  sync.status = status;
  const app = await renderApp('#/clients', undefined, undefined, sync);
  services = app.services;
  return app;
}

const footer = () => screen.getByRole('region', { name: 'Sync with the programme office' });

describe('sync status in the sidebar', () => {
  it('tells an adviser whose laptop is not enrolled, with a way to connect', async () => {
    await showStatus(notEnrolled);
    expect(await within(footer()).findByText('Not connected to a programme office')).toBeTruthy();
    expect(within(footer()).getByRole('link', { name: 'Connect in Settings' }).getAttribute('href')).toBe('#/settings');
    expect(within(footer()).queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('shows when the laptop last synced and that every change was sent', async () => {
    await showStatus(enrolledStatus({ lastSyncedAt: new Date(Date.now() - 5 * 60_000 - 10_000).toISOString() }));
    expect(await within(footer()).findByText('Synced 5 min ago')).toBeTruthy();
    expect(within(footer()).getByText('Made Smarter North West')).toBeTruthy();
    expect(within(footer()).getByRole('status').textContent).toContain('All changes sent');
  });

  it('counts the changes still waiting for a laptop that never synced', async () => {
    await showStatus(enrolledStatus({ lastSyncedAt: null, pendingChanges: 3 }));
    expect(await within(footer()).findByText('Never synced')).toBeTruthy();
    expect(within(footer()).getByText('3 changes waiting to be sent')).toBeTruthy();
    expect(within(footer()).queryByText('All changes sent')).toBeNull();
  });

  it('links open conflicts to the conflicts screen and counts refused changes', async () => {
    await showStatus(enrolledStatus({ openConflicts: 2, rejectedChanges: 1 }));
    const link = await within(footer()).findByRole('link', { name: '2 conflicts to resolve' });
    expect(link.getAttribute('href')).toBe('#/conflicts');
    expect(within(footer()).getByRole('status').textContent).toContain('1 change refused by the programme office; it is kept on this laptop');
  });

  it.each([
    ['unreachable', "Can't reach the programme office. Your work is safe on this laptop and will be sent when the connection is back."],
    ['hub_too_old', "The programme office's server is older than this app. Your changes are kept here until it is updated."],
    ['unauthorized', 'This laptop is no longer enrolled. Ask the programme office for a new code.'],
  ] as const)('says in plain words what %s means for the adviser', async (code, sentence) => {
    await showStatus(enrolledStatus({ pendingChanges: 4, problem: { code, detail: 'connect ECONNREFUSED 10.0.0.7:443' } }));
    await waitFor(() => expect(within(footer()).getByRole('status').textContent).toContain(sentence));
    expect(within(footer()).getByText('4 changes waiting to be sent')).toBeTruthy();
    expect(footer().textContent).not.toContain('ECONNREFUSED');
  });

  it.each(syncProblemCodes)('has a sentence of its own for the %s problem', async (code) => {
    await showStatus(enrolledStatus({ problem: { code, detail: '' } }));
    await waitFor(() => expect(within(footer()).getByRole('status').textContent).toContain(en.sync.problems[code]));
  });

  it('tells a laptop whose enrolment was revoked to ask for a new code', async () => {
    await showStatus({ ...notEnrolled, problem: { code: 'unauthorized', detail: '401' } });
    await waitFor(() => expect(within(footer()).getByRole('status').textContent).toContain(en.sync.problems.unauthorized));
    expect(within(footer()).getByText('Not connected to a programme office')).toBeTruthy();
  });

  it('disables Sync now and says Syncing… until the sync finishes, then shows the new status', async () => {
    const sync = new FakeSync();
    sync.status = enrolledStatus({ pendingChanges: 3 });
    let finish = () => {};
    const syncNow = sync.handlers['sync.now'];
    sync.handlers['sync.now'] = async (input) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return syncNow(input);
    };
    const app = await renderApp('#/clients', undefined, undefined, sync);
    services = app.services;
    await app.user.click(await within(footer()).findByRole('button', { name: 'Sync now' }));

    const running = within(footer()).getByRole('button', { name: 'Syncing…' });
    expect((running as HTMLButtonElement).disabled).toBe(true);
    expect(within(footer()).getByRole('status').textContent).toContain('Syncing…');

    finish();
    const idle = await within(footer()).findByRole('button', { name: 'Sync now' });
    expect((idle as HTMLButtonElement).disabled).toBe(false);
    expect(within(footer()).getByText('Synced just now')).toBeTruthy();
    expect(within(footer()).getByRole('status').textContent).toContain('All changes sent');
    await waitFor(() => expect(sync.calls.at(-1)?.name).toBe('sync.status'));
    expect(sync.calls.map((call) => call.name).lastIndexOf('sync.now')).toBeLessThan(sync.calls.length - 1);
  });

  it('keeps Sync now disabled while the sync service is already syncing on its own', async () => {
    await showStatus(enrolledStatus({ syncing: true }));
    const button = await within(footer()).findByRole('button', { name: 'Syncing…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('reads the status again every 15 seconds and stops once the window is closed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const sync = new FakeSync();
    sync.status = enrolledStatus();
    const app = await renderApp('#/clients', undefined, undefined, sync);
    services = app.services;
    await within(footer()).findByText('All changes sent');
    const reads = () => sync.callsTo('sync.status').length;
    const before = reads();

    sync.status = enrolledStatus({ pendingChanges: 2 });
    vi.advanceTimersByTime(15_000);
    expect(await within(footer()).findByText('2 changes waiting to be sent')).toBeTruthy();
    expect(reads()).toBe(before + 1);

    cleanup();
    vi.advanceTimersByTime(60_000);
    expect(reads()).toBe(before + 1);
  });
});
