/**
 * The packaged extension as a user installs it: the runner built tagsight.vsix, installed it with
 * `code-server --install-extension`, and loaded only a test probe as the development extension. An installed
 * extension runs in `ExtensionMode.Production` (only the extension under development runs in test mode), so
 * this suite also sees what every other extension sees of Tagsight.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, canScreenshot, executeCommand, getPublicApi, isTestApi, screenshot } from '../helpers';

export function register(): void {
  describe('Tagsight installed from the .vsix', () => {
    it('is installed from the extensions folder, not from the working tree', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      assert.match(extension.extensionPath.split(path.sep).join('/'), /\/ext\/tagsight\.tagsight-/);
    });

    it('activates from its production bundle', async () => {
      const api = await getPublicApi();
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.equal(api.version, (extension?.packageJSON as { version: string }).version);
      const registered = await vscode.commands.getCommands(true);
      assert.ok(registered.includes('tagsight.openLog'));
    });

    it('returns no test seam outside test mode: no other extension can answer the tag-write prompts or pace the watch', async () => {
      const api = await getPublicApi();
      assert.deepEqual(Object.keys(api).sort(), ['activationMs', 'version']);
      assert.equal(isTestApi(api), false);
      assert.equal((api as { addMissingTags?: unknown }).addMissingTags, undefined, 'no setPrompterForTests');
      assert.equal((api as { watch?: unknown }).watch, undefined, 'no setIntervalMsForTests');
    });

    it('loads the demo emulator from the .vsix (dist/emulator.js) when the demo is chosen', async () => {
      await getPublicApi();
      // The command answers with the scan: the emulator bundle shipped, loaded on demand and served the demo account.
      const scan = await executeCommand<{ identity?: { accountId?: string }; error?: unknown; regions: unknown[] } | undefined>('tagsight.useDemoAccount');
      assert.ok(scan, 'the demo connected');
      assert.equal(scan.error, undefined, `the demo scan succeeded: ${JSON.stringify(scan.error)}`);
      assert.equal(scan.identity?.accountId, '123456789012');
      assert.ok(scan.regions.length > 0);
    });

    it('shows the activity bar entry and both views', async () => {
      await getPublicApi();
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
