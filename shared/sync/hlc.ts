/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter plus the device id.
 * Its string form sorts lexicographically in causal order, so SQL `max()` and `ORDER BY` work on it.
 * Format: `2026-11-21T10:42:00.000Z-0000-<device id>`.
 */
export interface HlcTimestamp {
  wall: number;
  counter: number;
  device: string;
}

const ISO_LENGTH = 24;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 16 ** COUNTER_DIGITS - 1;
const DEVICE_PATTERN = /^[0-9a-f]{16}$/;

export function formatHlc({ wall, counter, device }: HlcTimestamp): string {
  return `${new Date(wall).toISOString()}-${counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${device}`;
}

export function parseHlc(value: string): HlcTimestamp {
  const iso = value.slice(0, ISO_LENGTH);
  const counterText = value.slice(ISO_LENGTH + 1, ISO_LENGTH + 1 + COUNTER_DIGITS);
  const device = value.slice(ISO_LENGTH + 2 + COUNTER_DIGITS);
  const wall = Date.parse(iso);
  if (
    value[ISO_LENGTH] !== '-' ||
    value[ISO_LENGTH + 1 + COUNTER_DIGITS] !== '-' ||
    Number.isNaN(wall) ||
    // Only the canonical form sorts correctly against other values; Date.parse also takes local times.
    new Date(wall).toISOString() !== iso ||
    !/^[0-9a-f]{4}$/.test(counterText) ||
    !DEVICE_PATTERN.test(device)
  ) {
    throw new Error(`Not a hybrid logical clock value: ${JSON.stringify(value.slice(0, 80))}`);
  }
  return { wall, counter: parseInt(counterText, 16), device };
}

export function isDeviceId(value: string): boolean {
  return DEVICE_PATTERN.test(value);
}

export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly physicalNow: () => number,
    last?: string,
  ) {
    if (!isDeviceId(device)) throw new Error(`Device id must be 16 lowercase hex digits, got ${device}`);
    if (last) {
      const parsed = parseHlc(last);
      this.wall = parsed.wall;
      this.counter = parsed.counter;
    }
  }

  /** A timestamp for a local event; strictly greater than every timestamp issued or received before. */
  tick(): string {
    const physical = this.physicalNow();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.advanceCounter();
    }
    return this.current();
  }

  /** Merge a timestamp seen from another device so later local events sort after it. */
  receive(remote: string): string {
    const other = parseHlc(remote);
    const physical = this.physicalNow();
    const wall = Math.max(this.wall, other.wall, physical);
    if (wall === this.wall && wall === other.wall) {
      this.counter = Math.max(this.counter, other.counter);
      this.advanceCounter();
    } else if (wall === this.wall) {
      this.advanceCounter();
    } else if (wall === other.wall) {
      this.wall = wall;
      this.counter = other.counter;
      this.advanceCounter();
    } else {
      this.wall = wall;
      this.counter = 0;
    }
    return this.current();
  }

  /** The last timestamp issued or received, without issuing a new one. */
  peek(): string {
    return this.current();
  }

  private advanceCounter(): void {
    if (this.counter === MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond rather than wrap.
      this.wall += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }

  private current(): string {
    return formatHlc({ wall: this.wall, counter: this.counter, device: this.device });
  }
}
