import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { describeIssues } from '../../shared/api/issues';
import { AppError } from '../../shared/api/result';
import { createI18n, languages } from '../../shared/i18n';
import { syncOperations } from '../../shared/sync/operations';
import { enrolledStatus, FakeSync, notEnrolled, renderApp } from './render-app';

let services: AppServices | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await services?.close();
  services = undefined;
});

async function openSettings(sync = new FakeSync()) {
  const app = await renderApp('#/settings', undefined, undefined, sync);
  services = app.services;
  const section = await screen.findByRole('region', { name: 'Programme office' });
  return { ...app, section };
}

/** The message shown under a field, read the way a screen reader finds it. */
function messageOf(field: HTMLElement): string | undefined {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent).find((text) => text && field.getAttribute('aria-invalid') === 'true');
}

describe('enrolling with the programme office', () => {
  it('explains a missing address and code beside their fields and enrols nothing', async () => {
    const { user, section, sync } = await openSettings();
    await user.click(within(section).getByRole('button', { name: 'Enrol' }));
    const hubUrl = within(section).getByRole('textbox', { name: /Hub address/ });
    const code = within(section).getByRole('textbox', { name: /Enrolment code/ });
    expect(messageOf(hubUrl)).toBe('Enter the full address, like https://hub.example.org.');
    expect(messageOf(code)).toBe('The enrolment code is too short; check you typed all of it.');
    await waitFor(() => expect(document.activeElement).toBe(hubUrl));
    expect(sync.callsTo('sync.enrol')).toEqual([]);
  });

  it('refuses plain http to another machine', async () => {
    const { user, section, sync } = await openSettings();
    const hubUrl = within(section).getByRole('textbox', { name: /Hub address/ });
    await user.type(hubUrl, 'http://hub.madesmarter.example');
    await user.type(within(section).getByRole('textbox', { name: /Enrolment code/ }), 'K7QM-4TXP');
    await user.click(within(section).getByRole('button', { name: 'Enrol' }));
    expect(messageOf(hubUrl)).toBe('The address must start with https:// (plain http only works for this computer).');
    expect(sync.callsTo('sync.enrol')).toEqual([]);
  });

  it('enrols with a code typed in lower case with spaces, then shows programme, adviser and hub', async () => {
    const { user, section, sync } = await openSettings();
    await user.type(within(section).getByRole('textbox', { name: /Hub address/ }), '  hub.madesmarter.example ');
    await user.type(within(section).getByRole('textbox', { name: /Enrolment code/ }), ' k7qm 4txp ');
    await user.click(within(section).getByRole('button', { name: 'Enrol' }));

    expect(await within(section).findByText('Priya Shah (adviser)')).toBeTruthy();
    expect(sync.callsTo('sync.enrol')).toEqual([{ hubUrl: 'https://hub.madesmarter.example', code: 'K7QM4TXP' }]);
    expect(within(section).getByText('Made Smarter North West')).toBeTruthy();
    expect(within(section).getByText('https://hub.madesmarter.example')).toBeTruthy();
    expect(within(section).getByText(/^Never synced/)).toBeTruthy();
    expect(screen.getByText('This laptop is now connected to Made Smarter North West.')).toBeTruthy();
    const footer = screen.getByRole('region', { name: 'Sync with the programme office' });
    expect(within(footer).getByText('Made Smarter North West')).toBeTruthy();
  });

  it('says in plain words that the code was wrong, used or expired', async () => {
    const sync = new FakeSync();
    sync.handlers['sync.enrol'] = async () => ({ ...notEnrolled, problem: { code: 'invalid_code', detail: 'hub answered 401' } });
    const { user, section } = await openSettings(sync);
    await user.type(within(section).getByRole('textbox', { name: /Hub address/ }), 'https://hub.madesmarter.example');
    await user.type(within(section).getByRole('textbox', { name: /Enrolment code/ }), 'K7QM-4TXQ');
    await user.click(within(section).getByRole('button', { name: 'Enrol' }));
    expect((await within(section).findByRole('alert')).textContent).toBe(
      'This enrolment code is wrong, already used or expired. Check it, or ask the programme office for a new one.',
    );
    expect(within(section).getByRole('button', { name: 'Enrol' })).toBeTruthy();
  });

  it('reads a refused code as a wrong code, not as a revoked laptop, when the service fails the call', async () => {
    const sync = new FakeSync();
    sync.handlers['sync.enrol'] = async () => {
      throw new AppError('unauthorized', 'The hub refused the enrolment code.');
    };
    const { user, section } = await openSettings(sync);
    await user.type(within(section).getByRole('textbox', { name: /Hub address/ }), 'https://hub.madesmarter.example');
    await user.type(within(section).getByRole('textbox', { name: /Enrolment code/ }), 'K7QM-4TXQ');
    await user.click(within(section).getByRole('button', { name: 'Enrol' }));
    expect((await within(section).findByRole('alert')).textContent).toContain('This enrolment code is wrong, already used or expired.');
  });

  it('tells the adviser their work is safe when the programme office cannot be reached', async () => {
    const sync = new FakeSync();
    sync.handlers['sync.enrol'] = async () => ({ ...notEnrolled, problem: { code: 'unreachable', detail: 'getaddrinfo ENOTFOUND' } });
    const { user, section } = await openSettings(sync);
    await user.type(within(section).getByRole('textbox', { name: /Hub address/ }), 'https://hub.madesmarter.example');
    await user.type(within(section).getByRole('textbox', { name: /Enrolment code/ }), 'K7QM-4TXP');
    await user.click(within(section).getByRole('button', { name: 'Enrol' }));
    expect((await within(section).findByRole('alert')).textContent).toBe(
      "Can't reach the programme office. Your work is safe on this laptop and will be sent when the connection is back.",
    );
  });

  it('has the contract’s hub address and code messages in every language', () => {
    const input = syncOperations['sync.enrol'].input;
    const keys = [
      ...describeIssues(input.safeParse({ hubUrl: 'not an address', code: 'abc' }).error!),
      ...describeIssues(input.safeParse({ hubUrl: 'http://hub.example.org', code: 'K7QM4TXP' }).error!),
    ].map((issue) => issue.key);
    expect(new Set(keys)).toEqual(new Set(['validation.hubUrl', 'validation.enrolCode', 'validation.hubUrlHttps']));
    for (const language of languages) {
      const t = createI18n(language).t;
      for (const key of keys) expect(t(key), `${language} ${key}`).not.toBe(key);
    }
  });
});

