import * as vscode from 'vscode';
import type { AccountScan } from '../../core/account-model';
import { TagsightError, errorMessage } from '../../core/errors';
import { logRejection, type Logger } from '../../core/logger';
import { Watch, type WatchFinding, type WatchOutcome, type WatchSnapshot } from '../../core/watch';
import { watchSnapshot } from '../../core/watch-findings';
import type { BlindSpots } from '../blind-spots/blind-spots-feature';
import { readSettings, writeUserSetting } from '../common/settings';

/**
 * The watch in the editor: `tagsight.watch.intervalMinutes` (0 = off) re-checks the connected account in the
 * background and shows a notification per new blind spot or non-compliant resource, with "Show" and
 * "Add Missing Tags…". The scheduling rules (baseline, no overlap, backoff, pause when unfocused) live in
 * src/core/watch.ts; this file wires settings, focus and notifications.
 */
export interface WatchScanSource {
  /**
   * The connected account's identity (compared by reference), or undefined when none is connected. The watch
   * runs only while there is one, and starts afresh when it changes: another account's findings are not new.
   */
  connection(): object | undefined;
  readonly onDidChangeConnection: vscode.Event<void>;
  /**
   * One background check of the connected account (also refreshing the views), as a snapshot. A `baseline`
   * check may take the scan the views already show: it notifies nothing, so scanning again would only repeat
   * the calls of the scan that just finished.
   */
  scan(signal: AbortSignal, options?: { readonly baseline?: boolean }): Promise<WatchSnapshot>;
}

/** The account session as the watch uses it (AccountSession satisfies it). */
export interface WatchedSession {
  /** The client factory of the connection; a new one per connect. */
  clients(): object | undefined;
  scan(): AccountScan | undefined;
  readonly scanning: boolean;
  readonly connection: { readonly kind: string } | undefined;
  readonly onDidFinishScan: vscode.Event<void>;
  /** `quiet`: progress in the status bar, not a notification, for background checks. */
  refresh(options?: { quiet?: boolean }): Promise<unknown>;
}

/**
 * A watch check is a refresh of the session (so the views show what the notification announces) followed by the
 * blind-spot check the refresh triggers; a scan the user started is joined, never cancelled. A scan that stopped
 * (expired credentials, no network) is a failure, which the watch backs off from.
 */
export function watchScanSource(session: WatchedSession, blindSpots: Pick<BlindSpots, 'settled' | 'service'>): WatchScanSource {
  return {
    connection: () => session.clients(),
    onDidChangeConnection: session.onDidFinishScan,
    scan: async (signal, { baseline = false } = {}) => {
      const shown = session.scan();
      const reusable = baseline && shown !== undefined && !shown.error && !shown.cancelled;
      if (session.scanning) await nextEvent(session.onDidFinishScan, signal);
      else if (!reusable) await session.refresh({ quiet: true });
      await blindSpots.settled();
      if (signal.aborted) throw new TagsightError('cancelled', 'The watch stopped');
      const scan = session.scan();
      if (!scan) throw new TagsightError('no-scan', 'No account is connected');
      if (scan.error) throw new TagsightError(scan.error.kind, scan.error.message);
      if (scan.cancelled) throw new TagsightError('cancelled', 'The scan was cancelled');
      return watchSnapshot(scan, blindSpots.service.report);
    },
  };
}

