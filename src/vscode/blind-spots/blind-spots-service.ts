import * as vscode from 'vscode';
import { PerRegionRateLimiter } from '../../aws/cloudtrail-rate-limiter';
import { classifyAwsError } from '../../aws/errors';
import { scanBlindSpots, type BlindSpotClients } from '../../aws/s3-blind-spot-scan';
import type { AccountScan } from '../../core/account-model';
import { withWrittenTags, type BlindSpotReport } from '../../core/blind-spot';
import { blindSpotInputsFromScan } from '../../core/blind-spot-rules';
import { isAbortError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { RequiredTag, TagSet } from '../../core/tag-policy';
import { plural } from '../../core/wording';
import { readSettings } from '../common/settings';

/**
 * The blind-spot check of the connected account: runs after each account scan (it needs the scan's recorders
 * and rules), keeps the latest report, and tells the Findings view and the coverage map when it changes. A
 * verified tag write updates its bucket in the report at once, without a new check.
 */
export type BlindSpotsState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'done'; readonly report: BlindSpotReport }
  | { readonly kind: 'failed'; readonly message: string };

interface WrittenTags {
  readonly bucket: string;
  readonly region: string;
  readonly tags: TagSet;
  readonly requirements: readonly RequiredTag[];
}

export class BlindSpotsService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: BlindSpotsState = { kind: 'idle' };
  private running: AbortController | undefined;
  /** Writes verified while the running check ran: it may have read those buckets' tags before the write. */
  private writtenDuringCheck: WrittenTags[] = [];
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
    this.writtenDuringCheck = [];
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    this.set({ kind: 'checking' });
    try {
      const lookbackDays = readSettings().blindSpotsLookbackDays;
      const scanned = await scanBlindSpots(clients, {
        ...blindSpotInputsFromScan(scan),
        policyRequirements: this.workspaceRequirements().filter((requirement) => requirement.source.kind !== 'config-rule'),
        now: new Date(),
        lookbackDays,
        rateLimiter: this.cloudTrailLimiter,
        signal: controller.signal,
        logger: this.logger,
      });
      if (this.running !== controller) return scanned;
      const report = this.writtenDuringCheck.reduce(
        (latest, write) => withWrittenTags(latest, write.bucket, write.region, write.tags, write.requirements),
        scanned,
      );
      this.logger.info(
        `Blind spots: ${plural(report.blindSpots.length, 'bucket')} Config has not discovered; ${plural(report.unwatchedRegions.length, 'region')} where Config records no S3 buckets`,
      );
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

  /**
   * After a verified tag write on a bucket: its blind spot, if it is one, shows the tags read back and the
   * prediction they give, in the Findings view, the map and exported reports alike. Config's inventory is not
   * read again: the bucket stays a blind spot until a check finds Config has discovered it.
   */
  recordWrittenTags(bucket: string, region: string, tags: TagSet, requirements: readonly RequiredTag[]): void {
    if (this.current.kind === 'checking') {
      this.writtenDuringCheck.push({ bucket, region, tags, requirements });
      return;
    }
    if (this.current.kind !== 'done') return;
    const report = withWrittenTags(this.current.report, bucket, region, tags, requirements);
    if (report === this.current.report) return;
    const spot = report.blindSpots.find((candidate) => candidate.bucket === bucket && candidate.region === region);
    this.logger.info(`Blind spot ${bucket} (${region}) now carries the tags written: ${spot?.prediction.summary ?? ''}`);
    this.set({ kind: 'done', report });
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
