import * as vscode from 'vscode';
import type { Recorder, RegionScan } from '../core/account-scan';
import { isActive, verdictRank, type CoverageLevel } from '../core/coverage';
import { regionDisplayName } from '../core/regions';
import { errorKindLabel } from '../core/scan-error';
import type { AccountSession } from './account-session';
import { errorTreeItem, messageTreeItem, type ErrorNode, type MessageNode } from './status-nodes';

/**
 * The Coverage view: the account and profile at the top, then one node per region with an icon and its verdict
 * in one line (problems first), and the region's details as children. Errors are nodes with "Show log".
 * getChildren reads the session's state only: it never calls AWS, never shows a toast, never swallows an error.
 */
export type CoverageNode =
  | { readonly kind: 'account' }
  | { readonly kind: 'region'; readonly region: RegionScan }
  | { readonly kind: 'detail'; readonly id: string; readonly label: string; readonly description?: string; readonly tooltip?: string; readonly icon?: string }
  | ErrorNode
  | MessageNode;

const LEVEL_ICON: Readonly<Record<CoverageLevel, [string, string | undefined]>> = {
  ok: ['pass', 'testing.iconPassed'],
  warning: ['warning', 'list.warningForeground'],
  problem: ['error', 'list.errorForeground'],
  unknown: ['question', undefined],
  inactive: ['circle-slash', 'disabledForeground'],
};

export function sortRegions(regions: readonly RegionScan[]): RegionScan[] {
  return [...regions].sort((a, b) => verdictRank(a.verdict.kind) - verdictRank(b.verdict.kind) || a.region.localeCompare(b.region));
}

export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Region nodes of the shown state, by region, so reveal() and getParent() hand VS Code the same objects. */
  private regionNodes = new Map<string, CoverageNode & { kind: 'region' }>();
  private readonly accountNode: CoverageNode = { kind: 'account' };

  constructor(private readonly session: AccountSession) {
    this.subscription = session.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'account': return this.accountDetails();
      case 'region': return regionDetails(node.region);
      default: return [];
    }
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
    if (this.session.endpoint) details.push({ kind: 'detail', id: 'account:endpoint', label: 'Endpoint', description: `${this.session.endpoint} (not AWS)`, icon: 'server' });
    if (scan?.identity?.arn) details.push({ kind: 'detail', id: 'account:identity', label: 'Identity', description: scan.identity.arn, tooltip: scan.identity.arn, icon: 'person' });
    if (scan?.regionSource.reason) details.push({ kind: 'detail', id: 'account:regions', label: 'Regions', description: 'built-in list', tooltip: scan.regionSource.reason, icon: 'warning' });
    for (const aggregator of scan?.aggregators ?? []) {
      details.push({
        kind: 'detail', id: `account:aggregator:${aggregator.name}`, label: `Aggregator ${aggregator.name}`,
        description: `${aggregator.region} · ${aggregator.organization ? 'organization' : 'accounts'} · ${aggregator.allRegions ? 'all regions' : aggregator.regions.join(', ')}`,
        icon: 'layers',
      });
    }
    if (scan) details.push({ kind: 'detail', id: 'account:time', label: 'Scanned', description: new Date(scan.finishedAt).toLocaleString(), icon: 'history' });
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
        item.description = this.session.connectionLabel + (this.session.endpoint ? ' · emulator/endpoint' : '');
        item.tooltip = `${this.session.connectionLabel}${this.session.endpoint ? `\nCalls go to ${this.session.endpoint}, not AWS.` : ''}`;
        item.iconPath = new vscode.ThemeIcon('account');
        item.contextValue = 'account';
        return item;
      }
      case 'region': {
        const region = node.region;
        const item = new vscode.TreeItem(region.region, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `tagsight.coverage.region:${region.region}`;
        const problems = region.errors.length && region.verdict.kind !== 'scan-failed' ? ` · ${region.errors.length} part(s) unreadable` : '';
        item.description = region.verdict.summary + problems;
        const tooltip = new vscode.MarkdownString(`**${regionDisplayName(region.region)}** (\`${region.region}\`)\n\n${region.verdict.summary}`);
        for (const detail of region.verdict.details) tooltip.appendMarkdown(`\n\n- ${escapeMarkdown(detail)}`);
        item.tooltip = tooltip;
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
    this.changed.dispose();
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, '\\$&');
}

