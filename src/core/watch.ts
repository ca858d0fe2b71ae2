import { errorMessage } from './errors';

/**
 * The background watch: re-scan at an interval and report what is NEW since the last look, once.
 *
 * Pure scheduling logic; time comes through `WatchTimers` so tests drive it with a fake clock, and the scan and
 * the notification are functions the extension and the CLI supply.
 *
 * Decisions, and why:
 * - The first successful read of a region is its baseline and notifies nothing. People turn the watch on to
 *   hear what appears from now on; the Coverage and Findings views already show the current state, and a burst
 *   of toasts for every old finding on enabling would teach them to ignore the watch.
 * - A finding is new when its stable key was absent at the previous successful read of its region. A region
 *   that failed or was throttled keeps what it knew, so a flaky region does not re-announce its findings; a
 *   resource fixed and broken again is announced again, because it really is new.
 * - Scans never overlap: the next one is scheduled when the previous one settles (a chain of timeouts, not an
 *   interval). `runNow` while a scan runs joins that scan.
 * - Failures and throttling back off exponentially (interval × 2^n) up to a cap; one clean scan resets it.
 * - While the window has been unfocused for longer than `pauseWhenUnfocusedForMs`, due scans wait; regaining
 *   focus runs the overdue scan at once. Nobody reads toasts in a window they left, and AWS calls cost quota.
 */

/**
 * The classes `tagsight blindspots` and the account scan use: `blind-spot`, a bucket in a recorded region that
 * Config has not discovered (BlindSpotReport.blindSpots); `unwatched`, a bucket in a region no recorder watches
 * (BlindSpotReport.unwatchedRegions); `non-compliant`, a resource a REQUIRED_TAGS rule flags.
 */
export type WatchFindingKind = 'blind-spot' | 'unwatched' | 'non-compliant';

export interface WatchFinding {
  /**
   * Stable across scans: `blind-spot:arn:aws:s3:::bucket` (for an unwatched bucket too: one bucket is one thing
   * to hear about, so a bucket whose region gains a recorder is not announced again), `non-compliant:REGION:TYPE:ID`.
   */
  readonly key: string;
  readonly kind: WatchFindingKind;
  readonly region: string;
  /** The bucket name or resource id. */
  readonly resource: string;
  readonly resourceType: string;
  /** One line for a toast or a terminal. */
  readonly message: string;
  /** Whether "Add missing tags…" applies (a taggable resource missing required tags). */
  readonly taggable?: boolean;
}

export interface WatchSnapshot {
  readonly findings: readonly WatchFinding[];
  /** Regions read completely in this scan. Findings of other regions count only once their region reads clean. */
  readonly scannedRegions: readonly string[];
  /** Some calls were throttled or failed: the next scan waits longer. */
  readonly degraded?: boolean;
}

export interface WatchTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: WatchTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type WatchState = 'stopped' | 'waiting' | 'scanning' | 'paused';

export interface WatchOptions {
  readonly intervalMs: number;
  readonly scan: (signal: AbortSignal) => Promise<WatchSnapshot>;
  /** Called once per scan that found something new, with the new findings sorted by key. */
  readonly notify: (findings: readonly WatchFinding[]) => void;
  readonly timers?: WatchTimers;
  /** Longest wait after failures. Default: the larger of 4 intervals and one hour. */
  readonly maxBackoffMs?: number;
  /** Default 15 minutes. */
  readonly pauseWhenUnfocusedForMs?: number;
  /** Observability: every settled scan, for the log and for tests. */
  readonly onScanSettled?: (outcome: WatchOutcome) => void;
  readonly onStateChange?: (state: WatchState) => void;
  /**
   * Where an observer's failure goes (onScanSettled or onStateChange threw after a scan): the watch itself goes
   * on, and scans started by a timer have nobody else to tell.
   */
  readonly onObserverError?: (error: unknown) => void;
}

export type WatchOutcome =
  | {
      readonly ok: true;
      readonly newFindings: readonly WatchFinding[];
      readonly baselined: readonly string[];
      readonly nextDelayMs: number;
    }
  | { readonly ok: false; readonly error: string; readonly nextDelayMs: number };

/**
 * The editor's `tagsight.watch.intervalMinutes` never polls a real account more often than once a minute: faster,
 * a watch scans about as fast as a scan finishes and spends the account's API quota. Integration tests speed the
 * watch up through the extension's test-mode seam, never through this setting.
 */
export const MIN_WATCH_INTERVAL_MINUTES = 1;

/** The interval a minutes setting asks for: undefined when it turns the watch off (0, or not a positive number). */
export function watchIntervalMs(minutes: unknown): number | undefined {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) return undefined;
  return Math.round(Math.max(minutes, MIN_WATCH_INTERVAL_MINUTES) * 60_000);
}

const DEFAULT_PAUSE_WHEN_UNFOCUSED_MS = 15 * 60_000;
const ONE_HOUR_MS = 60 * 60_000;

export class Watch {
  private readonly timers: WatchTimers;
  private intervalMs: number;
  private state: WatchState = 'stopped';
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private failures = 0;
  /** When the last scan settled (or the watch started): the interval counts from here. */
  private waitingSince = 0;
  private focused = true;
  private unfocusedSince = 0;
  /** Keys present at the last clean read of each region; a region absent here has no baseline yet. */
  private readonly knownByRegion = new Map<string, Set<string>>();

