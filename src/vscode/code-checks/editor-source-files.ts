import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceFiles } from '../../analyzers/document-analyzer';
import { diskSourceFiles } from '../../app/disk-source-files';

/** The open, file-backed document at `file`, whose text may be ahead of the disk. */
function openDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === file);
}

/**
 * The analyzers' other files as the user sees them: an open document's current text (saved or not), the disk
 * for the rest. A sibling edited but not saved counts as edited.
 */
export const editorSourceFiles: SourceFiles = {
  async listDirectory(directory) {
    const names = new Set(await diskSourceFiles.listDirectory(directory));
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === 'file' && path.dirname(document.uri.fsPath) === directory) names.add(path.basename(document.uri.fsPath));
    }
    return [...names];
  },
  async stamp(file) {
    const document = openDocument(file);
    const onDisk = await diskSourceFiles.stamp(file);
    // The version restarts when a document is opened again: the disk's stamp tells a saved change apart.
    return document ? `editor:${document.version}:${document.isDirty}:${onDisk ?? 'unsaved'}` : onDisk;
  },
  async readText(file) {
    const document = openDocument(file);
    return document ? document.getText() : diskSourceFiles.readText(file);
  },
  // Unsaved edits are newer than anything built from the file on disk (a synthesized cdk.out).
  async modifiedTime(file) {
    return openDocument(file)?.isDirty ? Date.now() : diskSourceFiles.modifiedTime(file);
  },
};
