import * as vscode from 'vscode';
import type { Prompter } from '../app/tagging/prompter';
import { errorMessage } from '../core/errors';
import { type IacChecks, accountRequirements, createIacChecks, recordedRegionsOf } from './code-checks/code-checks-feature';
import { createOutputLogger } from './common/output-logger';
import { followOrganizationsRequiredTags, type OrganizationsPolicyProbe } from './account/organizations-policy';
import { createAccountFeature, type AccountFeature } from './account/account-feature';
import { createBlindSpots, type BlindSpots } from './blind-spots/blind-spots-feature';
import { coverageMapSource, registerCoverageMap, type CoverageMapProbe } from './coverage-map/coverage-map';
import { registerExportReport } from './coverage-map/export-report';
import { registerWatch, suggestWatchOnProfile, watchScanSource, type WatchProbe } from './watch/watch-controller';
import { vscodePrompter } from './tagging/vscode-prompter';
import { TestSeams } from './test-seams';

/** What the extension returns from activate() to every other extension: nothing that changes what it does. */
export interface TagsightApi {
  readonly version: string;
  /** How long activate() took, as logged; the foundation suite prints it (figures come from runs, not asserts). */
  readonly activationMs: number;
  /**
   * When activate() returned (Date.now(), epoch ms): with the extension host's own mark of when it began loading
   * the bundle, the vsix suite measures bundle load + activate, which is what a user waits for.
   */
  readonly activatedAtEpochMs: number;
}

/**
 * What activate() returns in test mode only (`ExtensionMode.Test`, as the integration harness runs it): the
 * services the suites observe and the seams they turn (see test-seams.ts).
 */
export interface TagsightTestApi extends TagsightApi {
  /** Terraform/CloudFormation/code diagnostics, quick fixes, policy sources and the workspace check. */
  readonly iacChecks: IacChecks;
  /** The organization's tag policy (ListRequiredTags) read for the code checks when the account connects. */
  readonly organizationsPolicy: OrganizationsPolicyProbe;
  /** The account session, the Coverage and Findings tree providers, the Coverage view, the status bar (see account/account-feature.ts). */
  readonly account: Pick<AccountFeature, 'session' | 'coverageTree' | 'coverageView' | 'findingsTree' | 'statusBar'>;
  /** The blind-spot check that follows each scan (its report and state), see blind-spots/blind-spots-service.ts. */
  readonly blindSpots: BlindSpots['service'];
  /**
   * "Add Missing Tags…": `run(node)` is the command's code path (the watch calls it too); `lastResult` the last
   * outcome; `setPrompterForTests` lets integration tests answer the prompts (the user answers while unset);
   * `progressShown` whether its progress notification is up.
   */
  readonly addMissingTags: Pick<BlindSpots['addMissingTags'], 'run' | 'lastResult' | 'progressShown'> & {
    setPrompterForTests(prompter: Prompter | undefined): void;
  };
  /** The coverage map panel: the HTML it set, whether its script ran, the regions it asked to reveal. */
  readonly coverageMap: CoverageMapProbe;
  /**
   * The background watch (`tagsight.watch.intervalMinutes`): its state, checks and notifications;
   * `setIntervalMsForTests` paces it faster than the product's floor of a minute (undefined: the setting's pace).
   */
  readonly watch: WatchProbe & { setIntervalMsForTests(intervalMs: number | undefined): void };
}

/**
 * Composition root: builds every service once, registers it with its single owner (the context's
 * subscriptions) and returns quickly. Long work (scans, workspace checks) starts in the background.
 */
