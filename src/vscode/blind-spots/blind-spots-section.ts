import * as vscode from 'vscode';
import { plural } from '../../core/wording';
import { formatDuration, notRecordingCause, unwatchedRegionsSentence, type BlindSpot } from '../../core/blind-spot';
import type { BlindSpotsService } from './blind-spots-service';
import { blindSpotsChildren, blindSpotsRoots, groupDescription, unwatchedDescription, type BlindSpotNode } from './blind-spot-nodes';

/**
 * The "Blind spots" group of the Findings view: one node per bucket Config has not discovered (bucket, region,
 * how long unseen), its evidence and predicted compliance as children, then the regions nothing watches.
 * Blind-spot nodes carry `{ blindSpot, arn, region, resourceType, resourceId }`, the shape every node command
 * (add missing tags, copy ARN, open in console) reads. Nodes and their items come from the state snapshot the
 * group node holds (see blind-spot-nodes.ts), never from the service's state of the moment.
 */

/** Words the Findings view's menus match: add missing tags, copy ARN, open in console (the bucket's S3 page). */
export const BLIND_SPOT_CONTEXT = 'blindspot taggable hasArn console';

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

  /** The section's top-level node, holding the state it shows; none before the first check. */
  roots(): BlindSpotNode[] {
    return blindSpotsRoots(this.service.state);
  }

  children(node: BlindSpotNode): BlindSpotNode[] {
    return blindSpotsChildren(node);
  }

  treeItem(node: BlindSpotNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem('Blind spots', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'tagsight.blindSpots';
        item.description = groupDescription(node.state);
        item.accessibilityInformation = { label: `Blind spots: ${item.description}` };
        item.tooltip = 'Buckets that exist but AWS Config has not discovered: no rule evaluates them until it does.';
        item.iconPath = new vscode.ThemeIcon('eye-closed');
        item.contextValue = 'blindspotGroup';
        return item;
      }
      case 'spot': {
        const spot = node.blindSpot;
        const item = new vscode.TreeItem(
          spot.bucket,
          node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `tagsight.blindSpot:${spot.arn}`;
        item.description = unseenDescription(spot);
        item.tooltip = new vscode.MarkdownString(
          `**${spot.bucket}** (${spot.region})\n\n${spot.prediction.summary}\n\n${spot.whatFollows}`,
        );
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
        const item = new vscode.TreeItem('Buckets in regions Config does not watch', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'tagsight.blindSpots.unwatched';
        item.description = unwatchedDescription(node.regions);
        // Why, per reason: no recorder, a stopped one, or one whose recording group leaves S3 buckets out.
        item.tooltip = unwatchedRegionsSentence(node.regions);
        item.iconPath = new vscode.ThemeIcon('eye-closed');
        return item;
      }
      case 'unwatched-region': {
        const item = new vscode.TreeItem(node.region.region, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `tagsight.blindSpots.unwatched:${node.region.region}`;
        item.description = `${notRecordingCause(node.region.reason).toLowerCase()} · ${plural(node.region.buckets.length, 'bucket')}`;
        item.tooltip = node.region.message;
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
