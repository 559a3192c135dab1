import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newDeviceId, uuidv7 } from '../../shared/sync/uuidv7';
import { isDeviceId } from '../../shared/sync/hlc';
import { IdSchema } from '../../shared/sync/row';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function embeddedMillis(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('uuidv7', () => {
  it('sets the version nibble to 7 and the variant bits to 10', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_V7);
      const hex = id.replace(/-/g, '');
      expect(parseInt(hex[12]!, 16)).toBe(7);
      expect(parseInt(hex[16]!, 16) >> 2).toBe(0b10);
    }
  });

  it('is accepted by the id schema the API validates with', () => {
    expect(IdSchema.safeParse(uuidv7()).success).toBe(true);
  });

  it('stores the creation time in the first 48 bits', () => {
    const now = Date.parse('2026-11-21T10:42:00.123Z');
    expect(embeddedMillis(uuidv7(now))).toBe(now);
  });

  it('sorts ids made at later milliseconds after earlier ones (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 2 }), fc.integer({ min: 1, max: 1_000_000 }), (earlier, gap) => {
        const later = Math.min(earlier + gap, 2 ** 48 - 1);
        expect(uuidv7(earlier) < uuidv7(later)).toBe(true);
      }),
    );
  });

  it('clamps a negative time to the epoch instead of producing a malformed id', () => {
    const id = uuidv7(-5);
    expect(id).toMatch(UUID_V7);
    expect(embeddedMillis(id)).toBe(0);
  });

  it('gives different ids within the same millisecond', () => {
    const now = Date.parse('2026-11-21T10:42:00.000Z');
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(now)));
    expect(ids.size).toBe(1000);
  });
});

describe('newDeviceId', () => {
  it('makes 16 lowercase hex digits that the hybrid clock accepts, different each time', () => {
    const a = newDeviceId();
    const b = newDeviceId();
    expect(isDeviceId(a)).toBe(true);
    expect(isDeviceId(b)).toBe(true);
    expect(a).not.toBe(b);
  });
});
