import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getApi, waitFor, workspaceFile } from '../helpers';

/**
 * The organization's tag policy as a policy source, against the emulator's `org-aggregator` scenario (its tag
 * policy requires Owner and DataClassification of S3 buckets): read when the account connects, named in the
 * diagnostics as "AWS Organizations tag policy", and dropped while `tagsight.useAccountRules` is off.
 */
function missingTagsMessages(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Tagsight' && (typeof d.code === 'object' ? d.code.value : d.code) === 'tagsight.missing-tags')
    .map((d) => d.message);
}

export function register(): void {
  describe('Organizations tag policy as a policy source', function () {
    this.timeout(90_000);

    it('reads ListRequiredTags on connect and names the source in the diagnostics', async () => {
      const api = await getApi();
      await api.iacChecks.ready;
      assert.equal(api.iacChecks.policyMissing(), true, 'the fixture has no policy of its own');
      await api.account.session.connect({ kind: 'default-chain' });
      await api.organizationsPolicy.settled();
      const result = await waitFor(() => api.organizationsPolicy.lastResult(), {
        timeoutMs: 20_000,
        message: 'the organization policy to be read',
      });
      assert.equal(result.status, 'loaded');
      const uri = workspaceFile('main.tf');
      const [message] = await waitFor(
        () => {
          const messages = missingTagsMessages(uri).filter((m) => m.includes('DataClassification'));
          return messages.length ? messages : undefined;
        },
        { timeoutMs: 30_000, message: 'a missing-tags diagnostic on main.tf from the organization policy' },
      ).catch((error: Error) => {
        const requirements = api.iacChecks
          .policy()
          .requirements.map((r) => `${r.key} [${r.resourceTypes?.join(',') ?? '*'}] (${r.source.name})`);
        const seen = vscode.languages.getDiagnostics(uri).map((d) => d.message);
        throw new Error(`${error.message}; policy: ${requirements.join('; ')}; diagnostics: ${seen.join(' | ') || 'none'}`);
      });
      assert.match(message!, /^aws_s3_bucket\.data is missing required tag/);
      // The source is named in the hover (related information): the message is one sentence.
      const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.message === message);
      assert.ok(
        diagnostic?.relatedInformation?.some((related) => /AWS Organizations tag policy/.test(related.message)),
        JSON.stringify(diagnostic?.relatedInformation?.map((related) => related.message)),
      );
      assert.doesNotMatch(message!, /"Owner"/, 'Owner is set in the file');
      assert.ok(api.iacChecks.policy().requirements.some((r) => r.source.kind === 'organizations' && r.key === 'DataClassification'));
    });

    it("links the rule to the README shipped inside the extension, at the rule's section", async () => {
      const diagnostic = vscode.languages
        .getDiagnostics(workspaceFile('main.tf'))
        .find((d) => typeof d.code === 'object' && d.code.value === 'tagsight.missing-tags');
      const target = diagnostic && typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
      assert.ok(target, 'the diagnostic has a documentation link');
      assert.equal(target.scheme, 'file');
      assert.equal(target.fragment, 'tagsightmissing-tags');
      const readme = new TextDecoder().decode(await vscode.workspace.fs.readFile(target.with({ fragment: '' })));
      assert.match(readme, /^### `tagsight\.missing-tags`$/m);
    });

    it('drops the organization requirements while tagsight.useAccountRules is off, and reads them again when on', async () => {
      const api = await getApi();
      const settings = vscode.workspace.getConfiguration('tagsight');
      const fromOrganization = () => api.iacChecks.policy().requirements.filter((r) => r.source.kind === 'organizations');
      try {
        await settings.update('useAccountRules', false, vscode.ConfigurationTarget.Global);
        await waitFor(() => fromOrganization().length === 0, { message: 'the organization requirements to go' });
        await waitFor(() => !missingTagsMessages(workspaceFile('main.tf')).some((m) => m.includes('DataClassification')), {
          timeoutMs: 20_000,
          message: 'the diagnostic to clear',
        });
      } finally {
        await settings.update('useAccountRules', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitFor(() => fromOrganization().some((r) => r.key === 'DataClassification'), {
        timeoutMs: 20_000,
        message: 'the organization requirements to return',
      });
    });
  });
}
