import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { validClient } from '../helpers/fixtures';
import { renderApp } from './render-app';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

async function seed(app: AppServices, names: string[]): Promise<void> {
  for (const name of names) await app.clients.create(validClient({ name, town: name.startsWith('Ø') ? 'Helsingør' : 'Halifax' }) as never);
}

describe('client list', () => {
  it('lists clients sorted by name and counts them', async () => {
    const app = await renderApp('#/clients', (s) => seed(s, ['Zeta Tools', 'Alpha Foods', 'Mersey Bakery']));
    services = app.services;
    await screen.findByText('Alpha Foods');
    const rows = screen.getAllByRole('row');
    const names = rows.slice(1).map((row) => within(row).getAllByRole('cell')[0]!.textContent);
    expect(names).toEqual(['Alpha Foods', 'Mersey Bakery', 'Zeta Tools']);
    expect(screen.getByText('3 companies')).toBeTruthy();
  });

  it('finds a client by town without accents as the adviser types', async () => {
    const app = await renderApp('#/clients', (s) => seed(s, ['Øresund Elektronik', 'Alpha Foods']));
    services = app.services;
    await screen.findByText('Alpha Foods');
    await app.user.type(screen.getByRole('searchbox', { name: 'Search clients' }), 'helsingor');
    await waitFor(() => expect(screen.queryByText('Alpha Foods')).toBeNull());
    expect(screen.getByText('Øresund Elektronik')).toBeTruthy();
  });

  it('shows an empty state that invites the adviser to add the first client', async () => {
    const app = await renderApp();
    services = app.services;
    expect(await screen.findByText(/No clients yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '+ New client' }).getAttribute('href')).toBe('#/clients/new');
  });
});

describe('client form', () => {
  it('shows each required field its own message and saves nothing when submitted empty', async () => {
    const app = await renderApp('#/clients/new');
    services = app.services;
    await app.user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Please correct 7 fields before saving.')).toBeTruthy();
    const name = screen.getByRole('textbox', { name: /Company name/ });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(name.getAttribute('aria-describedby')!.split(' ').pop()!);
    expect(described?.textContent).toBe('This field is required.');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(await app.services.clients.list({ search: '', sort: 'name', direction: 'asc' })).toHaveLength(0);
  });

  it('explains a malformed email beside the contact email field', async () => {
    const app = await renderApp('#/clients/new');
    services = app.services;
    const email = await screen.findByRole('textbox', { name: 'Email' });
    await app.user.type(email, 'not-an-email');
    await app.user.tab();
    expect(await screen.findByText('Enter an email address like name@company.com.')).toBeTruthy();
  });

  it('creates a client and opens its page, where HTML in the name shows as text', async () => {
    const app = await renderApp('#/clients/new');
    services = app.services;
    const { user } = app;
    const hostileName = '<img src=x onerror="alert(1)"> Forge & Co';
    await user.type(await screen.findByRole('textbox', { name: /Company name/ }), hostileName);
    await user.selectOptions(screen.getByRole('combobox', { name: /Sector/ }), '25');
    await user.selectOptions(screen.getByRole('combobox', { name: /Employees/ }), '10-49');
    await user.selectOptions(screen.getByRole('combobox', { name: /Annual turnover/ }), '2m-10m');
    await user.type(screen.getByRole('textbox', { name: /Town/ }), 'Herning');
    await user.type(screen.getByRole('textbox', { name: /Postcode/ }), '7400');
    await user.type(screen.getByRole('textbox', { name: /Region/ }), 'Region Midtjylland');
    await user.selectOptions(screen.getByRole('combobox', { name: /Country/ }), 'DK');
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Mette Kjærgaard');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: hostileName })).toBeTruthy();
    expect(document.querySelector('main img')).toBeNull();
    expect(screen.getByText('Mette Kjærgaard')).toBeTruthy();
    const stored = await app.services.clients.list({ search: '', sort: 'name', direction: 'asc' });
    expect(stored.map((c) => c.name)).toEqual([hostileName]);
  });

  it('requires a consent date once the consent box is ticked', async () => {
    const app = await renderApp('#/clients/new');
    services = app.services;
    await app.user.click(await screen.findByRole('checkbox', { name: /agrees to share/ }));
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Record the date the company agreed.')).toBeTruthy();
  });

  it('edits an existing client, keeping its contacts', async () => {
    const app = await renderApp();
    services = app.services;
    const created = await app.services.clients.create(validClient() as never);
    window.location.hash = `#/clients/${created.id}/edit`;
    const name = await screen.findByDisplayValue('Pennine Precision Engineering Ltd');
    await app.user.clear(name);
    await app.user.type(name, 'Pennine Precision Group');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pennine Precision Group' })).toBeTruthy();
    const saved = await app.services.clients.get(created.id);
    expect(saved.contacts.map((c) => c.id)).toEqual(created.contacts.map((c) => c.id));
  });
});

describe('deleting a client', () => {
  it('removes the client from the list and brings it back with Undo', async () => {
    const app = await renderApp();
    services = app.services;
    const created = await app.services.clients.create(validClient({ name: 'Fenland Furniture Makers' }) as never);
    window.location.hash = `#/clients/${created.id}`;
    await app.user.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Fenland Furniture Makers was deleted.')).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/clients'));
    expect(await screen.findByText(/No clients yet/)).toBeTruthy();

    await app.user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Fenland Furniture Makers was restored.')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Fenland Furniture Makers' })).toBeTruthy();
  });

  it('says plainly when a client page no longer exists', async () => {
    const app = await renderApp('#/clients/01890a5d-ac96-774b-bcce-b302099a8057');
    services = app.services;
    expect(await screen.findByText('This client does not exist or was deleted.')).toBeTruthy();
  });
});
