/**
 * The packaged extension as a user installs it: the runner built tagsight.vsix, installed it with
 * `code-server --install-extension`, and loaded only a test probe as the development extension.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, canScreenshot, executeCommand, getApi, screenshot } from '../helpers';

export function register(): void {
  describe('Tagsight installed from the .vsix', () => {
    it('is installed from the extensions folder, not from the working tree', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      assert.match(extension.extensionPath.split(path.sep).join('/'), /\/ext\/tagsight\.tagsight-/);
    });

    it('activates from its production bundle', async () => {
      const api = await getApi();
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.equal(api.version, (extension?.packageJSON as { version: string }).version);
      const registered = await vscode.commands.getCommands(true);
      assert.ok(registered.includes('tagsight.openLog'));
    });

    it('shows the activity bar entry and both views', async () => {
      await getApi();
      await executeCommand('workbench.view.extension.tagsight');
      // VS Code generates a focus command per contributed view: it fails for a view that does not exist.
      await executeCommand('tagsight.coverage.focus');
      await executeCommand('tagsight.findings.focus');
      if (!canScreenshot()) return; // desktop runner: no browser to look at the pixels
      await screenshot('vsix-views', { waitFor: '.sidebar .pane-header[aria-label^="Coverage"]' });
      await screenshot('vsix-views-findings', { waitFor: '.sidebar .pane-header[aria-label^="Findings"]' });
    });
  });
}
