import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services/app-services';
import type { SyncConflict } from '../../shared/sync/operations';
import { enrolledStatus, FakeSync, renderApp } from './render-app';

let services: AppServices | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await services?.close();
  services = undefined;
});

const answerConflict: SyncConflict = {
  id: 'c-answer',
  table: 'answers',
  field: 'value',
  firm: 'Mersey Bakery',
  subject: 'How are production orders planned and scheduled?',
  kept: { display: 'Level 3 – Spreadsheet plan shared weekly', writtenAt: '2025-11-20T14:32:00.000Z', thisDevice: false },
  other: { display: 'Level 2 – Paper job cards', writtenAt: '2025-11-20T09:05:00.000Z', thisDevice: true },
};

const noteConflict: SyncConflict = {
  id: 'c-note',
  table: 'answers',
  field: 'note',
  firm: 'Mersey Bakery',
  subject: 'Note: Which data do you collect from the ovens?',
  kept: { display: '', writtenAt: '2025-11-21T08:00:00.000Z', thisDevice: true },
  other: { display: 'Oven temperatures logged by hand twice a shift', writtenAt: '2025-11-19T16:40:00.000Z', thisDevice: false },
};

async function openConflicts(conflicts: SyncConflict[]) {
  const sync = new FakeSync();
  sync.conflicts = conflicts;
  sync.status = enrolledStatus({ openConflicts: conflicts.length });
  const app = await renderApp('#/conflicts', undefined, undefined, sync);
  services = app.services;
  await screen.findByRole('heading', { level: 1, name: 'Conflicts' });
  return app;
}

/** One conflict on the screen, found by its subject heading. */
function conflictAbout(subject: string): HTMLElement {
  return screen.getByRole('heading', { level: 3, name: subject }).closest('li')!;
}

function valueBox(conflict: HTMLElement, label: string): HTMLElement {
  return within(conflict).getByRole('region', { name: label });
}

describe('conflicts screen', () => {
  it('shows both values of each conflict side by side, with who wrote them and when', async () => {
    const { sync } = await openConflicts([answerConflict, noteConflict]);
    expect(await screen.findByRole('heading', { level: 2, name: 'Mersey Bakery' })).toBeTruthy();
    expect(sync.callsTo('sync.conflicts')).toContainEqual({ language: 'en' });

    const answer = conflictAbout(answerConflict.subject);
    const kept = valueBox(answer, 'Kept (newer)');
    expect(kept.textContent).toContain('Level 3 – Spreadsheet plan shared weekly');
    const written = new Date(answerConflict.kept.writtenAt).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
    expect(kept.textContent).toContain(`Written ${written}`);
    expect(kept.textContent).toContain('from another device');
    const mine = valueBox(answer, "This laptop's value");
    expect(mine.textContent).toContain('Level 2 – Paper job cards');
    expect(within(kept).getByRole('button', { name: 'Keep this' })).toBeTruthy();
    expect(within(mine).getByRole('button', { name: 'Use this instead' })).toBeTruthy();

    const note = conflictAbout(noteConflict.subject);
    expect(valueBox(note, 'Kept (newer)').textContent).toContain('(empty)');
    expect(valueBox(note, "Other device's value").textContent).toContain('Oven temperatures logged by hand twice a shift');
  });

  it('keeps the newer value or uses the other one, each time refreshing the list and the status', async () => {
    const { user, sync } = await openConflicts([answerConflict, noteConflict]);
    const footer = screen.getByRole('region', { name: 'Sync with the programme office' });
    expect(await within(footer).findByRole('link', { name: '2 conflicts to resolve' })).toBeTruthy();

    const answer = await waitFor(() => conflictAbout(answerConflict.subject));
    await user.click(within(valueBox(answer, 'Kept (newer)')).getByRole('button', { name: 'Keep this' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: answerConflict.subject })).toBeNull());
    expect(sync.callsTo('sync.resolveConflict')).toEqual([{ id: 'c-answer', choice: 'kept' }]);
    expect(await within(footer).findByRole('link', { name: '1 conflict to resolve' })).toBeTruthy();

    await user.click(within(valueBox(conflictAbout(noteConflict.subject), "Other device's value")).getByRole('button', { name: 'Use this instead' }));
    expect(await screen.findByText(/^No conflicts\./)).toBeTruthy();
    expect(sync.callsTo('sync.resolveConflict')).toEqual([
      { id: 'c-answer', choice: 'kept' },
      { id: 'c-note', choice: 'other' },
    ]);
    await waitFor(() => expect(within(footer).queryByRole('link', { name: /conflict/ })).toBeNull());
  });

  it('shows conflicts that a background sync brought while the screen is open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { sync } = await openConflicts([]);
    await screen.findByText(/^No conflicts\./);
    sync.conflicts = [answerConflict];
    sync.status = enrolledStatus({ openConflicts: 1 });
    vi.advanceTimersByTime(15_000);
    expect(await screen.findByRole('heading', { level: 3, name: answerConflict.subject })).toBeTruthy();
  });

  it('explains what a conflict is when there are none', async () => {
    await openConflicts([]);
    expect(
      await screen.findByText('No conflicts. When two devices change the same answer before syncing, both values appear here so you can choose.'),
    ).toBeTruthy();
  });

  it('asks for the subjects in the language the adviser reads', async () => {
    const { user, sync } = await openConflicts([answerConflict]);
    await screen.findByRole('heading', { level: 3, name: answerConflict.subject });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'da');
    expect(await screen.findByRole('heading', { level: 1, name: 'Konflikter' })).toBeTruthy();
    await waitFor(() => expect(sync.callsTo('sync.conflicts').at(-1)).toEqual({ language: 'da' }));
  });
});