export async function activate(context: vscode.ExtensionContext): Promise<TagsightApi | TagsightTestApi> {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Tagsight', { log: true });
  context.subscriptions.push(channel);
  const logger = createOutputLogger(channel);
  // Registered before anything can fail, so that the log stays one command away when activation fails.
  context.subscriptions.push(vscode.commands.registerCommand('tagsight.openLog', () => channel.show(true)));
  try {
    const seams = context.extensionMode === vscode.ExtensionMode.Test ? new TestSeams() : undefined;
    const iacChecks = createIacChecks(logger, {
      extensionUri: context.extensionUri,
      version: String(context.extension.packageJSON.version),
      ...(context.storageUri ? { storage: context.storageUri } : {}),
    });
    context.subscriptions.push(iacChecks);
    const account = createAccountFeature(context, logger);
    context.subscriptions.push(account);
    // The account's REQUIRED_TAGS rules join the code checks' policy (after the policy file and the setting).
    context.subscriptions.push(
      account.session.onDidChange(() => iacChecks.setAccountRequirements(accountRequirements(account.session.scan()))),
    );
    // Then the organization's tag policy, read when the session connects or refreshes.
    const organizationsPolicy = followOrganizationsRequiredTags(
      account.session,
      (requirements) => iacChecks.setOrganizationsRequirements(requirements),
      logger,
    );
    context.subscriptions.push(organizationsPolicy);
    // Whether the calling region of a CreateBucket call has a recorder (the region-mismatch diagnostics say so).
    context.subscriptions.push(account.session.onDidChange(() => iacChecks.setRecordedRegions(recordedRegionsOf(account.session.scan()))));
    // Blind spots follow each scan and show as a group of the Findings view; "Add Missing Tags…" lives there too.
    const blindSpots = createBlindSpots(
      logger,
      account.session,
      () => iacChecks.policy().requirements,
      seams?.prompter ?? (() => vscodePrompter),
    );
    context.subscriptions.push(blindSpots, account.findingsTree.registerSection('blind-spots', blindSpots.section));
    // The Coverage view and the status bar count them per region and in all.
    account.coverageTree.followBlindSpots(blindSpots.service);
    // Regions the workspace's code targets come before quiet regions there.
    account.coverageTree.followTargetedRegions({
      regions: () => iacChecks.diagnostics.targetedRegions(),
      onDidChange: iacChecks.diagnostics.onDidUpdate,
    });
    account.statusBar.followBlindSpots(blindSpots.service);
    // The map and the exported report show the latest scan with its blind spots; the watch re-checks both.
    const mapSource = coverageMapSource(account.session, blindSpots.service);
    const coverageMap = registerCoverageMap(context, mapSource, logger);
    registerExportReport(context, mapSource, logger);
    const watch = registerWatch(context, watchScanSource(account.session, blindSpots), logger, {
      intervalMsForTests: seams?.watchIntervalMs,
    });
    context.subscriptions.push(suggestWatchOnProfile(context, account.session, account.onDidLookAtResults, logger));
    // Measured because activation blocks the editor features that wait for it: anything slow belongs in the background.
    const activationMs = Math.round(performance.now() - started);
    logger.info(`Tagsight ${context.extension.packageJSON.version} activated in ${activationMs} ms`);
    const api: TagsightApi = { version: String(context.extension.packageJSON.version), activationMs, activatedAtEpochMs: Date.now() };
    if (!seams) return api;
    const addMissingTags = blindSpots.addMissingTags;
    const testApi: TagsightTestApi = {
      ...api,
      iacChecks,
      organizationsPolicy,
      account,
      blindSpots: blindSpots.service,
      addMissingTags: {
        run: (argument) => addMissingTags.run(argument),
        get lastResult() {
          return addMissingTags.lastResult;
        },
        get progressShown() {
          return addMissingTags.progressShown;
        },
        setPrompterForTests: (prompter) => seams.setPrompter(prompter),
      },
      coverageMap,
      watch: {
        state: () => watch.state(),
        notified: () => watch.notified(),
        outcomes: () => watch.outcomes(),
        setIntervalMsForTests: (intervalMs) => seams.setWatchIntervalMs(intervalMs),
      },
    };
    return testApi;
  } catch (error) {
    // VS Code shows nothing when activation fails; the user must learn that Tagsight is not running, and why.
    logger.error('Activation failed', error);
    void vscode.window
      .showErrorMessage(`Tagsight failed to start: ${errorMessage(error)}`, 'Open Log')
      .then((choice) => choice && channel.show(true));
    throw error;
  }
}

export function deactivate(): void {}
