import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app-services';
import { validClient } from '../../helpers/fixtures';
import { renderApp } from '../render-app';
import { FakeOffice, syncAs } from './fake-office';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

async function openFirm(role: 'adviser' | 'office', office = new FakeOffice()) {
  let companyId = '';
  const app = await renderApp(
    '#/clients',
    async (s) => {
      companyId = (await s.clients.create(validClient({ name: 'Mersey Precision Ltd' }) as never)).id;
    },
    office.wrap,
    syncAs(role),
  );
  services = app.services;
  window.location.hash = `#/clients/${companyId}`;
  await screen.findByRole('heading', { level: 1, name: 'Mersey Precision Ltd' });
  return { ...app, office, companyId };
}

describe('programme office mode', () => {
  it('shows the office no buttons that create, edit or delete firm data, and says why', async () => {
    const { companyId } = await openFirm('office');
    await screen.findByRole('heading', { name: 'Assessments' });
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('link', { name: /New assessment/ })).toBeNull();
    expect(screen.getAllByText('Read-only: programme office').length).toBeGreaterThan(0);

    window.location.hash = '#/clients';
    expect(await screen.findByText('Mersey Precision Ltd')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /New client/ })).toBeNull();

    window.location.hash = `#/clients/${companyId}/edit`;
    expect(await screen.findByText(/does not change them/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('opens on the portfolio for the office', async () => {
    const app = await renderApp('', undefined, new FakeOffice().wrap, syncAs('office'));
    services = app.services;
    expect(await screen.findByRole('heading', { level: 1, name: 'Portfolio' })).toBeTruthy();
    expect(window.location.hash).toBe('#/portfolio');
  });

  it('stays on a screen the office opened before its role was known', async () => {
    const sync = syncAs('office');
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    sync.handlers['sync.status'] = async () => {
      await answered;
      return sync.status;
    };
    const app = await renderApp('', undefined, new FakeOffice().wrap, sync);
    services = app.services;
    window.location.hash = '#/directories';
    answer();
    expect(await screen.findByText('Made Smarter North West')).toBeTruthy();
    expect(window.location.hash).toBe('#/directories');
  });

  it('gives the adviser the edit buttons as before', async () => {
    await openFirm('adviser');
    expect(screen.getByRole('link', { name: 'Edit' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
    expect(screen.queryByText('Read-only: programme office')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Erase this firm' })).toBeNull();
  });

  it('erases a firm only once its name is typed out', async () => {
    const { user, office, companyId } = await openFirm('office');
    await user.click(screen.getByRole('button', { name: 'Erase firm…' }));
    const confirm = screen.getByRole('button', { name: 'Erase for good' });
    expect(confirm).toHaveProperty('disabled', true);
    const name = screen.getByRole('textbox', { name: /Type the firm’s name/ });
    await user.type(name, 'Mersey');
    expect(confirm).toHaveProperty('disabled', true);
    expect(office.callsTo('office.eraseFirm')).toEqual([]);
    await user.type(name, ' Precision Ltd');
    expect(confirm).toHaveProperty('disabled', false);
    await user.click(confirm);
    await waitFor(() => expect(office.callsTo('office.eraseFirm')).toEqual([{ companyId }]));
  });

  it('lets the office add and remove notes on a firm', async () => {
    const { user, office, companyId } = await openFirm('office');
    await user.type(screen.getByRole('textbox', { name: 'Add a note' }), 'Eligible for the Q3 grant round.');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Eligible for the Q3 grant round.')).toBeTruthy();
    expect(office.callsTo('annotations.add')).toEqual([{ companyId, assessmentId: null, body: 'Eligible for the Q3 grant round.' }]);
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('Eligible for the Q3 grant round.')).toBeNull());
  });

  it('shows the adviser the office’s notes read-only', async () => {
    const office = new FakeOffice();
    office.annotations = [
      { id: '01930000-0000-7000-8000-00000000a002', companyId: 'x', assessmentId: null, body: 'Call about the grant.', author: 'Programme office', createdAt: '2026-03-14T10:00:00.000Z' },
    ];
    await openFirm('adviser', office);
    expect(await screen.findByText('Call about the grant.')).toBeTruthy();
    const notes = screen.getByRole('region', { name: 'Notes from the programme office' });
    expect(within(notes).queryByRole('textbox')).toBeNull();
    expect(within(notes).queryByRole('button')).toBeNull();
  });
});
