import type { SyncStatus } from '../../../shared/sync/operations';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BackgroundSyncOptions {
  /** One sync run; resolves with the status it ended in. */
  sync: () => Promise<SyncStatus>;
  isEnrolled: () => Promise<boolean>;
  timers?: Timers;
  intervalMs?: number;
  /** Quiet time after the last local change before syncing it. */
  debounceMs?: number;
  /** First wait after a failure; doubled after each further one. */
  retryMs?: number;
  maxBackoffMs?: number;
  log?: (message: string) => void;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Syncs every few minutes while the device is enrolled, soon after local changes, and backs off
 * exponentially while the hub cannot be reached or fails.
 */
export class BackgroundSync {
  private timer: unknown = null;
  private failures = 0;
  private stopped = true;
  private running: Promise<void> | null = null;
  private changedDuringRun = false;
  private readonly timers: Timers;

  constructor(private readonly options: BackgroundSyncOptions) {
    this.timers = options.timers ?? defaultTimers;
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.options.debounceMs ?? 10_000);
  }

  /** A local change was recorded: sync it soon, unless the hub is being given time to recover. */
  changed(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.running) this.changedDuringRun = true;
    else this.schedule(this.options.debounceMs ?? 10_000);
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clear();
    await this.running;
  }

  private schedule(ms: number): void {
    this.clear();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
  }

  private clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const interval = this.options.intervalMs ?? 5 * 60_000;
    let failed = false;
    this.changedDuringRun = false;
    try {
      if (await this.options.isEnrolled()) {
        const status = await this.options.sync();
        failed = status.problem !== null && status.problem.code !== 'rejected';
      }
    } catch (error) {
      failed = true;
      this.options.log?.(`Background sync failed: ${(error as Error).message}`);
    }
    this.failures = failed ? this.failures + 1 : 0;
    if (this.stopped) return;
    const retry = this.options.retryMs ?? 30_000;
    const backoff = Math.min(retry * 2 ** (this.failures - 1), this.options.maxBackoffMs ?? 60 * 60_000);
    this.schedule(this.failures > 0 ? backoff : this.changedDuringRun ? (this.options.debounceMs ?? 10_000) : interval);
  }
}
