import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../electron/services/app-services';
import type { OwnEntry } from '../../../shared/roadmap/directory-schema';
import { renderApp } from '../render-app';
import { FakeOffice, syncAs } from './fake-office';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

const published: OwnEntry = {
  id: '01930000-0000-7000-8000-00000000b001',
  directory: 'intermediaries',
  name: 'Growth Hub Lancashire',
  country: 'GB',
  regions: ['North West'],
  description: 'Impartial advice and grant signposting.',
  areas: [],
  sectors: [],
  updatedAt: '2026-03-01T09:00:00.000Z',
};

describe('publishing page', () => {
  it('lists every problem the service found in an instrument file', async () => {
    const office = new FakeOffice();
    office.handlers['office.publishInstrument'] = () => ({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The instrument file is not valid.',
        issues: [
          { field: 'sections[0].questions[2].scale', message: 'A level scale needs 6 levels.' },
          { field: 'version', message: 'Use a version such as 1.2.0.' },
        ],
      },
    });
    const app = await renderApp('#/publishing', undefined, office.wrap, syncAs('office'));
    services = app.services;
    const card = (await screen.findByRole('heading', { name: 'Publish an instrument' })).closest('section')!;
    await app.user.upload(within(card).getByLabelText('File'), new File(['{"id":"digital-maturity"}'], 'instrument.json', { type: 'application/json' }));
    await app.user.click(within(card).getByRole('button', { name: 'Publish instrument' }));

    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('The instrument file is not valid.');
    expect(alert.textContent).toContain('The file has 2 problems:');
    expect(within(alert).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'sections[0].questions[2].scale A level scale needs 6 levels.',
      'version Use a version such as 1.2.0.',
    ]);
    expect(office.callsTo('office.publishInstrument')).toEqual([{ text: '{"id":"digital-maturity"}' }]);
  });

  it('lists a catalogue’s problems given one per line after the message, in plain words', async () => {
    const office = new FakeOffice();
    office.handlers['office.publishCatalogue'] = () => ({
      ok: false,
      error: { code: 'invalid_input', field: 'text', message: 'The catalogue is not valid; nothing was published:\n$.version: validation.required\n$.steps[3].horizon: Unknown horizon' },
    });
    const app = await renderApp('#/publishing', undefined, office.wrap, syncAs('office'));
    services = app.services;
    const card = (await screen.findByRole('heading', { name: 'Publish a catalogue' })).closest('section')!;
    await app.user.upload(within(card).getByLabelText('File'), new File(['{}'], 'catalogue.json', { type: 'application/json' }));
    await app.user.click(within(card).getByRole('button', { name: 'Publish catalogue' }));

    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('The catalogue is not valid; nothing was published:');
    expect(within(alert).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['$.version This field is required.', '$.steps[3].horizon Unknown horizon']);
  });

  it('imports an adviser’s bundle as base64 and says what arrived', async () => {
    const office = new FakeOffice();
    const app = await renderApp('#/publishing', undefined, office.wrap, syncAs('office'));
    services = app.services;
    const card = (await screen.findByRole('heading', { name: 'Import an adviser’s bundle' })).closest('section')!;
    await app.user.upload(within(card).getByLabelText('File'), new File(['signed bundle'], 'laptop.ssbundle'));
    await app.user.click(within(card).getByRole('button', { name: 'Import bundle' }));
    expect(await within(card).findByText('41 changes imported; 3 already here.')).toBeTruthy();
    expect(office.callsTo('office.importBundle')).toEqual([{ base64: btoa('signed bundle') }]);
    expect(within(card).queryByText(/refused/)).toBeNull();
  });

  it('says how many changes of a bundle the hub refused', async () => {
    const office = new FakeOffice();
    office.handlers['office.importBundle'] = () => ({ ok: true, value: { accepted: 5, conflicts: 1, duplicates: 0, rejected: 2 } });
    const app = await renderApp('#/publishing', undefined, office.wrap, syncAs('office'));
    services = app.services;
    const card = (await screen.findByRole('heading', { name: 'Import an adviser’s bundle' })).closest('section')!;
    await app.user.upload(within(card).getByLabelText('File'), new File(['signed bundle'], 'laptop.ssbundle'));
    await app.user.click(within(card).getByRole('button', { name: 'Import bundle' }));
    expect(await within(card).findByText('5 changes imported; 0 already here. 2 changes refused by the hub; they were not imported.')).toBeTruthy();
  });

  it('is offered in the sidebar to the office only', async () => {
    const app = await renderApp('#/clients', undefined, undefined, syncAs('adviser'));
    services = app.services;
    expect(await screen.findByRole('link', { name: /Portfolio/ })).toBeTruthy();
    await screen.findByText('Made Smarter North West');
    expect(screen.queryByRole('link', { name: /Publishing/ })).toBeNull();
  });
});

describe('directories in office mode', () => {
  it('shows an adviser the programme office’s entries read-only, labelled as such', async () => {
    const office = new FakeOffice();
    let real: AppServices | undefined;
    office.handlers['directories.list'] = async () => ({ ok: true, value: { ...(await real!.handlers['directories.list']({} as never)), programme: [published] } });
    const app = await renderApp('#/directories', async (s) => void (real = s), office.wrap, syncAs('adviser'));
    services = app.services;
    const section = (await screen.findByRole('heading', { name: 'From the programme office' })).closest('section')!;
    expect(within(section).getByText('Growth Hub Lancashire')).toBeTruthy();
    expect(within(section).queryByRole('button')).toBeNull();
  });

  it('tells the office that what it saves is published to every adviser', async () => {
    const app = await renderApp('#/directories', undefined, undefined, syncAs('office'));
    services = app.services;
    expect(await screen.findByRole('heading', { name: 'Published to every adviser' })).toBeTruthy();
    expect(screen.getByText(/the ones you save here are published to every adviser at their next sync/)).toBeTruthy();
  });
});
