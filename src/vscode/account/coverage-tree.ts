import * as vscode from 'vscode';
import type { RegionScan } from '../../core/account-model';
import type { BlindSpotReport } from '../../core/blind-spot';
import { verdictRank, type CoverageLevel } from '../../core/coverage';
import { errorKindLabel } from '../../core/scan-error';
import type { AccountSession } from './account-session';
import {
  accountDescription, accountTooltip, blindSpotBuckets, blindSpotsOfScan, formatTime, formatTimeWithIso, regionDescription, regionDetails,
  regionTooltipMarkdown, type DetailNode, type RegionExtras,
} from './coverage-details';
import { errorTreeItem, messageTreeItem, type ErrorNode, type MessageNode } from '../common/status-nodes';

/**
 * The Coverage view: the account and profile at the top, then one node per region with an icon and its verdict
 * in one line (problems first), and the region's details as children. Errors are nodes with "Show log".
 * getChildren reads the session's state only: it never calls AWS, never shows a toast, never swallows an error.
 */
export type CoverageNode =
  | { readonly kind: 'account' }
  | { readonly kind: 'region'; readonly region: RegionScan }
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

/** The blind-spot check's latest report and its changes (BlindSpotsService has this shape). */
export interface BlindSpotSource {
  readonly report: BlindSpotReport | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export function sortRegions(regions: readonly RegionScan[]): RegionScan[] {
  return [...regions].sort((a, b) => verdictRank(a.verdict.kind) - verdictRank(b.verdict.kind) || a.region.localeCompare(b.region));
}

export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private blindSpots: { source: BlindSpotSource; subscription: vscode.Disposable } | undefined;
  /** Region nodes of the shown state, by region, so reveal() and getParent() hand VS Code the same objects. */
  private regionNodes = new Map<string, CoverageNode & { kind: 'region' }>();
  private readonly accountNode: CoverageNode = { kind: 'account' };

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

  getChildren(node?: CoverageNode): CoverageNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'account': return this.accountDetails();
      case 'region': return regionDetails(node.region, this.extras(node.region));
      default: return [];
    }
  }

  /** What the blind-spot check found in a region of the shown scan (nothing while a scan runs). */
  private extras(region: RegionScan): RegionExtras {
    if (this.session.state.kind !== 'scanned') return {};
    const report = blindSpotsOfScan(this.session.scan(), this.blindSpots?.source.report);
    return { blindSpots: blindSpotBuckets(report).get(region.region) };
  }

  /** Only region nodes are revealed, and they are roots. */
  getParent(): CoverageNode | undefined {
    return undefined;
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
      nodes.push({ kind: 'message', id: 'scanning', label: state.total ? `Scanning… ${state.done} of ${state.total} regions` : 'Scanning…', icon: 'loading~spin' });
    }
    if (state.kind === 'failed') {
      nodes.push({ kind: 'error', id: 'scan-failed', label: `Scan failed: ${errorKindLabel(state.error.kind)}`, error: state.error });
      return nodes;
    }
    const regions = state.kind === 'scanning' ? this.session.regionsSoFar() : scan?.regions ?? [];
    const next = new Map<string, CoverageNode & { kind: 'region' }>();
    for (const region of sortRegions(regions)) {
      const previous = this.regionNodes.get(region.region);
      next.set(region.region, previous && previous.region === region ? previous : { kind: 'region', region });
    }
    this.regionNodes = next;
    nodes.push(...next.values());
    return nodes;
  }

  private accountDetails(): CoverageNode[] {
    const scan = this.session.scan();
    const details: CoverageNode[] = [{ kind: 'detail', id: 'account:connection', label: 'Connection', description: this.session.connectionLabel, icon: 'plug' }];
    if (this.session.endpoint) details.push({ kind: 'detail', id: 'account:endpoint', label: 'Endpoint', description: `${this.session.endpoint} (not AWS)`, tooltip: `Calls go to ${this.session.endpoint}, not to AWS.`, icon: 'server' });
    if (scan?.identity?.arn) details.push({ kind: 'detail', id: 'account:identity', label: 'Identity', description: scan.identity.arn, tooltip: scan.identity.arn, icon: 'person' });
    if (scan?.regionSource.reason) details.push({ kind: 'detail', id: 'account:regions', label: 'Regions', description: 'built-in list', tooltip: scan.regionSource.reason, icon: 'warning' });
    for (const aggregator of scan?.aggregators ?? []) {
      details.push({
        kind: 'detail', id: `account:aggregator:${aggregator.name}`, label: `Aggregator ${aggregator.name}`,
        description: `${aggregator.region} · ${aggregator.organization ? 'organization' : 'accounts'} · ${aggregator.allRegions ? 'all regions' : aggregator.regions.join(', ')}`,
        icon: 'layers',
      });
    }
    if (scan) details.push({ kind: 'detail', id: 'account:time', label: 'Scanned', description: formatTime(scan.finishedAt), tooltip: `Scanned: ${formatTimeWithIso(scan.finishedAt)}`, icon: 'history' });
    for (const [index, error] of (scan?.accountErrors ?? []).entries()) {
      details.push({ kind: 'error', id: `account:error:${index}`, label: `${error.operation ?? 'Account'}: ${errorKindLabel(error.kind)}`, error });
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
        item.contextValue = `region console${region.errors.length ? ' error' : ''}`;
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
    this.changed.dispose();
  }
}
