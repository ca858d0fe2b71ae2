import * as vscode from 'vscode';
import { describeEvidence, formatDuration, type BlindSpot, type UnwatchedRegion } from '../core/blind-spot';
import type { BlindSpotsService } from './blind-spots';

/**
 * The "Blind spots" group of the Findings view: one node per bucket Config has not discovered (bucket, region,
 * how long unseen), its evidence and predicted compliance as children, then the regions nothing watches.
 * Blind-spot nodes carry `{ blindSpot, arn, region, resourceType, resourceId }`, the shape every node command
 * (add missing tags, copy ARN, open in console) reads.
 */
export type BlindSpotNode =
  | { readonly kind: 'group' }
  | { readonly kind: 'spot'; readonly blindSpot: BlindSpot; readonly arn: string; readonly region: string; readonly resourceType: string; readonly resourceId: string }
  | { readonly kind: 'detail'; readonly id: string; readonly label: string; readonly description?: string; readonly tooltip?: string; readonly icon?: string }
  | { readonly kind: 'unwatched'; readonly regions: readonly UnwatchedRegion[] }
  | { readonly kind: 'message'; readonly id: string; readonly label: string; readonly tooltip?: string; readonly contextValue?: string; readonly icon: string };

/** Words the Findings view's menus match: add missing tags, copy ARN, open in console (the bucket's S3 page). */
export const BLIND_SPOT_CONTEXT = 'blindspot taggable hasArn console';
/** With a few blind spots, their evidence is shown at once; a long list stays collapsed. */
const EXPAND_AT_MOST = 3;

function spotNode(spot: BlindSpot): BlindSpotNode {
  return { kind: 'spot', blindSpot: spot, arn: spot.arn, region: spot.region, resourceType: spot.resourceType, resourceId: spot.bucket };
}

export function unseenDescription(spot: BlindSpot): string {
  return spot.unseenForMs !== undefined ? `${spot.region} · unseen for ${formatDuration(spot.unseenForMs)}` : spot.region;
}

export class BlindSpotsSection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BlindSpotNode | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: BlindSpotsService) {
    this.subscription = service.onDidChange(() => this.changed.fire(undefined));
  }

  /** The section's top-level node, or none before the first check. */
  roots(): BlindSpotNode[] {
    return this.service.state.kind === 'idle' ? [] : [{ kind: 'group' }];
  }

  children(node: BlindSpotNode): BlindSpotNode[] {
    const state = this.service.state;
    switch (node.kind) {
      case 'group': {
        if (state.kind === 'checking') return [{ kind: 'message', id: 'checking', label: 'Checking buckets, Config inventories and CloudTrail…', icon: 'loading~spin' }];
        if (state.kind === 'failed') return [{ kind: 'message', id: 'failed', label: 'The blind-spot check failed', tooltip: state.message, contextValue: 'error', icon: 'error' }];
        if (state.kind !== 'done') return [];
        const report = state.report;
        const nodes: BlindSpotNode[] = report.blindSpots.map(spotNode);
        if (report.blindSpots.length === 0) nodes.push({ kind: 'message', id: 'none', label: 'Every bucket in a recorded region is known to Config', icon: 'pass' });
        if (report.unwatchedRegions.length > 0) nodes.push({ kind: 'unwatched', regions: report.unwatchedRegions });
        for (const unknown of report.unknown) {
          nodes.push({ kind: 'message', id: `unknown:${unknown.bucket}`, label: `${unknown.bucket}: not checked`, tooltip: unknown.reason, icon: 'question' });
        }
        for (const error of report.regionErrors) {
          nodes.push({ kind: 'message', id: `error:${error.service}:${error.region}`, label: `${error.region}: ${error.service === 'cloudtrail' ? 'CloudTrail' : 'Config'} could not be read`, tooltip: error.message, contextValue: 'error', icon: 'warning' });
        }
        return nodes;
      }
      case 'spot': {
        const spot = node.blindSpot;
        const id = spot.arn;
        const details: BlindSpotNode[] = [
          { kind: 'detail', id: `${id}:prediction`, label: spot.prediction.summary, tooltip: spot.prediction.sources.map((s) => s.name).join(', '), icon: spot.prediction.state === 'predicted-non-compliant' ? 'warning' : 'info' },
        ];
        if (spot.creation) {
          for (const line of describeEvidence(spot.creation)) {
            details.push({ kind: 'detail', id: `${id}:${line.label}`, label: line.label, description: line.value, tooltip: line.value, icon: 'history' });
          }
        } else if (spot.unseenSince) {
          details.push({ kind: 'detail', id: `${id}:created`, label: 'Created at', description: `${spot.unseenSince} (bucket creation date; no CloudTrail event in the look-back)`, icon: 'history' });
        }
        details.push({ kind: 'detail', id: `${id}:follows`, label: 'What follows', description: spot.whatFollows, tooltip: spot.whatFollows, icon: 'lightbulb' });
        return details;
      }
      case 'unwatched':
        return node.regions.map((region) => ({ kind: 'message', id: `unwatched:${region.region}`, label: region.region, tooltip: region.message, icon: 'eye-closed' }));
      default:
        return [];
    }
  }

  treeItem(node: BlindSpotNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const report = this.service.report;
        const item = new vscode.TreeItem('Blind spots', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'tagsight.blindSpots';
        item.description = report ? `${report.blindSpots.length} not seen by Config` : this.service.state.kind === 'checking' ? 'checking…' : '';
        item.accessibilityInformation = { label: `Blind spots: ${item.description}` };
        item.tooltip = 'Buckets that exist but AWS Config has not discovered: no rule evaluates them until it does.';
        item.iconPath = new vscode.ThemeIcon('eye-closed');
        item.contextValue = 'blindspotGroup';
        return item;
      }
      case 'spot': {
        const spot = node.blindSpot;
        const few = (this.service.report?.blindSpots.length ?? 0) <= EXPAND_AT_MOST;
        const item = new vscode.TreeItem(spot.bucket, few ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `tagsight.blindSpot:${spot.arn}`;
        item.description = unseenDescription(spot);
        item.tooltip = new vscode.MarkdownString(`**${spot.bucket}** (${spot.region})\n\n${spot.prediction.summary}\n\n${spot.whatFollows}`);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.contextValue = BLIND_SPOT_CONTEXT;
        item.accessibilityInformation = { label: `Blind spot ${spot.bucket}, ${item.description}` };
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `tagsight.blindSpotDetail:${node.id}`;
        item.description = node.description;
        item.accessibilityInformation = { label: node.description ? `${node.label}: ${node.description}` : node.label };
        item.tooltip = node.tooltip;
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'unwatched': {
        const item = new vscode.TreeItem('Not watched by any recorder', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'tagsight.blindSpots.unwatched';
        const buckets = node.regions.reduce((sum, region) => sum + region.buckets.length, 0);
        item.description = `${node.regions.length} region(s)${buckets > 0 ? `, ${buckets} bucket(s)` : ''}`;
        item.tooltip = 'No Config recorder runs in these regions: nothing there is watched.';
        item.iconPath = new vscode.ThemeIcon('eye-closed');
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `tagsight.blindSpotMessage:${node.id}`;
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.contextValue) item.contextValue = node.contextValue;
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
