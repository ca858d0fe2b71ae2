import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceCheckResult } from '../../../src/app/workspace-check/workspace-check-result';
import { workspaceCheckMessage } from '../../../src/app/workspace-check/workspace-check-result';
import { createAnalyzers } from '../../../src/analyzers/registry';
import { selectCheckFiles } from '../../../src/cli/check-files';
import { silentLogger } from '../../../src/core/logger';
import { applyQuickFix, executeCommand, getApi, screenshot, waitFor, workspaceFile } from '../helpers';

/**
 * Region mismatch in code, in the real editor: the incident's JavaScript (a us-east-1 S3Client creating an
 * ap-northeast-2 bucket) gets the warning with its README link, the quick fix moves the client to the bucket's
 * region and the warning clears; a client without a region in code is judged with the configured region and the
 * diagnostic names that source; a shell script's failing call is an error. Scripts nobody opened are checked in the
 * background (build output and search.exclude folders skipped), and "Check Workspace" says what it found.
 */
const REGION_RULES = new Set(['tagsight.region-mismatch', 'tagsight.invalid-location-constraint']);

function regionDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return d.source === 'Tagsight' && REGION_RULES.has(String(code));
  });
}

/** The one-sentence message with its explanation, which the hover shows as related information. */
function explained(diagnostic: vscode.Diagnostic): string {
  return [diagnostic.message, ...(diagnostic.relatedInformation ?? []).map((related) => related.message)].join(' ');
}

/** `wanted` tells the diagnostic awaited from one the background check published before the file was opened. */
async function openAndWait(
  uri: vscode.Uri,
  what: string,
  wanted: (d: vscode.Diagnostic) => boolean = () => true,
): Promise<{ editor: vscode.TextEditor; diagnostic: vscode.Diagnostic }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const diagnostic = await waitFor(() => regionDiagnostics(uri).find(wanted), { timeoutMs: 20_000, message: what });
  return { editor, diagnostic };
}

