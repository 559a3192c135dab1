import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import { renderApp } from './render-app';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('settings page', () => {
  it('saves the programme and the adviser shown on every PDF cover', async () => {
    const app = await renderApp('#/settings');
    services = app.services;
    await app.user.type(await screen.findByRole('textbox', { name: 'Programme' }), 'Produktionslyftet');
    await app.user.type(screen.getByRole('textbox', { name: 'Your name' }), 'Karin Lindqvist');
    await app.user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    await waitFor(async () => expect(await app.services!.settings.get()).toMatchObject({ programmeName: 'Produktionslyftet', adviserName: 'Karin Lindqvist' }));
  });
});
