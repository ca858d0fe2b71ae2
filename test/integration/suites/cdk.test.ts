import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, getApi, screenshot, waitFor, workspaceFile } from '../helpers';

/**
 * Required tags in an AWS CDK app, in the real editor: the construct tree and Tags.of calls of a TypeScript app
 * (the stack's tags count, the queue's Tags.of counts), the diagnostic on the construct, its quick fix inserting
 * `cdk.Tags.of(logs).add('Owner', '')`, and a Python app where Tags.of(app) covers everything.
 */
function tagDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return d.source === 'Tagsight' && code === 'tagsight.missing-tags';
  });
}

export function register(): void {
  describe('CDK required tags', function () {
    this.timeout(60_000);

    before(async () => {
      const api = await getApi();
      await api.iacChecks.ready;
      assert.equal(api.iacChecks.policyMissing(), false, 'the fixture policy file is read');
    });

    it('shows a diagnostic on the construct that lacks a tag and fixes it with Tags.of', async () => {
      const uri = workspaceFile('app.ts');
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      const [diagnostic, ...others] = await waitFor(() => (tagDiagnostics(uri).length ? tagDiagnostics(uri) : undefined), {
        message: 'the missing-tags diagnostic on Prod/Logs',
      });
      assert.equal(others.length, 0, 'the queue has Owner (Tags.of) and CostCenter (stack tags)');
      // One sentence on the squiggle; where the requirement comes from is in the hover (related information).
      assert.equal(diagnostic!.message, 'Prod/Logs is missing required tag "Owner"; add it.');
      assert.ok(diagnostic!.relatedInformation?.some((related) => related.message === 'Required by policy file tag-policy.json.'));
      assert.equal(diagnostic!.range.start.line, 8, 'on the Bucket construct');
      editor.selection = new vscode.Selection(diagnostic!.range.start, diagnostic!.range.start);
      editor.revealRange(diagnostic!.range, vscode.TextEditorRevealType.InCenter);
      await screenshot('cdk-missing-tag', { waitFor: '.monaco-editor .squiggly-warning' });

      await applyQuickFix(uri, diagnostic!, 'Add missing tag "Owner" with cdk.Tags.of(logs)');
      await waitFor(() => tagDiagnostics(uri).length === 0, { message: 'the diagnostic to clear' });
      assert.ok(
        document.getText().includes("      versioned: true,\n    });\n    cdk.Tags.of(logs).add('Owner', '');\n    const jobs"),
        document.getText(),
      );
      await screenshot('cdk-fixed', { waitFor: '.monaco-editor .view-line' });
    });

    it('follows Tags.of(app) in a Python app: nothing to report', async () => {
      const uri = workspaceFile('app.py');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      // The Python app differs from the TypeScript one only by Tags.of(app): first prove it is analysed at all.
      const edit = new vscode.WorkspaceEdit();
      const line = document
        .getText()
        .split('\n')
        .findIndex((text) => text.startsWith('Tags.of(app)'));
      edit.replace(uri, new vscode.Range(line, 0, line + 1, 0), '');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const [diagnostic] = await waitFor(() => (tagDiagnostics(uri).length ? tagDiagnostics(uri) : undefined), {
        message: 'Prod/Archive lacks Owner without Tags.of(app)',
      });
      assert.match(diagnostic!.message, /^Prod\/Archive is missing required tag "Owner"/);
      await vscode.commands.executeCommand('undo');
      await waitFor(() => document.getText().includes('Tags.of(app)') && tagDiagnostics(uri).length === 0, {
        message: 'Tags.of(app) back and the diagnostic gone',
      });
    });
  });
}