function nextEvent(event: vscode.Event<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      subscription.dispose();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const subscription = event(done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Offers the watch (once ever) for a chosen profile, not for the demo, and not before the user has seen anything:
 * only once a scan succeeded AND the user then looked at its results (expanded or selected a node in the
 * Coverage or Findings view). A prompt over an empty window asks for a decision nobody can make yet.
 */
export function suggestWatchOnProfile(
  context: vscode.ExtensionContext,
  session: WatchedSession,
  lookedAtResults: vscode.Event<void>,
  logger: Logger,
): vscode.Disposable {
  let scanned = false;
  const subscriptions = [
    session.onDidFinishScan(() => {
      const scan = session.scan();
      scanned = session.connection?.kind === 'profile' && scan !== undefined && !scan.error && !scan.cancelled;
    }),
    lookedAtResults(() => {
      if (!scanned || context.globalState.get<boolean>(SUGGESTED_KEY)) return;
      suggestWatchOnce(context).catch(logRejection(logger, 'Offering the watch'));
    }),
  ];
  return vscode.Disposable.from(...subscriptions);
}

/** What integration tests read through the TagsightApi. */
export interface WatchProbe {
  state(): string;
  /** Every finding notified so far, in order. */
  notified(): readonly WatchFinding[];
  outcomes(): readonly WatchOutcome[];
}

const SETTING = 'tagsight.watch.intervalMinutes';
const SUGGESTED_KEY = 'tagsight.watch.suggested';
const SUGGESTED_MINUTES = 10;
/** Beyond this many new findings at once, one summary toast instead of one each. */
const MAX_TOASTS_PER_SCAN = 3;
const ADD_MISSING_TAGS = 'Add Missing Tags…';

export interface WatchControllerOptions {
  /**
   * Test mode only: the interval to use instead of the setting's (which still turns the watch on and off), so
   * integration tests watch every few seconds while the product never polls faster than once a minute.
   */
  readonly intervalMsForTests?: () => number | undefined;
}

export class WatchController implements vscode.Disposable, WatchProbe {
  private watch: Watch | undefined;
  /** The connection the running watch took its baseline from. */
  private watchedConnection: object | undefined;
  private readonly notifiedFindings: WatchFinding[] = [];
  private readonly scanOutcomes: WatchOutcome[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly source: WatchScanSource,
    private readonly logger: Logger,
    private readonly options: WatchControllerOptions = {},
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTING)) this.apply();
      }),
      source.onDidChangeConnection(() => this.apply()),
      vscode.window.onDidChangeWindowState((state) => this.watch?.setFocused(state.focused)),
    );
    this.apply();
  }

  state(): string {
    return this.watch?.currentState ?? 'off';
  }

  notified(): readonly WatchFinding[] {
    return this.notifiedFindings;
  }

  outcomes(): readonly WatchOutcome[] {
    return this.scanOutcomes;
  }

  /** Starts, stops or re-paces the watch to match the setting and the connection. */
  private apply(): void {
    const settingMs = readSettings().watchIntervalMs;
    const intervalMs = settingMs === undefined ? undefined : (this.options.intervalMsForTests?.() ?? settingMs);
    const connection = this.source.connection();
    if (intervalMs === undefined || !connection || (this.watch && connection !== this.watchedConnection)) {
      if (this.watch) this.logger.info(connection && intervalMs !== undefined ? 'Watch restarted for the new connection' : 'Watch stopped');
      this.watch?.stop();
      this.watch = undefined;
      if (intervalMs === undefined || !connection) return;
    }
    if (this.watch) {
      // Every finished scan lands here too; the watch ignores an unchanged interval.
      this.watch.setIntervalMs(intervalMs);
      return;
    }
    this.logger.info(`Watch started: every ${intervalMs / 60_000} min`);
    this.watchedConnection = connection;
    let checks = 0;
    this.watch = new Watch({
      intervalMs,
      scan: (signal) => this.source.scan(signal, { baseline: checks++ === 0 }),
      notify: (findings) => this.notify(findings),
      onObserverError: logRejection(this.logger, 'Watch: reporting a check'),
      onScanSettled: (outcome) => {
        this.scanOutcomes.push(outcome);
        if (outcome.ok)
          this.logger.debug(`Watch: ${outcome.newFindings.length} new, next check in ${Math.round(outcome.nextDelayMs / 1000)} s`);
        else this.logger.warn(`Watch: check failed (${outcome.error}); next in ${Math.round(outcome.nextDelayMs / 1000)} s`);
      },
    });
    this.watch.setFocused(vscode.window.state.focused);
    this.watch.start();
  }

  private notify(findings: readonly WatchFinding[]): void {
    this.notifiedFindings.push(...findings);
    for (const finding of findings) this.logger.info(`Watch: ${finding.message}`);
    if (findings.length > MAX_TOASTS_PER_SCAN) {
      const names = findings
        .slice(0, MAX_TOASTS_PER_SCAN)
        .map((finding) => finding.resource)
        .join(', ');
      void vscode.window
        .showWarningMessage(`Tagsight watch: ${findings.length} new findings (${names}, …).`, 'Show')
        .then((choice) => choice && showFindings());
      return;
    }
    for (const finding of findings) this.toast(finding).catch(logRejection(this.logger, 'Watch notification'));
  }

  private async toast(finding: WatchFinding): Promise<void> {
    const actions = finding.taggable ? ['Show', ADD_MISSING_TAGS] : ['Show'];
    const choice = await vscode.window.showWarningMessage(finding.message, ...actions);
    try {
      if (choice === 'Show') await showFindings();
      if (choice === ADD_MISSING_TAGS) await vscode.commands.executeCommand('tagsight.addMissingTags', addMissingTagsTarget(finding));
    } catch (error) {
      this.logger.error(`Watch: "${choice}" failed`, error);
      void vscode.window.showErrorMessage(`Tagsight: "${choice}" failed: ${errorMessage(error)}`);
    }
  }

  dispose(): void {
    this.watch?.stop();
    this.watch = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** The argument `tagsight.addMissingTags` receives from a watch notification. */
export function addMissingTagsTarget(finding: WatchFinding): { region: string; resourceType: string; resourceId: string } {
  return { region: finding.region, resourceType: finding.resourceType, resourceId: finding.resource };
}

async function showFindings(): Promise<void> {
  await vscode.commands.executeCommand('tagsight.findings.focus');
}

/**
 * Once ever (remembered in globalState): when a profile is first chosen and the watch is off, offer to watch
 * every 10 minutes. Call it when the user picks a profile.
 */
export async function suggestWatchOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.globalState.get<boolean>(SUGGESTED_KEY)) return;
  const watching = readSettings().watchIntervalMs !== undefined;
  await context.globalState.update(SUGGESTED_KEY, true);
  if (watching) return;
  const accept = `Watch Every ${SUGGESTED_MINUTES} Minutes`;
  const choice = await vscode.window.showInformationMessage(
    `Tagsight can re-check this account every ${SUGGESTED_MINUTES} minutes and tell you of each new blind spot or untagged resource.`,
    accept,
    'Not Now',
  );
  if (choice === accept) {
    await writeUserSetting('watch.intervalMinutes', SUGGESTED_MINUTES);
  }
}

/** Creates the watch controller and ties its life to the extension's. */
export function registerWatch(
  context: vscode.ExtensionContext,
  source: WatchScanSource,
  logger: Logger,
  options: WatchControllerOptions = {},
): WatchController {
  const controller = new WatchController(source, logger, options);
  context.subscriptions.push(controller);
  return controller;
}
