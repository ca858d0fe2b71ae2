import * as vscode from 'vscode';
import { consoleUrl } from '../../core/account-model';
import { logRejection, type Logger } from '../../core/logger';
import { isRegionCode } from '../../core/regions';
import { AccountSession, type AccountConnectionChoice } from './account-session';
import { CoverageTreeProvider, regionOfNode, type CoverageNode } from './coverage-tree';
import { FindingsTreeProvider } from './findings-tree';
import { connectFailedMessage } from './profile-choices';
import { pickConnection, pickRegions } from './profile-picker';
import { readAwsSettings, affectsAwsConnection, writeUserSetting } from '../common/settings';
import { AccountStatusBar } from './status-bar';

/**
 * The account feature: the session, the Coverage and Findings views, the status bar and their commands
 * (refresh, select profile, select regions, use the demo account, copy ARN, open in console, reveal region).
 * One owner, the returned disposable, for all of it.
 */
export interface AccountFeature extends vscode.Disposable {
  readonly session: AccountSession;
  readonly coverageTree: CoverageTreeProvider;
  /** The Coverage view itself: what it shows selected (tagsight.revealRegion selects a region there). */
  readonly coverageView: vscode.TreeView<CoverageNode>;
  readonly findingsTree: FindingsTreeProvider;
  readonly statusBar: AccountStatusBar;
  /** Fires when the user expands or selects a node of the Coverage or Findings view: they are reading results. */
  readonly onDidLookAtResults: vscode.Event<void>;
}

/** Node commands get tree elements; these are the shapes that carry a resource, a region or a rule. */
function resourceOf(
  node: unknown,
): { region: string; resourceType?: string; resourceId?: string; arn?: string; ruleName?: string } | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (record.kind === 'region' && typeof record.region === 'object' && record.region !== null) {
    return { region: String((record.region as { region: string }).region) };
  }
  if (typeof record.region !== 'string') return undefined;
  return {
    region: record.region,
    resourceType: typeof record.resourceType === 'string' ? record.resourceType : undefined,
    resourceId: typeof record.resourceId === 'string' ? record.resourceId : undefined,
    arn: typeof record.arn === 'string' ? record.arn : undefined,
    ruleName: typeof record.ruleName === 'string' ? record.ruleName : undefined,
  };
}

/**
 * The local emulator, loaded when the demo is chosen and never at activation: its control API is
 * unauthenticated. esbuild.js turns this require into one of dist/emulator.js, a bundle of its own.
 */
function loadEmulator(): typeof import('../../emulator') {
  return require('../../emulator') as typeof import('../../emulator');
}

