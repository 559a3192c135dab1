import { describe, expect, it } from 'vitest';
import { createI18n } from '../../shared/i18n';

describe('portfolio wording', () => {
  it('writes counts of firms in the reader’s number format', () => {
    expect(createI18n('en').t('portfolio.views.upliftNote', { count: 1135 })).toContain('the 1,135 firms');
    expect(createI18n('da').t('portfolio.views.upliftNote', { count: 1135 })).toContain('1.135');
    expect(createI18n('sv').t('portfolio.views.firms', { count: 1135 })).toMatch(/^1\s135 /);
    expect(createI18n('en').t('portfolio.views.firms', { count: 1 })).toBe('1 firm');
  });
});