function describeRecording(recorder: Recorder): string {
  const group = recorder.recordingGroup;
  if (!group) return 'unknown';
  if (group.strategy === 'EXCLUSION_BY_RESOURCE_TYPES') return `all supported types except ${group.excludedResourceTypes.length}: ${group.excludedResourceTypes.join(', ')}`;
  if (group.strategy === 'INCLUSION_BY_RESOURCE_TYPES') return `only ${group.resourceTypes.length} type(s): ${group.resourceTypes.join(', ')}`;
  return `all supported types${group.includeGlobalResourceTypes ? ', with global IAM types' : ''}`;
}

function describeMode(recorder: Recorder): string {
  const mode = recorder.recordingMode;
  if (!mode) return 'unknown';
  const overrides = mode.overrides.map((override) => `${override.frequency.toLowerCase()} for ${override.resourceTypes.join(', ')}`);
  return [mode.frequency === 'DAILY' ? 'daily (up to 24 h late)' : 'continuous', ...overrides].join('; ');
}

function describeStatus(recorder: Recorder): string {
  const status = recorder.status;
  if (!status) return 'unknown';
  const state = isActive(recorder) ? 'recording' : status.recording ? 'recording, failing' : 'stopped';
  const last = status.lastStatus ? `, last ${status.lastStatus}${status.lastErrorCode ? ` (${status.lastErrorCode})` : ''}` : '';
  const when = status.lastStatusChangeTime ? ` at ${new Date(status.lastStatusChangeTime).toLocaleString()}` : '';
  return `${state}${last}${when}`;
}

export function regionDetails(region: RegionScan): CoverageNode[] {
  const id = region.region;
  const nodes: CoverageNode[] = [];
  const detail = (key: string, label: string, description: string, icon: string, tooltip?: string) =>
    nodes.push({ kind: 'detail', id: `${id}:${key}`, label, description, icon, tooltip: tooltip ?? `${label}: ${description}` });
  detail('name', 'Region', regionDisplayName(region.region), 'globe');
  if (region.state === 'disabled' || region.state === 'cancelled') {
    for (const [index, line] of region.verdict.details.entries()) detail(`verdict:${index}`, 'Note', line, 'info', line);
    return nodes;
  }
  if (region.state !== 'failed') {
    detail('recorders', 'Recorders', region.recorders.length === 0 ? 'none' : region.recorders.map((recorder) => recorder.servicePrincipal ? `${recorder.name} (service-linked)` : recorder.name).join(', '), 'record');
  }
  for (const recorder of region.recorders) {
    const prefix = region.recorders.length > 1 ? `${recorder.name}: ` : '';
    detail(`recording:${recorder.name}`, `${prefix}Records`, describeRecording(recorder), 'checklist');
    detail(`mode:${recorder.name}`, `${prefix}Mode`, describeMode(recorder), 'clock');
    detail(`status:${recorder.name}`, `${prefix}Last status`, describeStatus(recorder), isActive(recorder) ? 'pass' : 'warning', recorder.status?.lastErrorMessage);
  }
  if (region.recorders.length > 0 && !region.errors.some((error) => error.part === 'delivery-channels')) {
    const channel = region.deliveryChannels[0];
    detail('channel', 'Delivery channel', channel ? `s3://${channel.s3BucketName ?? '?'}${channel.deliveryFrequency ? ` · ${channel.deliveryFrequency}` : ''}${channel.lastStatus ? ` · last ${channel.lastStatus}` : ''}` : 'none', 'mail');
  }
  if (!region.errors.some((error) => error.part === 'rules') && region.state !== 'failed') {
    const requiredTags = region.rules.filter((rule) => rule.isRequiredTags);
    const keys = requiredTags.map((rule) => `${rule.name} (${rule.requiredTags.map((tag) => tag.key).join(', ') || rule.parameterProblem})`);
    detail('rules', 'Rules', region.rules.length === 0 ? 'none' : `${requiredTags.length} REQUIRED_TAGS${keys.length ? `: ${keys.join('; ')}` : ''}${region.rules.length > requiredTags.length ? `, ${region.rules.length - requiredTags.length} other` : ''}`, 'law');
    detail('findings', 'Non-compliant', `${region.nonCompliant.length} resource(s)`, region.nonCompliant.length ? 'warning' : 'pass');
  }
  for (const [index, line] of region.verdict.details.entries()) detail(`verdict:${index}`, 'Note', line, 'info', line);
  for (const [index, error] of region.errors.entries()) {
    nodes.push({ kind: 'error', id: `${id}:error:${index}`, label: `${error.part}${error.ruleName ? ` (${error.ruleName})` : ''}: ${errorKindLabel(error.kind)}`, error });
  }
  return nodes;
}
