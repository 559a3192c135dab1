import { describe, expect, it } from 'vitest';
import { personalColumns } from '../../shared/sync/tables';
import { pseudonym, redactRow, sharesPersonalData } from '../../electron/services/exports/redaction';

describe('redaction', () => {
  const company = { id: 'c1', name: 'Acme', registration_number: '123', street: 'Main St 1', town: 'Leeds', postcode: 'LS1 1AA', region: 'Yorkshire', nace_code: '25' };

  it('nulls every personal column the sync tables name, and nothing else', () => {
    const redacted = redactRow('companies', company, false);
    for (const column of personalColumns.companies) expect(redacted[column]).toBeNull();
    expect(redacted).toMatchObject({ id: 'c1', region: 'Yorkshire', nace_code: '25' });
  });

  it('keeps a sharing firm’s row as it is', () => {
    expect(redactRow('companies', company, true)).toEqual(company);
  });

  it('shares only with consent and never after an erasure', () => {
    expect(sharesPersonalData({ consent_to_share: 1, erased_at: null })).toBe(true);
    expect(sharesPersonalData({ consent_to_share: 0, erased_at: null })).toBe(false);
    expect(sharesPersonalData({ consent_to_share: 1, erased_at: '2026-11-30T12:00:00.000Z' })).toBe(false);
  });

  it('names a firm by a stable pseudonym of its id', () => {
    expect(pseudonym('01890a5d-ac96-774b-bcce-b302099a8057')).toMatch(/^Firm [0-9a-f]{12}$/);
    expect(pseudonym('01890a5d-ac96-774b-bcce-b302099a8057')).toBe(pseudonym('01890a5d-ac96-774b-bcce-b302099a8057'));
    expect(pseudonym('01890a5d-ac96-774b-bcce-b302099a8058')).not.toBe(pseudonym('01890a5d-ac96-774b-bcce-b302099a8057'));
  });
});
