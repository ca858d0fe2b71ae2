import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyQuickFix, getApi, screenshot, waitFor, workspaceFile } from '../helpers';

/**
 * Pulumi and the SDKs of Go and Java in the real editor: a Pulumi bucket lacking a key that neither its tags nor the
 * stack's aws:defaultTags give is reported and fixed in its tags object; a Go program whose eu-west-1 client creates an
 * ap-northeast-2 bucket gets the failure as an error, and a Java 2.x us-east-1 client the likely Config blind spot.
 */
function tagsightDiagnostics(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tagsight' && typeof d.code === 'object' && d.code.value === rule);
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

export function register(): void {
  describe('Pulumi and more SDKs', function () {
    this.timeout(60_000);

    before(async () => {
      const api = await getApi();
      await api.iacChecks.ready;
      assert.equal(api.iacChecks.policyMissing(), false, 'the fixture policy file is read');
    });

    it('reports the key a Pulumi bucket lacks (Owner comes from the stack) and fixes it in the tags object', async () => {
      const uri = workspaceFile('pulumi', 'index.ts');
      const document = await open(uri);
      const [diagnostic] = await waitFor(
        () => {
          const found = tagsightDiagnostics(uri, 'tagsight.missing-tags');
          return found.length ? found : undefined;
        },
        { timeoutMs: 20_000, message: 'the missing-tags diagnostic on the Pulumi bucket' },
      );
      assert.equal(diagnostic!.message.startsWith('aws.s3.Bucket "logs" is missing required tag "Team"'), true, diagnostic!.message);
      assert.equal(diagnostic!.range.start.line, 3, 'on the tags property');
      await screenshot('reach-pulumi-diagnostic', { waitFor: '.monaco-editor .squiggly-warning' });

      await applyQuickFix(uri, diagnostic!, 'Add missing tag "Team"');
      await waitFor(() => tagsightDiagnostics(uri, 'tagsight.missing-tags').length === 0, { message: 'the Pulumi diagnostic to clear' });
      assert.match(document.getText(), /tags: \{ Project: "reach", Team: "[^"]*" \}/);
    });

    it('a new stack without the default Owner tag brings the diagnostic back, naming that stack', async () => {
      const uri = workspaceFile('pulumi', 'index.ts');
      await open(uri);
      await vscode.workspace.fs.writeFile(
        workspaceFile('pulumi', 'Pulumi.prod.yaml'),
        new TextEncoder().encode('config:\n  aws:region: eu-west-1\n'),
      );
      const [diagnostic] = await waitFor(
        () => {
          const found = tagsightDiagnostics(uri, 'tagsight.missing-tags');
          return found.length ? found : undefined;
        },
        { timeoutMs: 20_000, message: 'the diagnostic for the stack without Owner' },
      );
      assert.match(diagnostic!.message, /missing required tag "Owner" in stack "prod"/);
    });

    it('shows the Go failure as an error on the CreateBucket call', async () => {
      const uri = workspaceFile('go', 'main.go');
      await open(uri);
      const [diagnostic] = await waitFor(
        () => {
          const found = tagsightDiagnostics(uri, 'tagsight.region-mismatch');
          return found.length ? found : undefined;
        },
        { timeoutMs: 20_000, message: 'the region-mismatch diagnostic in main.go' },
      );
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic!.range.start.line, 15, 'on client.CreateBucket(...)');
      assert.match(diagnostic!.message, /IllegalLocationConstraintException/);
      assert.match(diagnostic!.message, /eu-west-1/);
      await screenshot('reach-go-diagnostic', { waitFor: '.monaco-editor .squiggly-error' });
    });

    it('shows the Java 2.x us-east-1 client as a likely Config blind spot', async () => {
      const uri = workspaceFile('java', 'Buckets.java');
      await open(uri);
      const [diagnostic] = await waitFor(
        () => {
          const found = tagsightDiagnostics(uri, 'tagsight.region-mismatch');
          return found.length ? found : undefined;
        },
        { timeoutMs: 20_000, message: 'the region-mismatch diagnostic in Buckets.java' },
      );
      assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(diagnostic!.message, /created through us-east-1, so Config in ap-northeast-2 likely sees it only at its periodic sweep/);
      // The endpoint itself is named in the hover (related information), not in the one-sentence message.
      assert.ok(
        diagnostic!.relatedInformation?.some((related) => /global endpoint s3\.amazonaws\.com/.test(related.message)),
        JSON.stringify(diagnostic!.relatedInformation?.map((r) => r.message)),
      );
      await applyQuickFix(uri, diagnostic!, "Set the client's region");
      await waitFor(() => tagsightDiagnostics(uri, 'tagsight.region-mismatch').length === 0, { message: 'the Java diagnostic to clear' });
    });
  });
}
