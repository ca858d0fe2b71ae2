import { throwIfAborted } from '../core/errors';

/**
 * CloudTrail LookupEvents is limited to two requests per second, per account, per region. Spacing each region's
 * calls at least 500 ms apart keeps every scan under that limit instead of relying on throttling retries.
 */
export interface RateLimiterOptions {
  readonly requestsPerSecond?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class PerRegionRateLimiter {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The earliest time the next request of each region may start. */
  private readonly nextSlot = new Map<string, number>();

  constructor(options: RateLimiterOptions = {}) {
    this.intervalMs = 1000 / (options.requestsPerSecond ?? 2);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Resolves when a request for the region may start; slots are reserved in call order. */
  async acquire(region: string, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    const now = this.now();
    const slot = Math.max(now, this.nextSlot.get(region) ?? 0);
    this.nextSlot.set(region, slot + this.intervalMs);
    if (slot > now) await this.sleep(slot - now, signal);
  }
}
