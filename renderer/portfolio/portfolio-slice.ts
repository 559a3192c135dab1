import type { StateCreator } from 'zustand';
import { PortfolioFilterSchema, type ParsedPortfolioFilter, type portfolioSortKeys } from '../../shared/portfolio/schema';
import type { AppState } from '../store/app-store';

export type PortfolioSortKey = (typeof portfolioSortKeys)[number];
export interface PortfolioSort {
  sort: PortfolioSortKey;
  direction: 'asc' | 'desc';
}

export const emptyPortfolioFilter: ParsedPortfolioFilter = PortfolioFilterSchema.parse({});

/**
 * The portfolio's filter, sort and page live in the store rather than the page, so opening a firm
 * and coming back finds the portfolio as it was left.
 */
export interface PortfolioSlice {
  portfolioFilter: ParsedPortfolioFilter;
  portfolioSort: PortfolioSort;
  portfolioPage: number;
  setPortfolioFilter(change: Partial<ParsedPortfolioFilter>): void;
  clearPortfolioFilter(): void;
  setPortfolioSort(sort: PortfolioSort): void;
  setPortfolioPage(page: number): void;
}

export const createPortfolioSlice: StateCreator<AppState, [], [], PortfolioSlice> = (set) => ({
  portfolioFilter: emptyPortfolioFilter,
  portfolioSort: { sort: 'visitDate', direction: 'desc' },
  portfolioPage: 0,
  // A new filter or sort shows a different list, so its first page.
  setPortfolioFilter: (change) => set((s) => ({ portfolioFilter: { ...s.portfolioFilter, ...change }, portfolioPage: 0 })),
  clearPortfolioFilter: () => set({ portfolioFilter: emptyPortfolioFilter, portfolioPage: 0 }),
  setPortfolioSort: (portfolioSort) => set({ portfolioSort, portfolioPage: 0 }),
  setPortfolioPage: (portfolioPage) => set({ portfolioPage }),
});

export function isFiltered(filter: ParsedPortfolioFilter): boolean {
  return (
    filter.statuses.length + filter.kinds.length + filter.adviserIds.length + filter.regions.length + filter.countries.length + filter.naceCodes.length + filter.employeeBands.length > 0 ||
    filter.fromMonth !== null ||
    filter.toMonth !== null ||
    filter.search.trim() !== ''
  );
}