export function register(): void {
  describe('Region mismatch in code', function () {
    this.timeout(60_000);

    before(async () => {
      const api = await getApi();
      await api.iacChecks.ready;
    });

    it('lists a mismatch in a script nobody opened, skips build output and excluded folders, and says what it found', async () => {
      const script = workspaceFile('scripts', 'create-logs-bucket.mjs');
      const diagnostic = await waitFor(() => regionDiagnostics(script)[0], {
        timeoutMs: 20_000,
        message: "the background check's warning on the closed script",
      });
      assert.equal((diagnostic.code as { value: string }).value, 'tagsight.region-mismatch');
      assert.match(diagnostic.message, /ap-northeast-2/);
      assert.equal(diagnostic.range.start.line, 5, 'on the s3.send(...) call');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === script.toString()), 'the script was not opened');

      const result = await executeCommand<WorkspaceCheckResult | undefined>('tagsight.checkWorkspace');
      assert.ok(result, 'the command resolves with the pass it ran');
      // The four scripts of the other tests and scripts/; build/ and generated/ (search.exclude) are skipped.
      assert.deepEqual({ iac: result.iacFiles, code: result.codeFiles, findings: result.findings }, { iac: 0, code: 5, findings: 5 });
      assert.equal(workspaceCheckMessage(result), 'Tagsight checked 5 files: 5 problems.');
      // `tagsight check` on the same folder reads the same files (analyzers/file-scope.ts decides for both); the editor
      // leaves out the folder's search.exclude (generated/) on top.
      const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      const analyzers = createAnalyzers();
      const cliFiles = selectCheckFiles([folder], analyzers, silentLogger)
        .map(({ file }) => path.relative(folder, file))
        .filter((file) => !file.startsWith(`generated${path.sep}`));
      for (const analyzer of analyzers) (analyzer as { dispose?: () => void }).dispose?.();
      assert.ok(!cliFiles.some((file) => file.startsWith(`build${path.sep}`)), 'the CLI skips build output too');
      assert.equal(
        result.iacFiles + result.codeFiles + result.nothingToCheck + result.tooLarge,
        cliFiles.length,
        `the editor read as many files as the CLI would: ${cliFiles.join(', ')}`,
      );
      for (const skipped of [workspaceFile('build', 'create-logs-bucket.mjs'), workspaceFile('generated', 'create_bucket.py')]) {
        assert.deepEqual(regionDiagnostics(skipped), [], `nothing reported for ${vscode.workspace.asRelativePath(skipped)}`);
      }
      assert.equal(regionDiagnostics(script).length, 1, 'the closed script keeps its warning');
      await screenshot('region-check-workspace-result', { waitFor: '.notifications-toasts .notification-toast' });
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it("warns on the incident's code and links the README section", async () => {
      const uri = workspaceFile('create-archive-bucket.js');
      const { editor, diagnostic } = await openAndWait(uri, 'the region-mismatch warning on the incident code');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(diagnostic.range.start.line, 6, 'on the s3.send(...) call');
      assert.ok(diagnostic.message.length <= 160, diagnostic.message);
      assert.match(diagnostic.message, /^This ap-northeast-2 bucket is created through us-east-1/);
      assert.match(explained(diagnostic), /to create a bucket in ap-northeast-2/);
      assert.match(explained(diagnostic), /recorded in us-east-1, not in ap-northeast-2/);
      assert.match(explained(diagnostic), /likely to learn of the bucket only at its periodic sweep/);
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.value, 'tagsight.region-mismatch');
      assert.equal(code.target.fragment, 'region-mismatch');

      editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
      editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
      await screenshot('region-incident-warning', { waitFor: '.monaco-editor .squiggly-warning' });
      await vscode.commands.executeCommand('editor.action.showHover');
      await screenshot('region-incident-hover', { waitFor: '.monaco-hover' });
    });

    it("the quick fix sets the client to the bucket's region and the warning clears", async () => {
      const uri = workspaceFile('create-archive-bucket.js');
      const { editor, diagnostic } = await openAndWait(uri, 'the warning before the fix');
      await applyQuickFix(uri, diagnostic, "Set the client's region to ap-northeast-2");
      await waitFor(() => regionDiagnostics(uri).length === 0, { timeoutMs: 20_000, message: 'the warning to clear' });
      const text = editor.document.getText();
      assert.match(text, /const s3 = new S3Client\(\{ region: 'ap-northeast-2' \}\);/);
      assert.match(text, /LocationConstraint: 'ap-northeast-2'/, 'the rest of the file is untouched');
    });

    it('uses the configured region for a client without one, and names its source', async () => {
      const uri = workspaceFile('configured-region.js');
      await vscode.workspace
        .getConfiguration('tagsight')
        .update('regionCheck.assumedRegion', 'us-east-1', vscode.ConfigurationTarget.Global);
      try {
        const { diagnostic } = await openAndWait(uri, 'a warning judged with the configured region', (d) =>
          /tagsight\.regionCheck\.assumedRegion/.test(explained(d)),
        );
        assert.match(explained(diagnostic), /tagsight\.regionCheck\.assumedRegion/);
        await vscode.workspace
          .getConfiguration('tagsight')
          .update('regionCheck.assumedRegion', 'ap-south-1', vscode.ConfigurationTarget.Global);
        await waitFor(() => regionDiagnostics(uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error), {
          timeoutMs: 20_000,
          message: 'an IllegalLocationConstraintException error once the assumed region changes',
        });
      } finally {
        await vscode.workspace
          .getConfiguration('tagsight')
          .update('regionCheck.assumedRegion', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it("reports a failing aws s3api call in a shell script as an error with AWS's exception name", async () => {
      const uri = workspaceFile('make-bucket.sh');
      const { diagnostic } = await openAndWait(uri, 'the error on the s3api call');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostic.message, /IllegalLocationConstraintException/);
      await applyQuickFix(uri, diagnostic, "Add LocationConstraint 'eu-west-1'");
      await waitFor(() => regionDiagnostics(uri).length === 0, { timeoutMs: 20_000, message: 'the error to clear' });
    });

    // The next two tests write their files when they run, so the workspace check's count above stays that of the fixture.
    it("judges a client without a region by its tool's own variables: SDK v3 reads AWS_REGION, boto3 does not", async () => {
      // The extension host runs with AWS_REGION=us-east-1 and an empty ~/.aws (see test/integration/README.md).
      const js = workspaceFile('configured-region.js');
      const { diagnostic } = await openAndWait(js, 'the SDK v3 warning judged with AWS_REGION', (d) =>
        explained(d).includes('`AWS_REGION`'),
      );
      assert.match(explained(diagnostic), /client region us-east-1: `AWS_REGION`/);
      // The hover says the user's own environment decided, which `tagsight check` does not use unless asked.
      assert.match(explained(diagnostic), /judged it by your environment \(`AWS_REGION`\).*--assume-region or --use-local-aws-config/);

      const py = workspaceFile('configured_region.py');
      await vscode.workspace.fs.writeFile(
        py,
        new TextEncoder().encode(
          [
            'import boto3',
            '',
            "unset = boto3.client('s3')",
            "unset.create_bucket(Bucket='a', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})",
            "pinned = boto3.client('s3', region_name='us-east-1')",
            "pinned.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'ap-northeast-2'})",
            '',
          ].join('\n'),
        ),
      );
      try {
        await openAndWait(py, 'the warning on the boto3 client with a region in code');
        assert.deepEqual(
          regionDiagnostics(py).map((d) => d.range.start.line),
          [5],
          'nothing on the client without a region: boto3 ignores AWS_REGION',
        );
        await vscode.workspace
          .getConfiguration('tagsight')
          .update('regionCheck.assumedRegion', 'us-east-1', vscode.ConfigurationTarget.Global);
        const assumed = await waitFor(() => regionDiagnostics(py).find((d) => d.range.start.line === 3), {
          timeoutMs: 20_000,
          message: 'the setting to apply to boto3 too',
        });
        assert.match(explained(assumed), /tagsight\.regionCheck\.assumedRegion/);
      } finally {
        await vscode.workspace
          .getConfiguration('tagsight')
          .update('regionCheck.assumedRegion', undefined, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(py);
      }
    });

    it('checks the shell steps of a CircleCI config', async () => {
      const folder = workspaceFile('.circleci');
      const uri = workspaceFile('.circleci', 'config.yml');
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode(
          [
            'version: 2.1',
            'jobs:',
            '  deploy:',
            '    docker:',
            '      - image: cimg/base:stable',
            '    steps:',
            '      - run:',
            '          name: logs bucket',
            '          command: aws s3api create-bucket --bucket logs --region eu-west-1',
            '',
          ].join('\n'),
        ),
      );
      try {
        const { diagnostic } = await openAndWait(uri, 'the error on the CircleCI step');
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(diagnostic.range.start.line, 8);
        assert.equal(diagnostic.range.start.character, 19);
        assert.match(diagnostic.message, /IllegalLocationConstraintException/);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(folder, { recursive: true });
      }
    });

    it('with the demo account connected, says that the calling region has no recorder', async () => {
      const uri = workspaceFile('create_bucket.py');
      const { diagnostic } = await openAndWait(uri, 'the warning on the boto3 incident');
      assert.match(explained(diagnostic), /global endpoint s3\.amazonaws\.com/);
      assert.doesNotMatch(explained(diagnostic), /recorder in us-east-1/, 'nothing is said about recorders before a scan');
      const api = await getApi();
      await executeCommand('tagsight.useDemoAccount');
      await waitFor(() => api.account.session.state.kind === 'scanned', { timeoutMs: 45_000, message: 'the demo account scan' });
      const [updated] = await waitFor(
        () => {
          const list = regionDiagnostics(uri).filter((d) => /no recorder in us-east-1, the calling region/.test(explained(d)));
          return list.length ? list : undefined;
        },
        { timeoutMs: 20_000, message: 'the warning to name the missing us-east-1 recorder' },
      );
      assert.equal(updated!.severity, vscode.DiagnosticSeverity.Warning);
    });
  });
}