  constructor(private readonly options: WatchOptions) {
    if (!(options.intervalMs > 0)) throw new RangeError('The watch interval must be positive');
    this.timers = options.timers ?? systemTimers;
    this.intervalMs = options.intervalMs;
  }

  get currentState(): WatchState {
    return this.state;
  }

  /** The delay before the next scan after the current number of consecutive failures. */
  get currentDelayMs(): number {
    const cap = this.options.maxBackoffMs ?? Math.max(4 * this.intervalMs, ONE_HOUR_MS);
    return Math.min(this.intervalMs * 2 ** this.failures, Math.max(cap, this.intervalMs));
  }

  /** Starts with an immediate scan, which sets the baseline. */
  start(): void {
    if (this.state !== 'stopped') return;
    this.setState('waiting');
    this.schedule(0);
  }

  stop(): void {
    this.clearTimer();
    this.abort?.abort();
    this.abort = undefined;
    this.inFlight = undefined;
    this.setState('stopped');
  }

  /** A new interval counts from the last scan on, so a shorter one may make a scan due at once. */
  setIntervalMs(intervalMs: number): void {
    if (!(intervalMs > 0)) throw new RangeError('The watch interval must be positive');
    if (intervalMs === this.intervalMs) return;
    this.intervalMs = intervalMs;
    if (this.state === 'waiting') this.schedule(Math.max(0, this.waitingSince + this.currentDelayMs - this.timers.now()));
  }

  setFocused(focused: boolean): void {
    if (focused === this.focused) return;
    this.focused = focused;
    if (!focused) {
      this.unfocusedSince = this.timers.now();
      return;
    }
    if (this.state === 'paused') void this.runNow();
  }

  /** Scans now, or joins the scan already running. Resolves when it settles. */
  runNow(): Promise<void> {
    if (this.state === 'stopped') return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.clearTimer();
    return this.runScan();
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.onDue();
    }, delayMs);
  }

  private onDue(): void {
    if (this.state === 'stopped' || this.inFlight) return;
    const pauseAfter = this.options.pauseWhenUnfocusedForMs ?? DEFAULT_PAUSE_WHEN_UNFOCUSED_MS;
    if (!this.focused && this.timers.now() - this.unfocusedSince >= pauseAfter) {
      this.setState('paused');
      return;
    }
    void this.runScan();
  }

  private runScan(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.setState('scanning');
    // `then` always runs after this method returned, so `inFlight` is set before it is cleared.
    const run = this.scanOnce(abort.signal)
      .then((result) => {
        if (this.abort !== abort) return; // stopped meanwhile: the result belongs to nobody
        this.abort = undefined;
        this.inFlight = undefined;
        this.setState('waiting');
        this.waitingSince = this.timers.now();
        this.schedule(result.outcome.nextDelayMs);
        if (result.outcome.ok && result.outcome.newFindings.length > 0) {
          try {
            this.options.notify(result.outcome.newFindings);
          } catch (error) {
            // A failing notifier must not stop the watch; the outcome hook still reports the scan.
            result = { outcome: { ok: false, error: `notify failed: ${errorMessage(error)}`, nextDelayMs: result.outcome.nextDelayMs } };
          }
        }
        this.options.onScanSettled?.(result.outcome);
      })
      .catch((error: unknown) => this.options.onObserverError?.(error));
    this.inFlight = run;
    return run;
  }

  private async scanOnce(signal: AbortSignal): Promise<{ outcome: WatchOutcome }> {
    try {
      const snapshot = await this.options.scan(signal);
      if (signal.aborted) return { outcome: { ok: false, error: 'stopped', nextDelayMs: 0 } };
      const { newFindings, baselined } = this.absorb(snapshot);
      this.failures = snapshot.degraded ? this.failures + 1 : 0;
      return { outcome: { ok: true, newFindings, baselined, nextDelayMs: this.currentDelayMs } };
    } catch (error) {
      if (signal.aborted) return { outcome: { ok: false, error: 'stopped', nextDelayMs: 0 } };
      this.failures += 1;
      return { outcome: { ok: false, error: errorMessage(error), nextDelayMs: this.currentDelayMs } };
    }
  }

  /** Updates what each region knows and returns the findings nobody has heard of. */
  private absorb(snapshot: WatchSnapshot): { newFindings: WatchFinding[]; baselined: string[] } {
    const scanned = new Set(snapshot.scannedRegions);
    const byRegion = new Map<string, WatchFinding[]>();
    for (const finding of snapshot.findings) {
      if (!scanned.has(finding.region)) continue;
      const list = byRegion.get(finding.region);
      if (list) list.push(finding);
      else byRegion.set(finding.region, [finding]);
    }
    const newFindings: WatchFinding[] = [];
    const baselined: string[] = [];
    for (const region of [...scanned].sort()) {
      const findings = byRegion.get(region) ?? [];
      const known = this.knownByRegion.get(region);
      if (!known) baselined.push(region);
      else {
        const seenThisScan = new Set<string>();
        for (const finding of findings) {
          if (!known.has(finding.key) && !seenThisScan.has(finding.key)) newFindings.push(finding);
          seenThisScan.add(finding.key);
        }
      }
      this.knownByRegion.set(region, new Set(findings.map((finding) => finding.key)));
    }
    newFindings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { newFindings, baselined };
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: WatchState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onStateChange?.(state);
  }
}
