import * as vscode from 'vscode';
import type { AccountScan, RegionScan } from '../../core/account-model';
import type { BlindSpotReport } from '../../core/blind-spot';
import type { CoverageLevel } from '../../core/coverage';
import { groupRegionsByRelevance, relevanceOfBlindSpots, type QuietGroup, type RegionEntry } from '../../core/region-relevance';
import { foundText } from '../../report/account-summary';
import { errorKindLabel } from '../../core/scan-error';
import type { AccountSession } from './account-session';
import {
  accountDescription,
  accountTooltip,
  blindSpotBuckets,
  blindSpotsOfScan,
  formatTime,
  formatTimeWithIso,
  regionDescription,
  regionDetails,
  regionTooltipMarkdown,
  type DetailNode,
  type RegionExtras,
} from './coverage-details';
import { errorTreeItem, messageTreeItem, type ErrorNode, type MessageNode } from '../common/status-nodes';

/**
 * The Coverage view: the account and profile at the top, then one node per region with an icon and its verdict
 * in one line (problems first), and the region's details as children. Errors are nodes with "Show log".
 * getChildren reads the session's state only: it never calls AWS, never shows a toast, never swallows an error.
 */
export type CoverageNode =
  | { readonly kind: 'account' }
  | { readonly kind: 'region'; readonly region: RegionScan; readonly group?: QuietNode }
  | QuietNode
  | DetailNode
  | ErrorNode
  | MessageNode;

const LEVEL_ICON: Readonly<Record<CoverageLevel, [string, string | undefined]>> = {
  ok: ['pass', 'testing.iconPassed'],
  warning: ['warning', 'list.warningForeground'],
  problem: ['error', 'list.errorForeground'],
  unknown: ['question', undefined],
  inactive: ['circle-slash', 'disabledForeground'],
};

/** Regions folded into one line ("14 regions: no recorder, nothing found"), expanded on demand. */
export interface QuietNode {
  readonly kind: 'quiet';
  readonly group: QuietGroup;
  readonly regions: Array<CoverageNode & { kind: 'region' }>;
}

/** The region a command was invoked on: a tree node, or a region code from a test or a link. */
export function regionOfNode(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  const region = (node as { kind?: string; region?: RegionScan } | undefined)?.region;
  return (node as { kind?: string })?.kind === 'region' && region ? region.region : undefined;
}

export interface TargetedRegionSource {
  regions(): ReadonlySet<string>;
  readonly onDidChange: vscode.Event<unknown>;
}

/** The blind-spot check's latest report and its changes (BlindSpotsService has this shape). */
export interface BlindSpotSource {
  readonly report: BlindSpotReport | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private blindSpots: { source: BlindSpotSource; subscription: vscode.Disposable } | undefined;
  private targeted: { source: TargetedRegionSource; subscription: vscode.Disposable } | undefined;
  /** Region nodes of the shown state, by region, so reveal() and getParent() hand VS Code the same objects. */
  private regionNodes = new Map<string, CoverageNode & { kind: 'region' }>();
  private readonly accountNode: CoverageNode = { kind: 'account' };
  /** What each region of the shown state holds, as region-relevance.ts counts it. */
  private entries = new Map<string, RegionEntry>();

  constructor(private readonly session: AccountSession) {
    this.subscription = session.onDidChange(() => this.changed.fire(undefined));
  }

  /**
   * Shows each region's blind spots (buckets Config has not discovered) beside its verdict. The check runs after
   * the scan, so it is followed here rather than passed in: the tree exists before it.
   */
  followBlindSpots(source: BlindSpotSource): void {
    this.blindSpots?.subscription.dispose();
    this.blindSpots = { source, subscription: source.onDidChange(() => this.changed.fire(undefined)) };
  }

