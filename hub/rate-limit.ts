/** A burst of `capacity` requests, refilled at `refillPerSecond`. */
export interface BucketLimit {
  capacity: number;
  refillPerSecond: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

// Full buckets carry no information; dropping them bounds memory under many distinct keys.
const PRUNE_ABOVE = 10_000;

/**
 * Token buckets in this process's memory. Several hub instances each keep their own, so behind a
 * load balancer a device may get up to n times the limit: enough to stop a runaway client.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: BucketLimit,
    private readonly nowMs: () => number,
  ) {}

  take(key: string): TakeResult {
    const now = this.nowMs();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: now };
    bucket.tokens = Math.min(this.limit.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.refillPerSecond);
    bucket.at = now;
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      return { ok: true };
    }
    this.buckets.set(key, bucket);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.refillPerSecond)) };
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.limit.refillPerSecond >= this.limit.capacity) this.buckets.delete(key);
    }
  }
}
