import * as vscode from 'vscode';
import type { ScanError } from '../../core/scan-error';

/**
 * The nodes every Tagsight tree shows besides its own content: an error (of a region, a part of a scan, or the
 * whole scan) that opens the log when clicked, and a plain message ("Scanning…"). One definition, so the views
 * look and behave alike and the `error` contextValue the menus match is set in one place.
 */
export type ErrorNode = { readonly kind: 'error'; readonly id: string; readonly label: string; readonly error: ScanError };
export type MessageNode = {
  readonly kind: 'message';
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  readonly tooltip?: string;
};

/** `view` makes ids unique across trees (VS Code requires it within one). */
export function errorTreeItem(view: string, node: ErrorNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `tagsight.${view}.error:${node.id}`;
  item.description = node.error.code;
  item.tooltip = node.error.message;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.contextValue = 'error';
  item.command = { command: 'tagsight.openLog', title: 'Show Log' };
  return item;
}

export function messageTreeItem(view: string, node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `tagsight.${view}.message:${node.id}`;
  item.tooltip = node.tooltip;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  return item;
}
