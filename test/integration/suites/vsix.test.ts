/**
 * The packaged extension as a user installs it: the runner built tagsight.vsix, installed it with
 * `code-server --install-extension`, and loaded only a test probe as the development extension. An installed
 * extension runs in `ExtensionMode.Production` (only the extension under development runs in test mode), so
 * this suite also sees what every other extension sees of Tagsight.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TagsightApi } from '../../../src/vscode/extension';
import { EXTENSION_ID, canScreenshot, executeCommand, getPublicApi, isTestApi, screenshot, waitFor } from '../helpers';
import { ACTIVATION_RESULT, ENV, type ActivationFigures } from '../protocol';

/**
 * The extension host's performance marks (vs/base/common/performance: `globalThis.MonacoPerformanceMarks`, epoch
 * ms in Node). Not an API: read only by this test, and a missing mark fails it by name rather than guessing.
 */
function extensionHostMark(name: string): number {
  const marks =
    (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ??
    [];
  const mark = marks.find((candidate) => candidate.name === name);
  assert.ok(mark, `the extension host marked ${name}`);
  return mark.startTime;
}

export function register(): void {
  describe('Tagsight installed from the .vsix', () => {
    it('activates by itself in a workspace with Terraform, and records bundle load + activate', async () => {
      // Nothing here activates it: workspaceContains:**/*.tf does, as for a user who opens the folder.
      const extension = vscode.extensions.getExtension<TagsightApi>(EXTENSION_ID);
      assert.ok(extension);
      await waitFor(() => extension.isActive, { timeoutMs: 60_000, message: 'Tagsight to activate on workspaceContains' });
      const api = extension.exports;
      const willLoad = extensionHostMark(`code/extHost/willLoadExtensionCode/${EXTENSION_ID}`);
      const didLoad = extensionHostMark(`code/extHost/didLoadExtensionCode/${EXTENSION_ID}`);
      const bundle = path.join(extension.extensionPath, 'dist', 'extension.js');
      const figures: ActivationFigures = {
        loadAndActivateMs: api.activatedAtEpochMs - willLoad,
        bundleLoadMs: didLoad - willLoad,
        activateMs: api.activationMs,
        bundleBytes: fs.statSync(bundle).size,
        activationEvent: 'workspaceContains:**/*.tf',
      };
      assert.ok(figures.loadAndActivateMs >= figures.bundleLoadMs && figures.bundleLoadMs >= 0, JSON.stringify(figures));
      // A figure for the bench table, not a bound: timing asserts fail on a busy machine and prove nothing.
      console.log(
        `      bundle load + activate: ${figures.loadAndActivateMs} ms (load ${figures.bundleLoadMs} ms, activate() ${figures.activateMs} ms), bundle ${figures.bundleBytes} bytes`,
      );
      const results = process.env[ENV.results];
      if (results) fs.writeFileSync(path.join(results, ACTIVATION_RESULT), JSON.stringify(figures, null, 2));
    });

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
      assert.deepEqual(Object.keys(api).sort(), ['activatedAtEpochMs', 'activationMs', 'version']);
      assert.equal(isTestApi(api), false);
      assert.equal((api as { addMissingTags?: unknown }).addMissingTags, undefined, 'no setPrompterForTests');
      assert.equal((api as { watch?: unknown }).watch, undefined, 'no setIntervalMsForTests');
    });

    it('loads the demo emulator from the .vsix (dist/emulator.js) when the demo is chosen', async () => {
      await getPublicApi();
      // The command answers with the scan: the emulator bundle shipped, loaded on demand and served the demo account.
      const scan = await executeCommand<{ identity?: { accountId?: string }; error?: unknown; regions: unknown[] } | undefined>(
        'tagsight.useDemoAccount',
      );
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
