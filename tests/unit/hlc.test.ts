import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, HybridClock, isDeviceId, parseHlc, type HlcTimestamp } from '../../shared/sync/hlc';

const DEVICE = '0123456789abcdef';
const OTHER_DEVICE = 'fedcba9876543210';
const T = Date.parse('2026-11-21T10:42:00.000Z');
/** Last millisecond whose ISO form still has a four-digit year. */
const MAX_WALL = Date.parse('9999-12-31T23:59:59.999Z');

/** A physical clock the test moves by hand. */
function manualClock(start: number) {
  let time = start;
  return {
    now: () => time,
    set: (value: number) => {
      time = value;
    },
  };
}

function compareTimestamps(a: HlcTimestamp, b: HlcTimestamp): number {
  if (a.wall !== b.wall) return Math.sign(a.wall - b.wall);
  if (a.counter !== b.counter) return Math.sign(a.counter - b.counter);
  return a.device < b.device ? -1 : a.device > b.device ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const wallArb = fc.integer({ min: 0, max: MAX_WALL - 1 });
const deviceArb = fc.stringMatching(/^[0-9a-f]{16}$/);
const timestampArb = fc.record({ wall: wallArb, counter: fc.integer({ min: 0, max: 0xffff }), device: deviceArb });

describe('HybridClock.tick', () => {
  it('issues strictly increasing values while the wall clock runs forwards', () => {
    const clock = manualClock(T);
    const hlc = new HybridClock(DEVICE, clock.now);
    const first = hlc.tick();
    clock.set(T + 5);
    const second = hlc.tick();
    expect(second > first).toBe(true);
    expect(parseHlc(second)).toEqual({ wall: T + 5, counter: 0, device: DEVICE });
  });

  it('keeps issuing increasing values when the wall clock goes backwards', () => {
    const clock = manualClock(T);
    const hlc = new HybridClock(DEVICE, clock.now);
    const before = hlc.tick();
    clock.set(T - 60 * 60 * 1000);
    const after = hlc.tick();
    const later = hlc.tick();
    expect(after > before).toBe(true);
    expect(later > after).toBe(true);
    expect(parseHlc(after)).toEqual({ wall: T, counter: 1, device: DEVICE });
    expect(parseHlc(later)).toEqual({ wall: T, counter: 2, device: DEVICE });
  });

  it('counts up within one millisecond when the wall clock stands still', () => {
    const hlc = new HybridClock(DEVICE, () => T);
    const values = [hlc.tick(), hlc.tick(), hlc.tick()];
    expect(values.map((v) => parseHlc(v).counter)).toEqual([0, 1, 2]);
    expect([...values].sort()).toEqual(values);
  });

  it('borrows the next millisecond instead of wrapping when the counter is exhausted', () => {
    const hlc = new HybridClock(DEVICE, () => T, formatHlc({ wall: T, counter: 0xfffe, device: DEVICE }));
    const full = hlc.tick();
    const borrowed = hlc.tick();
    expect(parseHlc(full)).toEqual({ wall: T, counter: 0xffff, device: DEVICE });
    expect(parseHlc(borrowed)).toEqual({ wall: T + 1, counter: 0, device: DEVICE });
    expect(borrowed > full).toBe(true);
  });

  it('resumes after the last value it issued before a restart, even if the wall clock is now earlier', () => {
    const last = formatHlc({ wall: T, counter: 7, device: DEVICE });
    const hlc = new HybridClock(DEVICE, () => T - 10_000, last);
    const next = hlc.tick();
    expect(next > last).toBe(true);
    expect(parseHlc(next)).toEqual({ wall: T, counter: 8, device: DEVICE });
  });

  it('refuses a device id that is not 16 lowercase hex digits', () => {
    expect(() => new HybridClock('0123456789ABCDEF', () => T)).toThrow(/Device id/);
    expect(() => new HybridClock('0123', () => T)).toThrow(/Device id/);
    expect(() => new HybridClock('', () => T)).toThrow(/Device id/);
  });

  it('never issues a value that is not greater than every earlier one, whatever the wall clock and remote clocks do (property)', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), physical: wallArb }),
      fc.record({ kind: fc.constant('receive' as const), physical: wallArb, remote: timestampArb }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let physical = 0;
        const hlc = new HybridClock(DEVICE, () => physical);
        let previous = '';
        for (const s of steps) {
          physical = s.physical;
          const value = s.kind === 'tick' ? hlc.tick() : hlc.receive(formatHlc(s.remote));
          if (!(value > previous)) return false;
          if (s.kind === 'receive' && !(compareTimestamps(parseHlc(value), s.remote) > 0)) return false;
          previous = value;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('HybridClock.receive', () => {
  it('puts the next local tick after a remote timestamp from the future', () => {
    const hlc = new HybridClock(DEVICE, () => T);
    hlc.tick();
    const remote = formatHlc({ wall: T + 60_000, counter: 3, device: OTHER_DEVICE });
    const merged = hlc.receive(remote);
    const next = hlc.tick();
    expect(merged > remote).toBe(true);
    expect(next > remote).toBe(true);
    expect(next > merged).toBe(true);
    expect(parseHlc(merged)).toEqual({ wall: T + 60_000, counter: 4, device: DEVICE });
  });

  it('moves past a remote timestamp with the same wall time and a higher counter', () => {
    const hlc = new HybridClock(DEVICE, () => T);
    hlc.tick();
    const remote = formatHlc({ wall: T, counter: 9, device: OTHER_DEVICE });
    const merged = hlc.receive(remote);
    expect(parseHlc(merged)).toEqual({ wall: T, counter: 10, device: DEVICE });
    expect(hlc.tick() > remote).toBe(true);
  });

  it('stays ahead of an older remote timestamp', () => {
    const hlc = new HybridClock(DEVICE, () => T);
    const local = hlc.tick();
    const remote = formatHlc({ wall: T - 5_000, counter: 40, device: OTHER_DEVICE });
    const merged = hlc.receive(remote);
    expect(merged > local).toBe(true);
    expect(merged > remote).toBe(true);
  });

  it('takes the physical time when it is newer than both clocks', () => {
    const clock = manualClock(T);
    const hlc = new HybridClock(DEVICE, clock.now);
    hlc.tick();
    clock.set(T + 1_000);
    const merged = hlc.receive(formatHlc({ wall: T + 500, counter: 2, device: OTHER_DEVICE }));
    expect(parseHlc(merged)).toEqual({ wall: T + 1_000, counter: 0, device: DEVICE });
  });

  it('throws on a garbled remote value and leaves the clock where it was', () => {
    const hlc = new HybridClock(DEVICE, () => T);
    const before = hlc.tick();
    expect(() => hlc.receive('not a clock')).toThrow(/Not a hybrid logical clock value/);
    expect(parseHlc(hlc.tick())).toEqual({ ...parseHlc(before), counter: parseHlc(before).counter + 1 });
  });
});

describe('formatHlc / parseHlc', () => {
  it('formats as ISO time, four hex counter digits and the device id', () => {
    expect(formatHlc({ wall: T, counter: 0x2a, device: DEVICE })).toBe(`2026-11-21T10:42:00.000Z-002a-${DEVICE}`);
  });

  it('round-trips every timestamp through its string form (property)', () => {
    fc.assert(
      fc.property(timestampArb, (timestamp) => {
        expect(parseHlc(formatHlc(timestamp))).toEqual(timestamp);
      }),
    );
  });

  it('orders strings lexicographically exactly as it orders (wall, counter, device) (property)', () => {
    fc.assert(
      fc.property(timestampArb, timestampArb, (a, b) => {
        expect(compareStrings(formatHlc(a), formatHlc(b))).toBe(compareTimestamps(a, b));
      }),
    );
  });

  it('orders a counter-bump before the next millisecond, and the next millisecond before a later one', () => {
    const values = [
      formatHlc({ wall: T, counter: 0xffff, device: DEVICE }),
      formatHlc({ wall: T, counter: 0x000a, device: DEVICE }),
      formatHlc({ wall: T + 1, counter: 0, device: DEVICE }),
      formatHlc({ wall: T, counter: 0x0009, device: OTHER_DEVICE }),
      formatHlc({ wall: T + 1000, counter: 0, device: DEVICE }),
    ];
    expect([...values].sort()).toEqual([values[3], values[1], values[0], values[2], values[4]]);
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'garbage'],
    ['a bare ISO date', '2026-11-21T10:42:00.000Z'],
    ['a missing counter', `2026-11-21T10:42:00.000Z-${DEVICE}`],
    ['a non-hex counter', `2026-11-21T10:42:00.000Z-zzzz-${DEVICE}`],
    ['an upper-case counter', `2026-11-21T10:42:00.000Z-00AB-${DEVICE}`],
    ['a wrong separator', `2026-11-21T10:42:00.000Z_0000_${DEVICE}`],
    ['an upper-case device id', `2026-11-21T10:42:00.000Z-0000-${DEVICE.toUpperCase()}`],
    ['a short device id', '2026-11-21T10:42:00.000Z-0000-0123'],
    ['a device id with trailing text', `2026-11-21T10:42:00.000Z-0000-${DEVICE}0`],
    ['an impossible date', `2026-13-45T99:99:99.000Z-0000-${DEVICE}`],
  ])('rejects %s', (_label, value) => {
    expect(() => parseHlc(value)).toThrow(/Not a hybrid logical clock value/);
  });

  it('rejects date text that Date.parse understands but formatHlc never writes, since it would not sort with canonical values', () => {
    // Accepting these would let a stored or received clock value break `ORDER BY updated_at` and `max()`.
    const nonCanonical = [
      `Sat Nov 21 2026 10:42:00-0000-${DEVICE}`, // local time, read in the machine's time zone
      `2026-11-21 10:42:00.000Z-0000-${DEVICE}`, // space instead of T
      `2026-11-21T10:42:00.000z-0000-${DEVICE}`, // lower-case z
      `2026-11-21T10:42:00+0000-0000-${DEVICE}`, // numeric zone offset, no milliseconds
      `2026-02-30T00:00:00.000Z-0000-${DEVICE}`, // a day that does not exist
    ];
    const accepted = nonCanonical.filter((value) => {
      try {
        parseHlc(value);
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it('recognises device ids of exactly 16 lowercase hex digits', () => {
    expect(isDeviceId(DEVICE)).toBe(true);
    expect(isDeviceId(DEVICE.toUpperCase())).toBe(false);
    expect(isDeviceId(`${DEVICE}0`)).toBe(false);
    expect(isDeviceId('0123456789abcdeg')).toBe(false);
  });
});
