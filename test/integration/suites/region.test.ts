import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, executeCommand, getApi, screenshot, waitFor, workspaceFile } from '../helpers';

/**
 * Region mismatch in code, in the real editor: the incident's JavaScript (a us-east-1 S3Client creating an
 * ap-northeast-2 bucket) gets the warning with its README link, the quick fix moves the client to the bucket's
 * region and the warning clears; a client without a region in code is judged with the configured region and the
 * diagnostic names that source; a shell script's failing call is an error.
 */
const REGION_RULES = new Set(['tagsight.region-mismatch', 'tagsight.invalid-location-constraint']);

function regionDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return d.source === 'Tagsight' && REGION_RULES.has(String(code));
  });
}

async function openAndWait(uri: vscode.Uri, what: string): Promise<{ editor: vscode.TextEditor; diagnostic: vscode.Diagnostic }> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const [diagnostic] = await waitFor(() => (regionDiagnostics(uri).length ? regionDiagnostics(uri) : undefined), { timeoutMs: 20_000, message: what });
  return { editor, diagnostic: diagnostic! };
}

export function register(): void {
  describe('Region mismatch in code', function () {
    this.timeout(60_000);

    before(async () => {
      const api = await getApi();
      await api.iacChecks.ready;
    });

    it('warns on the incident\'s code and links the README section', async () => {
      const uri = workspaceFile('create-archive-bucket.js');
      const { editor, diagnostic } = await openAndWait(uri, 'the region-mismatch warning on the incident code');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(diagnostic.range.start.line, 6, 'on the s3.send(...) call');
      assert.match(diagnostic.message, /created in ap-northeast-2/);
      assert.match(diagnostic.message, /recorded in us-east-1, not in ap-northeast-2/);
      assert.match(diagnostic.message, /likely to learn of the bucket only at its periodic sweep/);
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.value, 'tagsight.region-mismatch');
      assert.equal(code.target.fragment, 'region-mismatch');

      editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
      editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
      await screenshot('region-incident-warning', { waitFor: '.monaco-editor .squiggly-warning' });
      await vscode.commands.executeCommand('editor.action.showHover');
      await screenshot('region-incident-hover', { waitFor: '.monaco-hover' });
    });

    it('the quick fix sets the client to the bucket\'s region and the warning clears', async () => {
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
      await vscode.workspace.getConfiguration('tagsight').update('regionCheck.assumedRegion', 'us-east-1', vscode.ConfigurationTarget.Global);
      try {
        const { diagnostic } = await openAndWait(uri, 'a warning judged with the configured region');
        assert.match(diagnostic.message, /tagsight\.regionCheck\.assumedRegion/);
        await vscode.workspace.getConfiguration('tagsight').update('regionCheck.assumedRegion', 'ap-south-1', vscode.ConfigurationTarget.Global);
        await waitFor(() => regionDiagnostics(uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error), {
          timeoutMs: 20_000,
          message: 'an IllegalLocationConstraintException error once the assumed region changes',
        });
      } finally {
        await vscode.workspace.getConfiguration('tagsight').update('regionCheck.assumedRegion', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('reports a failing aws s3api call in a shell script as an error with AWS\'s exception name', async () => {
      const uri = workspaceFile('make-bucket.sh');
      const { diagnostic } = await openAndWait(uri, 'the error on the s3api call');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostic.message, /IllegalLocationConstraintException/);
      await applyQuickFix(uri, diagnostic, "Add LocationConstraint 'eu-west-1'");
      await waitFor(() => regionDiagnostics(uri).length === 0, { timeoutMs: 20_000, message: 'the error to clear' });
    });

    it('with the demo account connected, says that the calling region has no recorder', async () => {
      const uri = workspaceFile('create_bucket.py');
      const { diagnostic } = await openAndWait(uri, 'the warning on the boto3 incident');
      assert.match(diagnostic.message, /global endpoint s3\.amazonaws\.com/);
      assert.doesNotMatch(diagnostic.message, /recorder in us-east-1/, 'nothing is said about recorders before a scan');
      const api = await getApi();
      await executeCommand('tagsight.useDemoAccount');
      await waitFor(() => api.account.session.state.kind === 'scanned', { timeoutMs: 45_000, message: 'the demo account scan' });
      const [updated] = await waitFor(() => {
        const list = regionDiagnostics(uri).filter((d) => /no recorder in us-east-1, the calling region/.test(d.message));
        return list.length ? list : undefined;
      }, { timeoutMs: 20_000, message: 'the warning to name the missing us-east-1 recorder' });
      assert.equal(updated!.severity, vscode.DiagnosticSeverity.Warning);
    });
  });
}
