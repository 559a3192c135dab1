import { describe, expect, it } from 'vitest';
import { everyMonth } from '../../../renderer/portfolio/format';

describe('the month axis of the portfolio', () => {
  it('shows months without visits as 0, across a year end', () => {
    expect(
      everyMonth([
        { key: '2026-01', count: 4 },
        { key: '2025-11', count: 2 },
      ]),
    ).toEqual([
      { key: '2025-11', count: 2 },
      { key: '2025-12', count: 0 },
      { key: '2026-01', count: 4 },
    ]);
  });

  it('leaves out a key that is not a month instead of counting towards it for ever', () => {
    expect(everyMonth([{ key: '2026-03', count: 1 }, { key: 'unknown', count: 9 }])).toEqual([{ key: '2026-03', count: 1 }]);
  });
});