export function createAccountFeature(context: vscode.ExtensionContext, logger: Logger): AccountFeature {
  const version = String(context.extension.packageJSON.version);
  const session = new AccountSession({
    logger,
    version,
    // The demo runs the emulator inside the extension host: an explicit user action, never a workspace redirect.
    startDemo: () => loadEmulator().startEmulator({ scenario: 'incident', logger }),
  });
  const coverageTree = new CoverageTreeProvider(session);
  const findingsTree = new FindingsTreeProvider(session);
  const coverageView = vscode.window.createTreeView<CoverageNode>('tagsight.coverage', {
    treeDataProvider: coverageTree,
    showCollapseAll: true,
  });
  const findingsView = vscode.window.createTreeView('tagsight.findings', { treeDataProvider: findingsTree, showCollapseAll: true });
  const statusBar = new AccountStatusBar(session);
  const lookedAt = new vscode.EventEmitter<void>();
  const fireLookedAt = () => lookedAt.fire();
  void vscode.commands.executeCommand('setContext', 'tagsight.connected', false);

  /**
   * Connects to what the user just chose. A failure shows in the views and the status bar, but the user acted
   * and waits for an answer: it also gets a notification, with the log one click away.
   */
  async function connectChosen(choice: AccountConnectionChoice) {
    const scan = await session.connect(choice);
    const state = session.state;
    if (state.kind === 'failed' && session.connection === choice) {
      void vscode.window
        .showErrorMessage(connectFailedMessage(session.connectionLabel, state.error), 'Show Log')
        .then((action) => action && vscode.commands.executeCommand('tagsight.openLog'));
    }
    return scan;
  }

  const disposables: vscode.Disposable[] = [
    coverageView,
    findingsView,
    vscode.commands.registerCommand('tagsight.refresh', async () => {
      if (session.connection) return session.refresh();
      const choice = await pickConnection(logger);
      return choice ? connectChosen(choice) : undefined;
    }),
    vscode.commands.registerCommand('tagsight.selectProfile', async () => {
      const choice = await pickConnection(logger, session.connection);
      if (!choice) return undefined;
      const scan = connectChosen(choice);
      // The choice is remembered in the user's settings (never a workspace's) and reconnects next time.
      if (choice.kind !== 'demo') {
        await writeUserSetting('aws.profile', choice.kind === 'profile' ? choice.profile : '');
      }
      return scan;
    }),
    vscode.commands.registerCommand('tagsight.useDemoAccount', () => connectChosen({ kind: 'demo' })),
    vscode.commands.registerCommand('tagsight.selectRegions', async () => {
      const known = session.scan()?.regions.map((region) => region.region) ?? [];
      const picked = await pickRegions(readAwsSettings().regions, known);
      if (!picked) return;
      // User scope: the regions, like the profile, are the user's choice, never a workspace's.
      await writeUserSetting('aws.regions', picked);
    }),
    vscode.commands.registerCommand('tagsight.copyArn', async (node: unknown) => {
      const arn = resourceOf(node)?.arn;
      if (!arn) {
        void vscode.window.showWarningMessage('This item has no ARN to copy.');
        return;
      }
      await vscode.env.clipboard.writeText(arn);
      vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
    }),
    vscode.commands.registerCommand('tagsight.openInConsole', async (node: unknown) => {
      const target = resourceOf(node);
      if (!target || !isRegionCode(target.region)) {
        void vscode.window.showWarningMessage('This item has no AWS console page.');
        return;
      }
      const url =
        target.ruleName && !target.resourceId
          ? `https://${target.region}.console.aws.amazon.com/config/home?region=${target.region}#/rules/details?configRuleName=${encodeURIComponent(target.ruleName)}`
          : consoleUrl(target.resourceType, target.resourceId, target.region);
      if (session.endpoint)
        logger.info(`Opening the AWS console, although calls go to ${session.endpoint}: the console shows the real account.`);
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.commands.registerCommand('tagsight.revealRegion', async (region: unknown) => {
      if (typeof region !== 'string') return;
      const node = coverageTree.regionNode(region);
      if (!node) {
        void vscode.window.showInformationMessage(`${region} is not in the last scan.`);
        return;
      }
      await coverageView.reveal(node, { select: true, focus: true, expand: true });
    }),
    vscode.commands.registerCommand('tagsight.markRegionUnused', (node: unknown) => setRegionUnused(node, true)),
    vscode.commands.registerCommand('tagsight.markRegionUsed', (node: unknown) => setRegionUnused(node, false)),
    lookedAt,
    coverageView.onDidExpandElement(fireLookedAt),
    coverageView.onDidChangeSelection(fireLookedAt),
    findingsView.onDidExpandElement(fireLookedAt),
    findingsView.onDidChangeSelection(fireLookedAt),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Marking regions unused regroups the views; it needs no new scan.
      if (event.affectsConfiguration('tagsight.aws.unusedRegions')) {
        session.unusedRegionsChanged();
        return;
      }
      // A changed endpoint or profile needs a new connection; regions, concurrency or aggregator only a new scan.
      if (!affectsAwsConnection(event) || !session.connection) return;
      if (event.affectsConfiguration('tagsight.aws.profile')) {
        const profile = readAwsSettings().profile;
        const current = session.connection;
        const already = profile ? current.kind === 'profile' && current.profile === profile : current.kind === 'default-chain';
        if (!already && current.kind !== 'demo')
          session
            .connect(profile ? { kind: 'profile', profile } : { kind: 'default-chain' })
            .catch(logRejection(logger, 'Connecting to the changed profile'));
      } else if (event.affectsConfiguration('tagsight.aws.endpointUrl'))
        session.connect(session.connection).catch(logRejection(logger, 'Reconnecting to the changed endpoint'));
      else session.refresh().catch(logRejection(logger, 'Scanning after a settings change'));
    }),
  ];

  /** Adds or removes a region in the user's tagsight.aws.unusedRegions (user settings: it is the user's account). */
  async function setRegionUnused(node: unknown, unused: boolean): Promise<void> {
    const region = regionOfNode(node);
    if (!region) return;
    const current = new Set(readAwsSettings().unusedRegions);
    if (unused) current.add(region);
    else current.delete(region);
    await writeUserSetting('aws.unusedRegions', [...current].sort());
  }

  // An explicit profile in the user's settings is a standing choice: connect to it at startup.
  const configured = readAwsSettings().profile;
  if (configured)
    session.connect({ kind: 'profile', profile: configured }).catch(logRejection(logger, `Connecting to profile ${configured} at startup`));

  return {
    session,
    coverageTree,
    coverageView,
    findingsTree,
    statusBar,
    onDidLookAtResults: lookedAt.event,
    dispose() {
      for (const disposable of disposables) disposable.dispose();
      statusBar.dispose();
      coverageTree.dispose();
      findingsTree.dispose();
      session.dispose();
    },
  };
}
