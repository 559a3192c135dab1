import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../electron/services/app-services';
import type { PortfolioFilter } from '../../../shared/portfolio/schema';
import { enrolledStatus, FakeSync, renderApp } from '../render-app';
import { emptyPortfolio, FakeOffice } from '../office/fake-office';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
  vi.restoreAllMocks();
});

async function openPortfolio(office = new FakeOffice(), role: 'adviser' | 'office' = 'office') {
  const sync = new FakeSync();
  sync.status = enrolledStatus({ role });
  const app = await renderApp('#/portfolio', undefined, office.wrap, sync);
  services = app.services;
  await screen.findByRole('table', { name: /^Assessments/ });
  return { ...app, office };
}

type Query = { filter: PortfolioFilter };

describe('portfolio page', () => {
  it('a filter changes every view’s query: the summary and the assessments table', async () => {
    const { user, office } = await openPortfolio();
    expect(screen.getByRole('img', { name: /^By status: Finalised 2; Draft 1/ })).toBeTruthy();

    await user.click(screen.getByText('Status', { selector: '.filter-menu-label' }));
    await user.click(screen.getByRole('checkbox', { name: 'Finalised' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'From' }), '2026-03');

    await waitFor(() => expect(office.lastCallTo<Query>('portfolio.summary').filter).toMatchObject({ statuses: ['finalised'], fromMonth: '2026-03' }));
    await waitFor(() => expect(office.lastCallTo<Query>('portfolio.assessments').filter).toMatchObject({ statuses: ['finalised'], fromMonth: '2026-03' }));
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeTruthy();
  });

  it('opens the firm when a row is clicked, and keeps the filter on the way back', async () => {
    const { user, office } = await openPortfolio();
    await user.type(screen.getByRole('searchbox', { name: 'Firm' }), 'Firm');
    await waitFor(() => expect(office.lastCallTo<Query>('portfolio.summary').filter.search).toBe('Firm'));

    const table = screen.getByRole('table', { name: /^Assessments/ });
    await user.click(within(table).getAllByRole('cell', { name: 'North West' })[0]!);
    expect(window.location.hash).toBe('#/clients/01930000-0000-7000-8000-000000000001');

    window.location.hash = '#/portfolio';
    await screen.findByRole('table', { name: /^Assessments/ });
    expect((screen.getByRole('searchbox', { name: 'Firm' }) as HTMLInputElement).value).toBe('Firm');
    expect(office.lastCallTo<Query>('portfolio.summary').filter.search).toBe('Firm');
  });

  it('downloads an export of the portfolio as currently filtered', async () => {
    const createObjectURL = vi.fn(() => 'blob:portfolio');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { user, office } = await openPortfolio();
    await user.click(screen.getByText('Kind', { selector: '.filter-menu-label' }));
    await user.click(screen.getByRole('checkbox', { name: 'Follow-up (T1)' }));
    await waitFor(() => expect(office.lastCallTo<Query>('portfolio.summary').filter.kinds).toEqual(['follow-up']));

    await user.click(screen.getByRole('button', { name: /Answers \(CSV\)/ }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(office.lastCallTo<Query & { format: string; language: string }>('portfolio.export')).toMatchObject({ format: 'csv-answers', language: 'en', filter: { kinds: ['follow-up'] } });
    expect(clicked[0]!.download).toBe('portfolio.csv');
    expect(screen.getByText(/exported without their name, address, contacts or notes/)).toBeTruthy();
  });

  it('sorts the table by a column header', async () => {
    const { user, office } = await openPortfolio();
    const table = screen.getByRole('table', { name: /^Assessments/ });
    await user.click(within(table).getByRole('button', { name: /^Firm/ }));
    await waitFor(() => expect(office.lastCallTo('portfolio.assessments')).toMatchObject({ sort: 'firm', direction: 'asc' }));
    expect(within(table).getByRole('columnheader', { name: /^Firm/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('shows erased firms as such, never by name', async () => {
    const office = new FakeOffice();
    office.rows = [{ ...office.rows[0]!, firm: '', erased: true }];
    await openPortfolio(office);
    expect(within(screen.getByRole('table', { name: /^Assessments/ })).getByRole('link', { name: 'Erased firm' })).toBeTruthy();
  });

  it('explains how assessments arrive while the office has none', async () => {
    const office = new FakeOffice();
    office.portfolio = emptyPortfolio;
    office.rows = [];
    const sync = new FakeSync();
    sync.status = enrolledStatus({ role: 'office' });
    const app = await renderApp('#/portfolio', undefined, office.wrap, sync);
    services = app.services;
    expect(await screen.findByText('No assessments yet')).toBeTruthy();
    expect(screen.getByText(/when advisers sync their laptops/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Import a bundle' }).getAttribute('href')).toBe('#/publishing');
  });

  it('says in plain words when the portfolio cannot be loaded', async () => {
    const office = new FakeOffice();
    office.handlers['portfolio.summary'] = () => ({ ok: false, error: { code: 'database', message: 'The database is busy.' } });
    const sync = new FakeSync();
    const app = await renderApp('#/portfolio', undefined, office.wrap, sync);
    services = app.services;
    expect((await screen.findByRole('alert')).textContent).toContain('The portfolio could not be loaded: The database is busy.');
  });
});
