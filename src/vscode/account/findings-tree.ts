import * as vscode from 'vscode';
import type { NonCompliantResource } from '../../core/account-model';
import { errorKindLabel } from '../../core/scan-error';
import { plural } from '../../core/wording';
import type { AccountSession } from './account-session';
import { errorTreeItem, messageTreeItem, type ErrorNode, type MessageNode } from '../common/status-nodes';

/**
 * The Findings view: REQUIRED_TAGS findings as rule → region → resource (with the missing keys, the annotation
 * and the last evaluation time), then any sections other features register (blind spots).
 *
 * Sections: a feature adds a group with `registerSection(id, section)`. The provider asks the section for its
 * top-level nodes (`roots()`), their children and their TreeItems, and refreshes when the section fires
 * `onDidChange`. Section nodes are passed to commands as they are, so a node carrying
 * `{ region, resourceType, resourceId, arn? }` works with "Copy ARN", "Open in AWS Console" and "Add Missing
 * Tags…" like the resource nodes here. Sections must not call AWS from `children()` either, and a node's item
 * and children must come from the node itself, not from the section's state of the moment: VS Code asks for
 * them at different times, and a label over children of another state is what a user sees otherwise.
 */
export interface FindingsSection<N extends object = object> {
  readonly onDidChange: vscode.Event<unknown>;
  roots(): N[];
  children(node: N): N[];
  treeItem(node: N): vscode.TreeItem;
}

/** What resource nodes carry: the shape node commands read (see src/app/tagging/tag-target.ts). */
export interface ResourceNode {
  readonly kind: 'resource';
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly arn?: string;
  readonly resource: NonCompliantResource;
}

export type FindingsNode =
  | { readonly kind: 'rule'; readonly ruleName: string; readonly resources: readonly NonCompliantResource[] }
  | {
      readonly kind: 'rule-region';
      readonly ruleName: string;
      readonly region: string;
      readonly resources: readonly NonCompliantResource[];
    }
  | ResourceNode
  | ErrorNode
  | MessageNode;

export function missingDescription(resource: NonCompliantResource): string {
  if (resource.missingKeys === 'unknown') return 'missing keys unknown';
  if (resource.missingKeys.length === 0) return 'a tag value is not allowed';
  return `missing ${resource.missingKeys.join(', ')}`;
}

