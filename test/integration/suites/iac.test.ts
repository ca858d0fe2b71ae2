import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, getApi, screenshot, waitFor, workspaceFile } from '../helpers';

/**
 * Required tags in Terraform and CloudFormation, in the real editor: diagnostics from the fixture's policy file
 * (AWS Organizations syntax), quick fixes applied through the code action provider, diagnostics clearing, the
 * background check of files nobody opened, and a malformed policy file reported at its error.
 */
function tagDiagnostics(uri: vscode.Uri, resource?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return d.source === 'Tagsight' && code === 'tagsight.missing-tags' && (!resource || d.message.startsWith(resource));
  });
}

export function register(): void {
  describe('IaC required tags', function () {
    this.timeout(60_000);

    before(async () => {
      const api = await getApi();
      await api.iacChecks.ready;
      assert.equal(api.iacChecks.policyMissing(), false, 'the fixture policy file is read');
    });

    it('shows a diagnostic on a Terraform resource and clears it with the quick fix', async () => {
      const uri = workspaceFile('main.tf');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const [diagnostic] = await waitFor(
        () => (tagDiagnostics(uri, 'aws_s3_bucket.logs').length ? tagDiagnostics(uri, 'aws_s3_bucket.logs') : undefined),
        { message: 'the missing-tags diagnostic on aws_s3_bucket.logs' },
      );
      assert.match(diagnostic!.message, /"CostCenter", "Environment"/);
      assert.ok(diagnostic!.message.length <= 160, diagnostic!.message);
      assert.deepEqual(
        diagnostic!.relatedInformation?.map((related) => related.message),
        ['Required by policy file tag-policy.json.'],
        'the policy source is in the hover',
      );
      assert.equal(diagnostic!.range.start.line, 4, 'on the resource header (no tags attribute)');
      const queue = tagDiagnostics(uri, 'aws_sqs_queue.jobs');
      assert.equal(queue.length, 1, 'the queue lacks Environment');
      assert.equal(queue[0]!.range.start.line, 10, 'on the tags attribute');

      await applyQuickFix(uri, diagnostic!, 'Add missing tags');
      await waitFor(() => tagDiagnostics(uri, 'aws_s3_bucket.logs').length === 0, { message: 'the bucket diagnostic to clear' });
      const text = document.getText();
      assert.match(
        text,
        /resource "aws_s3_bucket" "logs" \{\n  bucket = "tagsight-fixture-logs"\n  tags = \{\n    CostCenter = "[^"]*"\n    Environment = ""\n  \}\n\}/,
      );
      // Environment has allowed values: the fix leaves it empty (no value chosen for the user), and that stays flagged.
      await waitFor(
        () => vscode.languages.getDiagnostics(uri).some((d) => d.message.includes('tag "Environment" value "" is not allowed')),
        { message: 'the empty value flagged' },
      );
      assert.ok(text.includes('resource "aws_sqs_queue" "jobs"'), 'the rest of the file is untouched');
    });

    it("adds a key into an existing tags map in the file's style", async () => {
      const uri = workspaceFile('main.tf');
      const [diagnostic] = await waitFor(
        () => (tagDiagnostics(uri, 'aws_sqs_queue.jobs').length ? tagDiagnostics(uri, 'aws_sqs_queue.jobs') : undefined),
        { message: 'the queue diagnostic' },
      );
      await applyQuickFix(uri, diagnostic!, 'Add missing tag "Environment"');
      await waitFor(() => tagDiagnostics(uri, 'aws_sqs_queue.jobs').length === 0, { message: 'the queue diagnostic to clear' });
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
      assert.match(document.getText(), /tags = \{\n    CostCenter = "1234"\n    Environment = ""\n  \}/);
    });

    it('fixes a CloudFormation template the same way', async () => {
      const uri = workspaceFile('template.yaml');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const [diagnostic] = await waitFor(() => (tagDiagnostics(uri, 'Uploads').length ? tagDiagnostics(uri, 'Uploads') : undefined), {
        message: 'the diagnostic on Uploads',
      });
      assert.match(diagnostic!.message, /"Environment"/);
      await applyQuickFix(uri, diagnostic!, 'Add missing tag');
      await waitFor(() => tagDiagnostics(uri, 'Uploads').length === 0, { message: 'the template diagnostic to clear' });
      assert.match(
        document.getText(),
        /        - Key: CostCenter\n          Value: "1234"\n        - Key: Environment\n          Value: ""/,
      );
    });

    it('fixes every finding of a file with source.fixAll.tagsight', async () => {
      const uri = workspaceFile('fix-all.tf');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await waitFor(() => tagDiagnostics(uri).length === 2, { message: 'two findings in fix-all.tf' });
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        whole,
        'source.fixAll.tagsight',
      );
      const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.tagsight');
      assert.ok(fixAll?.edit, `a fix-all action among: ${actions.map((a) => `${a.title} (${a.kind?.value})`).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      await waitFor(() => tagDiagnostics(uri).length === 0, { message: 'every finding of fix-all.tf to clear' });
      assert.match(document.getText(), /tags = \{\n    Environment = "prod"\n    CostCenter  = "value"\n  \}/);
    });

    it('reads a half-typed Terraform file: the parse error as information, the whole blocks still checked', async () => {
      const uri = workspaceFile('half-typed.tf');
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode('locals {\n  name = "oops\n}\nresource "aws_s3_bucket" "typed" {}\n'),
      );
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const parseErrors = () =>
        vscode.languages
          .getDiagnostics(uri)
          .filter((d) => d.source === 'Tagsight' && typeof d.code === 'object' && d.code.value === 'tagsight.parse-error');
      const [parseError] = await waitFor(() => (parseErrors().length ? parseErrors() : undefined), {
        message: 'the parse error on half-typed.tf',
      });
      assert.equal(parseError!.severity, vscode.DiagnosticSeverity.Information, 'the Terraform extension marks the syntax error itself');
      assert.equal(parseError!.range.start.line, 1);
      assert.equal(tagDiagnostics(uri, 'aws_s3_bucket.typed').length, 1, 'the whole block after the broken one is checked');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(1, 14), '"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => parseErrors().length === 0, { message: 'the parse error to clear once the string is closed' });
      assert.equal(tagDiagnostics(uri, 'aws_s3_bucket.typed').length, 1);
    });

    it('checks files nobody opened in the background', async () => {
      const uri = workspaceFile('closed', 'network.tf');
      const [diagnostic] = await waitFor(() => (tagDiagnostics(uri).length ? tagDiagnostics(uri) : undefined), {
        timeoutMs: 20_000,
        message: 'a diagnostic on the closed file',
      });
      assert.match(diagnostic!.message, /aws_vpc\.main/);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was not opened');
    });

    it('shows the quick fix menu on a diagnostic (screenshot)', async () => {
      const uri = workspaceFile('closed', 'network.tf');
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      const [diagnostic] = await waitFor(() => (tagDiagnostics(uri).length ? tagDiagnostics(uri) : undefined), {
        message: 'the diagnostic of the opened file',
      });
      editor.selection = new vscode.Selection(diagnostic!.range.start, diagnostic!.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await screenshot('iac-quick-fix-menu', { waitFor: '.action-widget' });
      await vscode.commands.executeCommand('hideCodeActionWidget');
    });

    it('reports a malformed policy file at the error position', async () => {
      const uri = workspaceFile('tag-policy.json');
      const api = await getApi();
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode('{\n  "tags": {\n    "costcenter": { "tag_key": { "@@assign": 42 } }\n  }\n}\n'),
      );
      const [problem] = await waitFor(
        () => {
          const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tagsight');
          return list.length ? list : undefined;
        },
        { timeoutMs: 15_000, message: 'a diagnostic on the policy file' },
      );
      assert.equal(problem!.range.start.line, 2);
      assert.match(problem!.message, /@@assign/);
      assert.equal(problem!.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(api.iacChecks.policyMissing(), true, 'no valid requirement is left');
    });
  });
}
