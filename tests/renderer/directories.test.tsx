import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { renderApp } from './render-app';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('directories page', () => {
  it('adds the adviser’s own peer firm beside the labelled examples', async () => {
    const app = await renderApp('#/directories');
    services = app.services;
    expect((await screen.findAllByText('Example')).length).toBeGreaterThan(10);
    await app.user.click(screen.getByRole('button', { name: '+ Add entry' }));
    await app.user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Cannock Subcon Machining');
    await app.user.type(screen.getByRole('textbox', { name: /^Regions/ }), 'West Midlands');
    await app.user.click(screen.getByRole('checkbox', { name: 'Shop-floor data' }));
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('“Cannock Subcon Machining” was saved.')).toBeTruthy();
    await waitFor(async () => expect((await app.services!.directories.list()).own).toMatchObject([{ name: 'Cannock Subcon Machining', directory: 'peers', regions: ['West Midlands'], areas: ['shop-floor-data'] }]));
  });
});
