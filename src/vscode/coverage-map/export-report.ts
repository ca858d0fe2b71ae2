import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { errorMessage } from '../../core/errors';
import { renderHtmlReport } from '../../report/html-report';
import type { CoverageMapSource } from './coverage-map';

/**
 * `tagsight.exportReport`: writes the latest scan as one self-contained HTML file the user picks. Tests (and
 * other commands) may pass the target Uri to skip the dialog. Returns the Uri written, or undefined.
 */
export function registerExportReport(context: vscode.ExtensionContext, source: CoverageMapSource, logger: Logger): void {
  const version = String(context.extension.packageJSON.version ?? '');
  context.subscriptions.push(
    // The report file in a preview tab: what a browser-hosted VS Code offers instead of "Open in Browser".
    vscode.commands.registerCommand('tagsight.openReportPreview', async (uri: unknown) => {
      if (!(uri instanceof vscode.Uri)) return undefined;
      return showReportPreview(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
    }),
    vscode.commands.registerCommand('tagsight.exportReport', async (target?: unknown) => {
      const data = source.current();
      if (!data) {
        void vscode.window
          .showInformationMessage('Nothing to export yet: scan an account first.', 'Select AWS Profile', 'Try the Demo Account')
          .then((choice) => {
            if (choice === 'Select AWS Profile') void vscode.commands.executeCommand('tagsight.selectProfile');
            if (choice === 'Try the Demo Account') void vscode.commands.executeCommand('tagsight.useDemoAccount');
          });
        return undefined;
      }
      const account = data.scan.identity?.accountId ?? 'account';
      const day = data.scan.finishedAt.slice(0, 10);
      const uri =
        target instanceof vscode.Uri
          ? target
          : await vscode.window.showSaveDialog({
              title: 'Export Coverage Report',
              defaultUri: vscode.Uri.joinPath(defaultFolder(), `tagsight-coverage-${account}-${day}.html`),
              filters: { 'HTML report': ['html'] },
              saveLabel: 'Export',
            });
      if (!uri) return undefined;
      try {
        const html = renderHtmlReport({
          scan: data.scan,
          blindSpots: data.blindSpots,
          generator: `Tagsight ${version}`,
          generatedAt: new Date().toISOString(),
        });
        await vscode.workspace.fs.writeFile(uri, Buffer.from(html, 'utf8'));
        logger.info(`Coverage report written to ${uri.toString(true)}`);
        if (!(target instanceof vscode.Uri))
          offerToOpen(uri).catch((error: unknown) => logger.error('Could not open the coverage report', error));
        return uri;
      } catch (error) {
        logger.error('Could not write the coverage report', error);
        void vscode.window.showErrorMessage(`Could not write the coverage report: ${errorMessage(error)}`, 'Open Log').then((choice) => {
          if (choice) void vscode.commands.executeCommand('tagsight.openLog');
        });
        return undefined;
      }
    }),
  );
}

/**
 * The workspace folder, unless it lives in the temporary folder (the demo's scratch copy, deleted when the demo
 * stops): then the home folder, so a saved report outlives the session.
 */
export function defaultFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder?.scheme === 'file' && !isInside(folder.fsPath, tmpdir())) return folder;
  return vscode.Uri.file(homedir());
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * What can open the saved report here. A desktop window hands the file to the system browser; a browser-hosted
 * VS Code (code-server, vscode.dev) cannot open a file of the server's disk that way, so it shows the report in
 * a preview tab instead, and Reveal in Explorer leads to the file (and its Download action).
 */
async function offerToOpen(uri: vscode.Uri): Promise<void> {
  const web = vscode.env.uiKind === vscode.UIKind.Web;
  const actions = web ? ['Open Preview', 'Reveal in Explorer'] : ['Open in Browser', 'Open Preview'];
  const choice = await vscode.window.showInformationMessage(`Coverage report saved: ${path.basename(uri.path)}`, ...actions);
  if (choice === 'Open in Browser') await vscode.env.openExternal(uri);
  if (choice === 'Open Preview') await vscode.commands.executeCommand('tagsight.openReportPreview', uri);
  if (choice === 'Reveal in Explorer') await vscode.commands.executeCommand('revealInExplorer', uri);
}

/**
 * The report in a webview tab. It loads nothing (its own CSP says so); the webview's CSP repeats that, and
 * scripts stay disabled.
 */
function showReportPreview(html: string): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel('tagsight.reportPreview', 'Tagsight Coverage Report', vscode.ViewColumn.Active, {
    enableScripts: false,
    localResourceRoots: [],
  });
  panel.webview.html = html;
  return panel;
}