describe('an enrolled laptop in settings', () => {
  function enrolledSync(change = {}) {
    const sync = new FakeSync();
    sync.status = enrolledStatus({ pendingChanges: 2, ...change });
    return sync;
  }

  it('syncs from settings and shows the result', async () => {
    const { user, section, sync } = await openSettings(enrolledSync({ openConflicts: 1 }));
    expect(within(section).getByText(/2 changes waiting to be sent/)).toBeTruthy();
    expect(within(section).getByRole('link', { name: '1 conflict to resolve' }).getAttribute('href')).toBe('#/conflicts');
    await user.click(within(section).getByRole('button', { name: 'Sync now' }));
    expect(await within(section).findByText('Synced just now · All changes sent')).toBeTruthy();
    expect(sync.callsTo('sync.now')).toHaveLength(1);
  });

  it('shows what went wrong, with the technical detail folded away for the programme office', async () => {
    const { section } = await openSettings(enrolledSync({ problem: { code: 'server_error', detail: 'HTTP 503 from /v1/push' } }));
    expect(within(section).getByText("The programme office's server ran into a problem. Your work is safe on this laptop; the app tries again later.")).toBeTruthy();
    expect(within(section).getByText('Technical details')).toBeTruthy();
    expect(within(section).getByText('HTTP 503 from /v1/push')).toBeTruthy();
  });

  it('asks before disconnecting, says local data and unsent changes stay, and disconnects only when confirmed', async () => {
    const { user, section, sync } = await openSettings(enrolledSync());
    await user.click(within(section).getByRole('button', { name: 'Disconnect from the programme office…' }));
    const question = within(section).getByRole('group', { name: 'Disconnect this laptop from Made Smarter North West?' });
    expect(question.textContent).toContain('Your clients, assessments and roadmaps stay on this laptop, and so do changes that have not been sent yet.');
    expect(question.textContent).toContain('2 changes have not been sent yet; they stay here');
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));

    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(within(section).queryByRole('group')).toBeNull();
    expect(sync.callsTo('sync.leave')).toEqual([]);

    await user.click(within(section).getByRole('button', { name: 'Disconnect from the programme office…' }));
    await user.click(within(section).getByRole('button', { name: 'Disconnect' }));
    expect(await within(section).findByRole('button', { name: 'Enrol' })).toBeTruthy();
    expect(sync.callsTo('sync.leave')).toHaveLength(1);
    expect(screen.getByText('This laptop is no longer connected to the programme office. Your data stays here.')).toBeTruthy();
    const footer = screen.getByRole('region', { name: 'Sync with the programme office' });
    expect(within(footer).getByText('Not connected to a programme office')).toBeTruthy();
  });

  it('downloads the signed sync bundle as a file and says what to do with it', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:bundle');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { user, section, sync } = await openSettings(enrolledSync());
    expect(within(section).getByText(/give it to the programme office/)).toBeTruthy();

    await user.click(within(section).getByRole('button', { name: /Export sync bundle/ }));
    expect(await screen.findByText('Sync bundle with 2 changes saved as stepping-stones-bundle.ssb. Give this file to the programme office.')).toBeTruthy();
    expect(sync.callsTo('sync.exportBundle')).toHaveLength(1);
    expect(clicked.map((link) => [link.download, link.href])).toEqual([['stepping-stones-bundle.ssb', 'blob:bundle']]);
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe('signed bundle');
  });
});
