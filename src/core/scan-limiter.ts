import { throwIfAborted } from './errors';

/**
 * Bounds how many AWS calls are in flight at once, across all regions, and decides which waiting call goes next.
 * Deeper calls go first (the next page of a result, the describe after a list): they sit on the longest chain
 * of dependent calls, so starting them early keeps the scan close to its lower bound. Ties go to the region that
 * started first, so regions finish one after another and at most `concurrency` regions are busy at once.
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
  /** Order of the region in the scan (lower goes first). */
  readonly regionIndex: number;
}

interface Waiter {
  readonly priority: CallPriority;
  readonly sequence: number;
  readonly start: () => void;
  readonly reject: (reason: unknown) => void;
}

function before(a: Waiter, b: Waiter): boolean {
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

  function next(): void {
    while (running < concurrency && waiting.length > 0) {
      let best = 0;
      for (let index = 1; index < waiting.length; index++) if (before(waiting[index]!, waiting[best]!)) best = index;
      const [waiter] = waiting.splice(best, 1);
      waiter!.start();
    }
  }

  return {
    concurrency,
    get peak() { return peak; },
    run<T>(priority: CallPriority, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      throwIfAborted(signal);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          const index = waiting.indexOf(waiter);
          if (index >= 0) {
            waiting.splice(index, 1);
            reject(signal!.reason ?? new DOMException('The operation was cancelled', 'AbortError'));
          }
        };
        const waiter: Waiter = {
          priority,
          sequence: sequence++,
          reject,
          start: () => {
            signal?.removeEventListener('abort', onAbort);
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
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(waiter);
        next();
      });
    },
  };
}
