import * as vscode from 'vscode';
import { createScanPorts } from '../../aws/account-scan-ports';
import { AwsClientFactory, type AwsConnection } from '../../aws/clients';
import { createResourceTagReader } from '../../aws/resource-tags';
import type { AccountScan, RegionScan } from '../../core/account-model';
import { scanAccount } from '../../core/account-scan/scan-account';
import { systemClock } from '../../core/clock';
import { errorMessage } from '../../core/errors';
import { logRejection, type Logger } from '../../core/logger';
import type { ScanError } from '../../core/scan-error';
import { readAwsSettings, type AwsSettings } from '../common/settings';

/**
 * The one account session of the window: which credentials are connected, where calls go, the running scan
 * (with its AbortController) and the last scan's result. Views, the status bar, blind spots, the coverage map
 * and the watch subscribe to `onDidChange` / `onDidFinishScan` instead of scanning themselves.
 */
export type AccountConnectionChoice =
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'default-chain' }
  /** The built-in emulator with the `incident` scenario: an explicit user action, never a workspace setting. */
  | { readonly kind: 'demo' };

export type SessionState =
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'scanning'; readonly done: number; readonly total: number }
  | { readonly kind: 'scanned' }
  | { readonly kind: 'failed'; readonly error: ScanError };

/** The demo emulator as the session needs it; started lazily, closed with the session. */
export interface DemoAccount {
  readonly endpoint: string;
  close(): Promise<void>;
}

export interface AccountSessionOptions {
  readonly logger: Logger;
  readonly version: string;
  readonly startDemo: () => Promise<DemoAccount>;
  /** Defaults to the user's settings; tests pass their own. */
  readonly settings?: () => AwsSettings;
  /** Shows per-region progress in a cancellable notification; off in tests that drive scans themselves. */
  readonly showProgress?: boolean;
}

