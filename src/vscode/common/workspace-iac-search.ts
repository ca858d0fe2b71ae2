import * as vscode from 'vscode';
import { findNameInIac, type IacFile, type IacLocation } from '../../core/managed-resource';
import { MAX_FILE_BYTES, excludeGlob, excludePatterns } from '../../app/workspace-check/workspace-scope';

/**
 * The workspace's Terraform and CloudFormation text, for "does infrastructure code manage this resource?" and
 * "Open Definition in Code". A plain text search is enough for a warning and a jump; the analyzers do the rest.
 */
const IAC_GLOB = '**/*.{tf,tf.json,yaml,yml,json,template}';
const MAX_IAC_FILES = 2000;

export async function workspaceIacFiles(): Promise<IacFile[]> {
  if (!vscode.workspace.isTrusted) return [];
  // The workspace check's exclusions (dependencies, build output, files.exclude, search.exclude): an explicit
  // exclude replaces findFiles' default files.exclude, so the settings are passed in with ours.
  const exclude = excludeGlob(excludePatterns(
    vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'),
    vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude'),
  ));
  const uris = await vscode.workspace.findFiles(IAC_GLOB, exclude, MAX_IAC_FILES);
  const files: IacFile[] = [];
  for (const uri of uris) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_FILE_BYTES) continue;
      files.push({ path: vscode.workspace.asRelativePath(uri), text: Buffer.from(bytes).toString('utf8') });
    } catch {
      // A file that vanished or cannot be read is simply not evidence.
    }
  }
  return files;
}

/** Paths are workspace-relative (asRelativePath), so they are resolved against each folder in turn. */
async function resolveWorkspacePath(path: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const candidate of [vscode.Uri.joinPath(folder.uri, path), vscode.Uri.joinPath(folder.uri, '..', path)]) {
      try {
        await vscode.workspace.fs.stat(candidate);
        return candidate;
      } catch {
        // not in this folder
      }
    }
  }
  return undefined;
}

export async function openIacLocation(location: IacLocation): Promise<void> {
  const target = (await resolveWorkspacePath(location.path)) ?? vscode.Uri.file(location.path);
  const position = new vscode.Position(location.line, location.character);
  await vscode.window.showTextDocument(target, { selection: new vscode.Range(position, position) });
}

/** Where the workspace's IaC names the resource; empty when nothing does. */
export async function findDefinitions(name: string): Promise<IacLocation[]> {
  return findNameInIac(name, await workspaceIacFiles());
}
