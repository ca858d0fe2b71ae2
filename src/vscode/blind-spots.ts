import * as vscode from 'vscode';
import { PerRegionRateLimiter } from '../aws/cloudtrail-rate-limiter';
import { classifyAwsError } from '../aws/errors';
import { scanBlindSpots, type BlindSpotClients } from '../aws/s3-blind-spot-scan';
import type { AccountScan } from '../core/account-scan';
import type { BlindSpotReport } from '../core/blind-spot';
import { blindSpotInputsFromScan } from '../core/blind-spot-rules';
import { isAbortError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { RequiredTag } from '../core/tag-policy';
import { readSettings } from './settings';

/**
 * The blind-spot check of the connected account: runs after each account scan (it needs the scan's recorders
 * and rules), keeps the latest report, and tells the Findings view and the coverage map when it changes.
 */
export type BlindSpotsState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'done'; readonly report: BlindSpotReport }
  | { readonly kind: 'failed'; readonly message: string };

export class BlindSpotsService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: BlindSpotsState = { kind: 'idle' };
  private running: AbortController | undefined;
  /** One limiter for every check, so back-to-back refreshes stay under CloudTrail's 2 requests/s too. */
  private readonly cloudTrailLimiter = new PerRegionRateLimiter();

  constructor(
    private readonly logger: Logger,
    private readonly workspaceRequirements: () => readonly RequiredTag[],
  ) {}

  get state(): BlindSpotsState {
    return this.current;
  }

  get report(): BlindSpotReport | undefined {
    return this.current.kind === 'done' ? this.current.report : undefined;
  }

  private pending: Promise<unknown> = Promise.resolve();

  /** Resolves when the latest check has finished (at once when none runs): for tests and the watch. */
  async settled(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.pending;
      await seen;
    } while (seen !== this.pending);
  }

  /** Checks again; a check still running is cancelled first. Never throws: failures become the state. */
  refresh(clients: BlindSpotClients, scan: AccountScan, signal?: AbortSignal): Promise<BlindSpotReport | undefined> {
    const run = this.check(clients, scan, signal);
    this.pending = run;
    return run;
  }

  private async check(clients: BlindSpotClients, scan: AccountScan, signal?: AbortSignal): Promise<BlindSpotReport | undefined> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    this.set({ kind: 'checking' });
    try {
      const lookbackDays = readSettings().blindSpotsLookbackDays;
      const report = await scanBlindSpots(clients, {
        ...blindSpotInputsFromScan(scan),
        policyRequirements: this.workspaceRequirements().filter((requirement) => requirement.source.kind !== 'config-rule'),
        now: new Date(),
        lookbackDays,
        rateLimiter: this.cloudTrailLimiter,
        signal: controller.signal,
        logger: this.logger,
      });
      if (this.running !== controller) return report;
      this.logger.info(`Blind spots: ${report.blindSpots.length} bucket(s) Config has not discovered; ${report.unwatchedRegions.length} region(s) without a recorder`);
      this.set({ kind: 'done', report });
      return report;
    } catch (error) {
      if (this.running !== controller) return undefined;
      if (isAbortError(error) || controller.signal.aborted) {
        this.set({ kind: 'idle' });
        return undefined;
      }
      const message = classifyAwsError(error, 'ListBuckets').message;
      this.logger.error('Blind-spot check failed', error);
      this.set({ kind: 'failed', message });
      return undefined;
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  clear(): void {
    this.running?.abort();
    this.set({ kind: 'idle' });
  }

  private set(state: BlindSpotsState): void {
    this.current = state;
    this.changed.fire();
  }

  dispose(): void {
    this.running?.abort();
    this.changed.dispose();
  }
}