export class FindingsTreeProvider implements vscode.TreeDataProvider<object>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<object | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly sections = new Map<string, FindingsSection>();
  /** Nodes handed out by sections, so their children and items come from the same section. */
  private readonly sectionOfNode = new WeakMap<object, FindingsSection>();

  constructor(private readonly session: AccountSession) {
    this.subscriptions.push(session.onDidChange(() => this.changed.fire(undefined)));
  }

  registerSection<N extends object>(id: string, section: FindingsSection<N>): vscode.Disposable {
    if (this.sections.has(id)) throw new Error(`Findings section ${id} is registered twice`);
    this.sections.set(id, section as unknown as FindingsSection);
    const subscription = section.onDidChange(() => this.changed.fire(undefined));
    this.changed.fire(undefined);
    return new vscode.Disposable(() => {
      subscription.dispose();
      this.sections.delete(id);
      this.changed.fire(undefined);
    });
  }

  getChildren(node?: object): object[] {
    if (!node) return [...this.findingRoots(), ...this.sectionRoots()];
    const section = this.sectionOfNode.get(node);
    if (section) return this.own(section, section.children(node));
    const finding = node as FindingsNode;
    switch (finding.kind) {
      case 'rule': {
        const byRegion = groupBy(finding.resources, (resource) => resource.region);
        return [...byRegion]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([region, resources]) => ({ kind: 'rule-region', ruleName: finding.ruleName, region, resources }));
      }
      case 'rule-region':
        return finding.resources.map((resource): ResourceNode => ({
          kind: 'resource',
          region: resource.region,
          resourceType: resource.resourceType,
          resourceId: resource.resourceId,
          ...(resource.arn ? { arn: resource.arn } : {}),
          resource,
        }));
      default:
        return [];
    }
  }

  private sectionRoots(): object[] {
    return [...this.sections.values()].flatMap((section) => this.own(section, section.roots()));
  }

  private own(section: FindingsSection, nodes: object[]): object[] {
    for (const node of nodes) this.sectionOfNode.set(node, section);
    return nodes;
  }

  private findingRoots(): FindingsNode[] {
    const state = this.session.state;
    if (state.kind === 'scanning') {
      return [{ kind: 'message', id: 'scanning', label: 'Scanning…', icon: 'loading~spin' }];
    }
    // The state, not the scan: a connection that failed has no scan, and an empty view would read as "no findings".
    if (state.kind === 'failed')
      return [{ kind: 'error', id: 'scan', label: `Scan failed: ${errorKindLabel(state.error.kind)}`, error: state.error }];
    const scan = this.session.scan();
    if (!scan) return [];
    const nodes: FindingsNode[] = [];
    const all = scan.regions.flatMap((region) => region.nonCompliant);
    for (const [ruleName, resources] of [...groupBy(all, (resource) => resource.ruleName)].sort(([a], [b]) => a.localeCompare(b))) {
      nodes.push({ kind: 'rule', ruleName, resources });
    }
    // Findings that could not be read are said where the findings would be, per region.
    for (const region of scan.regions) {
      for (const [index, error] of region.errors.entries()) {
        if (error.part !== 'compliance' && error.part !== 'rules') continue;
        nodes.push({
          kind: 'error',
          id: `${region.region}:${index}`,
          label: `${region.region}: ${error.ruleName ? `${error.ruleName} results` : error.part === 'rules' ? 'rules' : 'tags'} not read (${errorKindLabel(error.kind)})`,
          error,
        });
      }
    }
    if (scan.cancelled)
      nodes.push({ kind: 'message', id: 'cancelled', label: 'The scan was cancelled: findings may be incomplete', icon: 'warning' });
    return nodes;
  }

  getTreeItem(node: object): vscode.TreeItem {
    const section = this.sectionOfNode.get(node);
    if (section) return section.treeItem(node);
    const finding = node as FindingsNode;
    switch (finding.kind) {
      case 'rule': {
        const regions = new Set(finding.resources.map((resource) => resource.region));
        const item = new vscode.TreeItem(finding.ruleName, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `tagsight.findings.rule:${finding.ruleName}`;
        item.description = `${finding.resources.length} non-compliant · ${plural(regions.size, 'region')}`;
        item.tooltip = `REQUIRED_TAGS rule ${finding.ruleName}: ${plural(finding.resources.length, 'non-compliant resource')} in ${[...regions].join(', ')}`;
        item.iconPath = new vscode.ThemeIcon('law');
        return item;
      }
      case 'rule-region': {
        const item = new vscode.TreeItem(finding.region, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `tagsight.findings.rule:${finding.ruleName}:${finding.region}`;
        item.description = `${finding.resources.length} non-compliant`;
        item.iconPath = new vscode.ThemeIcon('globe');
        // `rule`: Re-evaluate Config Rule applies to this rule in this region.
        item.contextValue = 'rule console';
        return item;
      }
      case 'resource': {
        const resource = finding.resource;
        const item = new vscode.TreeItem(resource.resourceId, vscode.TreeItemCollapsibleState.None);
        item.id = `tagsight.findings.resource:${resource.ruleName}:${resource.region}:${resource.resourceType}:${resource.resourceId}`;
        item.description = `${missingDescription(resource)} · ${resource.resourceType}`;
        const tooltip = new vscode.MarkdownString();
        tooltip.appendMarkdown(`**${resource.resourceId}** (${resource.resourceType}, ${resource.region})\n\n`);
        tooltip.appendText(
          `${missingDescription(resource)}${resource.missingKeys === 'unknown' ? ': Config gave no detail and the tags could not be read' : ''}\n`,
        );
        if (resource.annotation) tooltip.appendText(`Annotation: ${resource.annotation}\n`);
        if (resource.lastEvaluated) tooltip.appendText(`Last evaluated: ${new Date(resource.lastEvaluated).toLocaleString()}\n`);
        if (resource.arn) tooltip.appendText(resource.arn);
        item.tooltip = tooltip;
        item.iconPath = new vscode.ThemeIcon('tag', new vscode.ThemeColor('list.warningForeground'));
        item.contextValue = ['resource', 'console', ...(resource.arn ? ['taggable', 'hasArn'] : [])].join(' ');
        return item;
      }
      case 'error':
        return errorTreeItem('findings', finding);
      case 'message':
        return messageTreeItem('findings', finding);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
