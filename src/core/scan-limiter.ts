import { throwIfAborted } from './errors';

/**
 * Bounds how many AWS calls are in flight at once, across all regions, and decides which waiting call goes next:
 * the one with the longest chain of calls still waiting on it (critical path first), then the deeper one, then
 * the region that started first. Starting long chains early keeps the scan close to its lower bound, and the
 * region order makes regions finish one after another.
 */
export interface ScanLimiter {
  readonly concurrency: number;
  run<T>(priority: CallPriority, call: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The most calls that were ever in flight together (tests check the bound with it). */
  readonly peak: number;
}

export interface CallPriority {
  /** How many calls this one waited for (0 for the first call of a region). */
  readonly depth: number;
  /** How many dependent calls can follow this one at most (0: nothing waits on it). */
  readonly tail?: number;
  /** Order of the region in the scan (lower goes first). */
  readonly regionIndex: number;
}

interface Waiter {
  readonly priority: CallPriority;
  readonly sequence: number;
  readonly signal: AbortSignal | undefined;
  readonly start: () => void;
  readonly reject: (reason: unknown) => void;
}

function before(a: Waiter, b: Waiter): boolean {
  const tailA = a.priority.tail ?? 0;
  const tailB = b.priority.tail ?? 0;
  if (tailA !== tailB) return tailA > tailB;
  if (a.priority.depth !== b.priority.depth) return a.priority.depth > b.priority.depth;
  if (a.priority.regionIndex !== b.priority.regionIndex) return a.priority.regionIndex < b.priority.regionIndex;
  return a.sequence < b.sequence;
}

export function createScanLimiter(concurrency: number): ScanLimiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let running = 0;
  let peak = 0;
  let sequence = 0;
  const waiting: Waiter[] = [];
  // One abort listener per signal, not one per waiting call: hundreds of listeners on one signal cost
  // quadratic time in Node's EventTarget.
  const watched = new WeakSet<AbortSignal>();

  function next(): void {
    while (running < concurrency && waiting.length > 0) {
      let best = 0;
      for (let index = 1; index < waiting.length; index++) if (before(waiting[index]!, waiting[best]!)) best = index;
      const [waiter] = waiting.splice(best, 1);
      waiter!.start();
    }
  }

  function watch(signal: AbortSignal): void {
    if (watched.has(signal)) return;
    watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        const reason = signal.reason ?? new DOMException('The operation was cancelled', 'AbortError');
        for (let index = waiting.length - 1; index >= 0; index--) {
          const waiter = waiting[index]!;
          if (waiter.signal !== signal) continue;
          waiting.splice(index, 1);
          waiter.reject(reason);
        }
      },
      { once: true },
    );
  }

  return {
    concurrency,
    get peak() {
      return peak;
    },
    run<T>(priority: CallPriority, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      throwIfAborted(signal);
      if (signal) watch(signal);
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          priority,
          sequence: sequence++,
          signal,
          reject,
          start: () => {
            running++;
            peak = Math.max(peak, running);
            let result: Promise<T>;
            try {
              result = call();
            } catch (error) {
              result = Promise.reject(error);
            }
            result.then(resolve, reject).finally(() => {
              running--;
              next();
            });
          },
        });
        next();
      });
    },
  };
}
