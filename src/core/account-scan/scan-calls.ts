import { setMaxListeners } from 'node:events';
import { createScanLimiter, type CallPriority, type ScanLimiter } from '../scan-limiter';
import { stopsTheScan, type ScanError } from '../scan-error';
import type { ScanPorts } from './ports';

/** Thrown through every pending call once the scan stopped; carries the reason. */
export class ScanStopped extends Error {
  constructor(readonly scanError: ScanError) {
    super(scanError.message);
  }
}

/**
 * The calls of one account scan: every call goes through one limiter (see scan-limiter.ts), every page of a
 * paginated result is one call, and a failure that stops the scan (credentials) aborts every other call.
 */
export class ScanCalls {
  private readonly stop = new AbortController();
  private readonly limiter: ScanLimiter;
  private readonly onOuterAbort = () => this.stop.abort(this.outer?.reason);
  private stoppedBy: ScanError | undefined;

  constructor(
    private readonly ports: Pick<ScanPorts, 'classify'>,
    concurrency: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    if (outer?.aborted) this.stop.abort(outer.reason);
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    // Every waiting call and every SDK request listens to this signal: hundreds at once is expected, not a leak.
    setMaxListeners(0, this.stop.signal);
    this.limiter = createScanLimiter(concurrency);
  }

  /** Aborted when the caller cancels or a failure stops the scan. */
  get signal(): AbortSignal {
    return this.stop.signal;
  }

  /** The failure that stopped the whole scan, if one did. */
  get fatal(): ScanError | undefined {
    return this.stoppedBy;
  }

  /** Whether the caller cancelled the scan. */
  get cancelledByCaller(): boolean {
    return Boolean(this.outer?.aborted);
  }

  /** Stops every call with `scanError` (the first such failure wins). */
  stopWith(scanError: ScanError): void {
    if (this.stoppedBy) return;
    this.stoppedBy = scanError;
    this.stop.abort(new ScanStopped(scanError));
  }

  /** One call: limited, and a credentials failure anywhere stops the whole scan. */
  async call<T>(operation: string, priority: CallPriority, run: () => Promise<T>): Promise<T> {
    try {
      return await this.limiter.run(priority, run, this.signal);
    } catch (error) {
      if (error instanceof ScanStopped) throw error;
      const scanError =
        this.signal.aborted && !this.stoppedBy
          ? { kind: 'cancelled' as const, operation, message: 'Cancelled.' }
          : this.ports.classify(error, operation);
      if (stopsTheScan(scanError) && scanError.kind !== 'cancelled') this.stopWith(scanError);
      throw new ScanStopped(scanError);
    }
  }

  /** Every page of a paginated result, each page one call one level deeper than the last. */
  async pages<T>(operation: string, iterable: AsyncIterable<readonly T[]>, priority: CallPriority): Promise<T[]> {
    const iterator = iterable[Symbol.asyncIterator]();
    const items: T[] = [];
    for (let depth = priority.depth; ; depth++) {
      const page = await this.call(operation, { ...priority, depth }, () => iterator.next());
      if (page.done) return items;
      items.push(...page.value);
    }
  }

  /** What a call's rejection means for the scan. */
  errorOf(error: unknown, operation: string): ScanError {
    return error instanceof ScanStopped ? error.scanError : this.ports.classify(error, operation);
  }

  /** Stops following the caller's signal (the scan is done). */
  detach(): void {
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}
