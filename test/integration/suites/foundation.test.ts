/**
 * The foundation suite: the extension under development activates in a real extension host, its commands and
 * views exist, and the harness itself (environment, screenshots, waitFor) works as the other suites expect.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ENV } from '../protocol';
import { EXTENSION_ID, canScreenshot, executeCommand, getApi, screenshot, waitFor, workspaceFile } from '../helpers';

const ACTIVITY_BAR_ENTRY = '.activitybar a.action-label[aria-label^="Tagsight"]';
const VIEW_HEADER = (title: string) => `.sidebar .pane-header[aria-label^="${title}"]`;

export function register(): void {
  describe('Tagsight foundation', () => {
    it('activates and returns its API', async () => {
      const api = await getApi();
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version: string };
      assert.equal(api.version, manifest.version);
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      // A figure for the report, not a bound: timing asserts fail on a busy machine and prove nothing.
      console.log(`      activate() took ${api.activationMs} ms`);
    });

    it('registers every command the manifest declares', async () => {
      await getApi();
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        contributes: { commands: { command: string }[] };
      };
      const registered = new Set(await vscode.commands.getCommands(true));
      const declared = manifest.contributes.commands.map((c) => c.command);
      assert.ok(declared.length > 0);
      for (const command of declared) assert.ok(command.startsWith('tagsight.'), `${command} has the tagsight. prefix`);
      // A declared command without a handler shows in menus and the palette, then fails with "command not found".
      assert.deepEqual(
        declared.filter((command) => !registered.has(command)),
        [],
        'declared commands without a handler',
      );
    });

    it('opens its log', async () => {
      await getApi();
      await executeCommand('tagsight.openLog');
    });

    it('runs with the harness environment and an AWS endpoint that is never real AWS', () => {
      assert.equal(process.env[ENV.suite], 'foundation');
      assert.ok(process.env[ENV.summary], 'summary path is set');
      const endpoint = new URL(process.env.AWS_ENDPOINT_URL ?? '');
      assert.equal(endpoint.hostname, '127.0.0.1');
      assert.ok(process.env.AWS_ACCESS_KEY_ID);
    });

    it('opens the fixture workspace as a writable temp copy', async () => {
      const policy = workspaceFile('tag-policy.json');
      const text = Buffer.from(await vscode.workspace.fs.readFile(policy)).toString('utf8');
      assert.match(text, /"Service"/);
      assert.ok(!policy.fsPath.includes('test/integration/fixtures'), 'tests never edit the committed fixture');
      const scratch = workspaceFile('scratch.txt');
      await vscode.workspace.fs.writeFile(scratch, Buffer.from('ok'));
      assert.equal(fs.readFileSync(scratch.fsPath, 'utf8'), 'ok');
    });

    it('waitFor returns the first truthy value and times out otherwise', async () => {
      let calls = 0;
      assert.equal(await waitFor(() => ++calls >= 3 && calls, { intervalMs: 1 }), 3);
      await assert.rejects(
        waitFor(() => false, { timeoutMs: 50, message: 'never' }),
        /Timed out after 50 ms waiting for never/,
      );
    });

    it('shows the Tagsight container with the Coverage and Findings views', async () => {
      await getApi();
      await executeCommand('workbench.view.extension.tagsight');
      // VS Code generates a focus command per contributed view: it fails for a view that does not exist.
      await executeCommand('tagsight.coverage.focus');
      await executeCommand('tagsight.findings.focus');
      if (!canScreenshot()) return; // desktop runner: no browser to look at the pixels
      // The runner waits for each selector in the real DOM: a missing view fails the request.
      await screenshot('foundation-activity-bar', { waitFor: ACTIVITY_BAR_ENTRY, element: ACTIVITY_BAR_ENTRY });
      await screenshot('foundation-views', { waitFor: VIEW_HEADER('Findings') });
      const file = await screenshot('foundation-coverage', { waitFor: VIEW_HEADER('Coverage') });
      assert.ok(file && fs.statSync(file).size > 1000, 'the screenshot was written');
    });

    it('fails a screenshot whose element never appears, so screenshots double as UI assertions', async () => {
      if (!canScreenshot()) return;
      await assert.rejects(
        screenshot('foundation-never', { waitFor: '.tagsight-no-such-element', timeoutMs: 300 }),
        /Screenshot 'foundation-never' failed: .*Timeout 300ms/,
      );
      await assert.rejects(screenshot('../escape'), /Invalid screenshot name/);
    });
  });
}