export class AccountSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly finished = new vscode.EventEmitter<void>();
  private readonly regionDone = new vscode.EventEmitter<RegionScan>();
  /** Fired on every state change: connection, scan start, region progress, scan end. */
  readonly onDidChange = this.changed.event;
  /** Fired once per scan that ended (scanned, failed or cancelled). */
  readonly onDidFinishScan = this.finished.event;
  readonly onDidScanRegion = this.regionDone.event;

  private choice: AccountConnectionChoice | undefined;
  private factory: AwsClientFactory | undefined;
  /** The factory's custom endpoint, resolved when it connected (it reads the shared config files). */
  private factoryEndpoint: string | undefined;
  private demo: DemoAccount | undefined;
  private lastScan: AccountScan | undefined;
  private current: { controller: AbortController; promise: Promise<AccountScan | undefined> } | undefined;
  private stateValue: SessionState = { kind: 'disconnected' };
  private readonly partial = new Map<string, RegionScan>();
  /** The context keys last sent to the workbench (each send is a round trip to the window). */
  private readonly contextKeys = new Map<string, boolean>();
  /** Bumped by every scan and connection: only the latest scan may change the state. */
  private generation = 0;

  constructor(private readonly options: AccountSessionOptions) {}

  get state(): SessionState {
    return this.stateValue;
  }
  get connection(): AccountConnectionChoice | undefined {
    return this.choice;
  }
  /** "profile dev", "default credentials" or "demo account": what the status bar and the tree header say. */
  get connectionLabel(): string {
    if (!this.choice) return 'not connected';
    if (this.choice.kind === 'demo') return 'demo account';
    return this.choice.kind === 'profile' ? `profile ${this.choice.profile}` : 'default credentials';
  }
  /** A custom endpoint when calls do not go to AWS (the demo, the setting, AWS_ENDPOINT_URL, a profile's endpoint_url). */
  get endpoint(): string | undefined {
    return this.factory ? this.factoryEndpoint : undefined;
  }
  readonly scan = (): AccountScan | undefined => this.lastScan;
  readonly clients = (): AwsClientFactory | undefined => this.factory;
  /** Regions finished so far in the running scan, for views that update while it runs. */
  regionsSoFar(): RegionScan[] {
    return [...this.partial.values()];
  }
  get scanning(): boolean {
    return this.current !== undefined;
  }

  /** Connects (replacing any previous connection) and scans. */
  async connect(choice: AccountConnectionChoice): Promise<AccountScan | undefined> {
    this.cancel();
    const generation = ++this.generation;
    this.factory?.destroy();
    this.factory = undefined;
    this.lastScan = undefined;
    this.choice = choice;
    // Connecting can take a while (the demo starts an emulator); a later connect or disconnect wins.
    const superseded = () => generation !== this.generation;
    try {
      const { factory, endpoint } = await this.createFactory(choice);
      if (superseded()) {
        factory.destroy();
        return undefined;
      }
      this.factory = factory;
      this.factoryEndpoint = endpoint;
    } catch (error) {
      if (superseded()) return undefined;
      this.options.logger.error(`Could not connect (${this.connectionLabel})`, error);
      this.setState({ kind: 'failed', error: { kind: 'other', message: `Could not connect: ${errorMessage(error)}` } });
      this.finished.fire();
      return undefined;
    }
    this.options.logger.info(`Connected: ${this.connectionLabel}${this.endpoint ? `, calls go to ${this.endpoint}` : ''}`);
    return this.refresh();
  }

  /**
   * Scans again with the current connection; a running scan is cancelled first. `quiet` (background checks
   * such as the watch) shows progress in the status bar instead of a notification.
   */
  refresh(options: { quiet?: boolean } = {}): Promise<AccountScan | undefined> {
    const factory = this.factory;
    if (!factory) return Promise.resolve(undefined);
    // Resolved once when the factory connected (it reads the shared config files), not again per scan.
    const endpoint = this.factoryEndpoint;
    this.cancel();
    const controller = new AbortController();
    const promise =
      this.options.showProgress === false
        ? this.runScan(factory, endpoint, controller)
        : Promise.resolve(
            vscode.window.withProgress(
              options.quiet
                ? { location: vscode.ProgressLocation.Window, title: 'Tagsight scan' }
                : { location: vscode.ProgressLocation.Notification, title: 'Tagsight: scanning AWS Config', cancellable: true },
              (progress, token) => {
                token.onCancellationRequested(() => controller.abort());
                return this.runScan(factory, endpoint, controller, (message, increment) => progress.report({ message, increment }));
              },
            ),
          );
    const entry = { controller, promise };
    this.current = entry;
    // Both ways, so this chain never rejects itself: the caller handles the scan's own rejection.
    const settled = () => {
      if (this.current === entry) this.current = undefined;
    };
    promise.then(settled, settled);
    return promise;
  }

  cancel(): void {
    this.current?.controller.abort();
    this.current = undefined;
  }

  disconnect(): void {
    this.cancel();
    this.generation++;
    this.factory?.destroy();
    this.factory = undefined;
    this.choice = undefined;
    this.lastScan = undefined;
    this.partial.clear();
    this.setState({ kind: 'disconnected' });
  }

  private async createFactory(choice: AccountConnectionChoice): Promise<{ factory: AwsClientFactory; endpoint: string | undefined }> {
    const settings = (this.options.settings ?? readAwsSettings)();
    let connection: AwsConnection;
    if (choice.kind === 'demo') {
      this.demo ??= await this.options.startDemo();
      connection = { endpointUrl: this.demo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } };
    } else {
      connection = { profile: choice.kind === 'profile' ? choice.profile : undefined, endpointUrl: settings.endpointUrl };
    }
    const factory = new AwsClientFactory(connection, { version: this.options.version, logger: this.options.logger });
    try {
      // Resolved here, once: a profile whose endpoint cannot be resolved fails the connect, not every view.
      return { factory, endpoint: await factory.customEndpoint('config') };
    } catch (error) {
      factory.destroy();
      throw error;
    }
  }

  private async runScan(
    factory: AwsClientFactory,
    endpoint: string | undefined,
    controller: AbortController,
    report?: (message: string, increment?: number) => void,
  ): Promise<AccountScan | undefined> {
    const settings = (this.options.settings ?? readAwsSettings)();
    const logger = this.options.logger;
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.factory === factory;
    this.partial.clear();
    this.setState({ kind: 'scanning', done: 0, total: 0 });
    let total = 0;
    try {
      const ports = await createScanPorts(factory, { readTags: createResourceTagReader(factory) });
      // The demo account is a fixed scenario: the user's regions and aggregator belong to their real account.
      const demo = this.choice?.kind === 'demo';
      const scan = await scanAccount(ports, {
        regions: demo ? [] : settings.regions,
        aggregator: demo ? undefined : settings.aggregator,
        concurrency: settings.maxConcurrentRegions,
        signal: controller.signal,
        clock: systemClock,
        profile: this.choice?.kind === 'profile' ? this.choice.profile : undefined,
        endpoint,
        onProgress: (progress) => {
          if (controller.signal.aborted || !current()) return;
          if (progress.type === 'regions') {
            total = progress.regions.length;
            report?.(`${total} regions`);
          } else if (progress.type === 'region-done') {
            this.partial.set(progress.region.region, progress.region);
            for (const error of progress.region.errors) logger.warn(`${progress.region.region}: ${error.message}`);
            report?.(`${progress.region.region}: ${progress.region.verdict.headline}`, total ? 100 / total : undefined);
            this.regionDone.fire(progress.region);
            this.setState({ kind: 'scanning', done: progress.done, total: progress.total });
          }
        },
      });
      if (!current()) return scan; // superseded while it ran: the newer scan owns the state
      if (scan.cancelled) {
        logger.info('Scan cancelled');
        this.lastScan = this.decorate(scan);
        this.setState({ kind: 'scanned' });
      } else if (scan.error) {
        logger.error(`Scan failed: ${scan.error.message}`);
        this.lastScan = this.decorate(scan);
        this.setState({ kind: 'failed', error: scan.error });
      } else {
        for (const error of scan.accountErrors) logger.warn(error.message);
        if (scan.regionSource.reason) logger.warn(scan.regionSource.reason);
        logger.info(`Scan finished: account ${scan.identity?.accountId ?? 'unknown'}, ${scan.regions.length} regions`);
        this.lastScan = this.decorate(scan);
        this.setState({ kind: 'scanned' });
      }
      this.finished.fire();
      return scan;
    } catch (error) {
      // scanAccount keeps AWS errors per region; reaching here is a bug or a broken setup, never swallowed.
      logger.error('Scan failed unexpectedly', error);
      if (current()) {
        this.setState({ kind: 'failed', error: { kind: 'other', message: errorMessage(error) } });
        this.finished.fire();
      }
      return undefined;
    }
  }

  /**
   * What the scan alone does not know but every view must agree on: whether it is the demo account, and which
   * regions the user marked unused (a setting that changes without a new scan: see unusedRegionsChanged).
   */
  private decorate(scan: AccountScan): AccountScan {
    const settings = (this.options.settings ?? readAwsSettings)();
    return { ...scan, demo: this.choice?.kind === 'demo', unusedRegions: settings.unusedRegions };
  }

  /** The unused-regions setting changed: the views regroup the last scan at once, without calling AWS. */
  unusedRegionsChanged(): void {
    if (!this.lastScan) return;
    this.lastScan = this.decorate(this.lastScan);
    this.changed.fire();
    this.finished.fire();
  }

  private setState(state: SessionState): void {
    this.stateValue = state;
    this.setContextKey('tagsight.connected', this.choice !== undefined && state.kind !== 'disconnected');
    this.setContextKey('tagsight.scanning', state.kind === 'scanning');
    this.setContextKey('tagsight.scanFailed', state.kind === 'failed');
    this.changed.fire();
  }

  /** The state changes once per scanned region; the welcome views' keys only at a scan's start and end. */
  private setContextKey(key: string, value: boolean): void {
    if (this.contextKeys.get(key) === value) return;
    this.contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    this.cancel();
    this.factory?.destroy();
    this.demo?.close().catch(logRejection(this.options.logger, 'Closing the demo emulator'));
    this.changed.dispose();
    this.finished.dispose();
    this.regionDone.dispose();
  }
}
