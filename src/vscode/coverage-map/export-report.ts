import { homedir } from 'node:os';
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
    vscode.commands.registerCommand('tagsight.exportReport', async (target?: unknown) => {
      const data = source.current();
      if (!data) {
        void vscode.window.showInformationMessage('Nothing to export yet: scan an account first.', 'Select AWS Profile', 'Try the Demo Account').then((choice) => {
          if (choice === 'Select AWS Profile') void vscode.commands.executeCommand('tagsight.selectProfile');
          if (choice === 'Try the Demo Account') void vscode.commands.executeCommand('tagsight.useDemoAccount');
        });
        return undefined;
      }
      const account = data.scan.identity?.accountId ?? 'account';
      const day = data.scan.finishedAt.slice(0, 10);
      const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
        title: 'Export Coverage Report',
        defaultUri: vscode.Uri.joinPath(defaultFolder(), `tagsight-coverage-${account}-${day}.html`),
        filters: { 'HTML report': ['html'] },
        saveLabel: 'Export',
      });
      if (!uri) return undefined;
      try {
        const html = renderHtmlReport({ scan: data.scan, blindSpots: data.blindSpots, generator: `Tagsight ${version}`, generatedAt: new Date().toISOString() });
        await vscode.workspace.fs.writeFile(uri, Buffer.from(html, 'utf8'));
        logger.info(`Coverage report written to ${uri.toString(true)}`);
        if (!(target instanceof vscode.Uri)) {
          void vscode.window.showInformationMessage(`Coverage report saved: ${uri.fsPath}`, 'Open in Browser').then((choice) => {
            if (choice) void vscode.env.openExternal(uri);
          });
        }
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

function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}