  /** Regions the workspace's code targets (CodeDiagnostics has this shape): listed before quiet regions. */
  followTargetedRegions(source: TargetedRegionSource): void {
    this.targeted?.subscription.dispose();
    // Files update one by one during a workspace pass: the view changes only when the set of regions does.
    let last = [...source.regions()].sort().join(',');
    this.targeted = {
      source,
      subscription: source.onDidChange(() => {
        const now = [...source.regions()].sort().join(',');
        if (now === last) return;
        last = now;
        this.changed.fire(undefined);
      }),
    };
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'account':
        return this.accountDetails();
      case 'region':
        return regionDetails(node.region, this.extras(node.region));
      case 'quiet':
        return node.regions;
      default:
        return [];
    }
  }

  /** What the blind-spot check found in a region of the shown scan (nothing while a scan runs). */
  private extras(region: RegionScan): RegionExtras {
    const entry = this.entries.get(region.region);
    const found = entry ? foundText(entry) : undefined;
    if (this.session.state.kind !== 'scanned') return { found };
    const report = blindSpotsOfScan(this.session.scan(), this.blindSpots?.source.report);
    return { blindSpots: blindSpotBuckets(report).get(region.region), found };
  }

  /** Only region nodes are revealed: roots, or children of their folded group. */
  getParent(node: CoverageNode): CoverageNode | undefined {
    return node.kind === 'region' ? node.group : undefined;
  }

  /** The node of a region in the current tree (for tagsight.revealRegion). */
  regionNode(region: string): CoverageNode | undefined {
    this.roots();
    return this.regionNodes.get(region);
  }

  private roots(): CoverageNode[] {
    const state = this.session.state;
    if (state.kind === 'disconnected') return []; // the welcome view explains what to do
    const scan = this.session.scan();
    const nodes: CoverageNode[] = [this.accountNode];
    if (state.kind === 'scanning') {
      nodes.push({
        kind: 'message',
        id: 'scanning',
        label: state.total ? `Scanning… ${state.done} of ${state.total} regions` : 'Scanning…',
        icon: 'loading~spin',
      });
    }
    if (state.kind === 'failed') {
      nodes.push({ kind: 'error', id: 'scan-failed', label: `Scan failed: ${errorKindLabel(state.error.kind)}`, error: state.error });
      return nodes;
    }
    const regions = state.kind === 'scanning' ? this.session.regionsSoFar() : (scan?.regions ?? []);
    // One order for every surface (region-relevance.ts): what needs action first, quiet regions folded.
    const report = state.kind === 'scanned' ? blindSpotsOfScan(scan, this.blindSpots?.source.report) : undefined;
    const groups = groupRegionsByRelevance(
      { ...(scan ?? EMPTY_SCAN), regions },
      { ...relevanceOfBlindSpots(report), targetedRegions: this.targeted?.source.regions() },
    );
    const next = new Map<string, CoverageNode & { kind: 'region' }>();
    const regionNode = (region: RegionScan, group?: QuietNode) => {
      const previous = this.regionNodes.get(region.region);
      const node =
        previous && previous.region === region && previous.group?.group.kind === group?.group.kind
          ? previous
          : { kind: 'region' as const, region, group };
      next.set(region.region, node);
      return node;
    };
    for (const entry of groups.shown) nodes.push(regionNode(entry.scan));
    for (const group of groups.quiet) {
      const quiet: QuietNode = { kind: 'quiet', group, regions: [] };
      for (const entry of group.regions) quiet.regions.push(regionNode(entry.scan, quiet));
      nodes.push(quiet);
    }
    this.regionNodes = next;
    this.entries = new Map([...groups.shown, ...groups.quiet.flatMap((group) => group.regions)].map((entry) => [entry.scan.region, entry]));
    return nodes;
  }

  private accountDetails(): CoverageNode[] {
    const scan = this.session.scan();
    const details: CoverageNode[] = [
      { kind: 'detail', id: 'account:connection', label: 'Connection', description: this.session.connectionLabel, icon: 'plug' },
    ];
    if (this.session.endpoint)
      details.push({
        kind: 'detail',
        id: 'account:endpoint',
        label: 'Endpoint',
        description: `${this.session.endpoint} (not AWS)`,
        tooltip: `Calls go to ${this.session.endpoint}, not to AWS.`,
        icon: 'server',
      });
    if (scan?.identity?.arn)
      details.push({
        kind: 'detail',
        id: 'account:identity',
        label: 'Identity',
        description: scan.identity.arn,
        tooltip: scan.identity.arn,
        icon: 'person',
      });
    if (scan?.regionSource.reason)
      details.push({
        kind: 'detail',
        id: 'account:regions',
        label: 'Regions',
        description: 'built-in list',
        tooltip: scan.regionSource.reason,
        icon: 'warning',
      });
    for (const aggregator of scan?.aggregators ?? []) {
      details.push({
        kind: 'detail',
        id: `account:aggregator:${aggregator.name}`,
        label: `Aggregator ${aggregator.name}`,
        description: `${aggregator.region} · ${aggregator.organization ? 'organization' : 'accounts'} · ${aggregator.allRegions ? 'all regions' : aggregator.regions.join(', ')}`,
        icon: 'layers',
      });
    }
    if (scan)
      details.push({
        kind: 'detail',
        id: 'account:time',
        label: 'Scanned',
        description: formatTime(scan.finishedAt),
        tooltip: `Scanned: ${formatTimeWithIso(scan.finishedAt)}`,
        icon: 'history',
      });
    for (const [index, error] of (scan?.accountErrors ?? []).entries()) {
      details.push({
        kind: 'error',
        id: `account:error:${index}`,
        label: `${error.operation ?? 'Account'}: ${errorKindLabel(error.kind)}`,
        error,
      });
    }
    return details;
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    switch (node.kind) {
      case 'account': {
        const scan = this.session.scan();
        const account = scan?.identity?.accountId ?? (this.session.scanning ? '…' : 'unknown');
        const item = new vscode.TreeItem(`Account ${account}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'tagsight.coverage.account';
        item.description = accountDescription(this.session.connectionLabel, this.session.endpoint);
        item.tooltip = accountTooltip(this.session.connectionLabel, this.session.endpoint);
        item.iconPath = new vscode.ThemeIcon('account');
        item.contextValue = 'account';
        return item;
      }
      case 'region': {
        const region = node.region;
        const item = new vscode.TreeItem(region.region, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `tagsight.coverage.region:${region.region}`;
        const extras = this.extras(region);
        item.description = regionDescription(region, extras);
        item.tooltip = new vscode.MarkdownString(regionTooltipMarkdown(region, extras));
        const [icon, color] = LEVEL_ICON[region.verdict.level];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        const unused = this.session.scan()?.unusedRegions?.includes(region.region) ?? false;
        item.contextValue = `region console${region.errors.length ? ' error' : ''}${unused ? ' unused' : ' used'}`;
        return item;
      }
      case 'quiet': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `tagsight.coverage.quiet:${node.group.kind}`;
        item.description = node.group.regions.map((entry) => entry.scan.region).join(', ');
        item.tooltip = quietTooltip(node.group);
        const [icon, color] = LEVEL_ICON[node.group.level];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.contextValue = 'quietRegions';
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `tagsight.coverage.detail:${node.id}`;
        item.description = node.description;
        item.tooltip = node.tooltip ?? (node.description ? `${node.label}: ${node.description}` : node.label);
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'error':
        return errorTreeItem('coverage', node);
      case 'message':
        return messageTreeItem('coverage', node);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.blindSpots?.subscription.dispose();
    this.targeted?.subscription.dispose();
    this.changed.dispose();
  }
}

const EMPTY_SCAN: AccountScan = {
  startedAt: '',
  finishedAt: '',
  regionSource: { kind: 'account-api' },
  regions: [],
  aggregators: [],
  accountErrors: [],
  cancelled: false,
};

function quietTooltip(group: QuietGroup): string {
  const why: Record<QuietGroup['kind'], string> = {
    'not-recorded':
      'No Config recorder runs here and nothing was found here. A resource created through these regions goes unseen: mark the ones you never use as unused (context menu).',
    unused: 'You marked these regions unused (tagsight.aws.unusedRegions) and nothing was found here.',
    disabled: 'Not enabled for this account: nothing can be created here, and Tagsight does not call them.',
  };
  return `${group.label}\n\n${why[group.kind]}`;
}
