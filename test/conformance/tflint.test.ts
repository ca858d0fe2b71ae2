import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformAnalyzer } from '../../src/analyzers/terraform/analyzer';
import { diskSourceFiles } from '../../src/app/disk-source-files';
import { buildModuleModel } from '../../src/analyzers/terraform/module-model';
import { checkProviderDefaultTags } from '../../src/analyzers/terraform/tag-check';
import { createParser } from '../../src/analyzers/parser-runtime';
import type { CodeFinding } from '../../src/core/code-finding';
import { analyzeTerraformDir, caseFolders, policyOf, sortedKeys } from './iac-conformance';

/**
 * tflint-ruleset-aws: aws_resource_missing_tags and aws_provider_missing_default_tags. Ranges compare exactly
 * (tflint's HCL ranges are 1-based with exclusive end columns, like ours once converted).
 */
interface TflintFinding {
  address: string;
  missing_tags: string[];
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  kind: string;
}

function tflintConfig(dir: string): { tags: string[]; exclude: string[] } {
  const text = fs.readFileSync(path.join(dir, '.tflint.hcl'), 'utf8');
  const list = (name: string) => JSON.parse(new RegExp(`${name}\\s*=\\s*(\\[[^\\]]*\\])`).exec(text)?.[1] ?? '[]') as string[];
  return { tags: list('tags'), exclude: list('exclude') };
}

function asTflint(finding: CodeFinding) {
  return {
    address: finding.resource,
    missing: sortedKeys(finding.missing),
    range: [finding.range.start.line + 1, finding.range.start.character + 1, finding.range.end.line + 1, finding.range.end.character + 1],
  };
}

function expectedAsTflint(finding: TflintFinding) {
  return {
    address: finding.address,
    missing: sortedKeys(finding.missing_tags),
    range: [finding.range.start.line, finding.range.start.column, finding.range.end.line, finding.range.end.column],
  };
}

/** Cases where Tagsight differs on purpose, with the reason; each still asserts what Tagsight does instead. */
const RESOURCE_RULE_DIFFERENCES: Record<string, { reason: string; expect: (findings: ReturnType<typeof asTflint>[]) => void }> = {
  '09-autoscaling-group-with-both-tag-block-and-tags-attribute': {
    reason:
      "tflint reports the tag/tags conflict; Tagsight judges the union of both forms and reports what is missing from it (the conflict is the provider's to reject)",
    expect: (findings) =>
      assert.deepEqual(
        findings.map((f) => [f.address, f.missing]),
        [['aws_autoscaling_group.asg', ['Bar']]],
      ),
  },
  '22-historical-provider-reference-no-existent': {
    reason:
      'historical case (removed upstream in 0f212c50): current tflint, like Tagsight, treats an unknown provider alias as having no default tags and reports the missing key instead of failing',
    expect: (findings) =>
      assert.deepEqual(
        findings.map((f) => [f.address, f.missing, f.range[0]]),
        [['aws_instance.ec2_instance', ['Foo'], 10]],
      ),
  },
};

describe('conformance: tflint aws_resource_missing_tags', () => {
  for (const testCase of caseFolders('tflint-aws_resource_missing_tags')) {
    const difference = RESOURCE_RULE_DIFFERENCES[testCase.name];
    it(`${testCase.name}${difference ? ` (differs on purpose: ${difference.reason})` : ''}`, async () => {
      const config = tflintConfig(testCase.dir);
      const findings = (await analyzeTerraformDir(testCase.dir, policyOf(config.tags)))
        // The provider's own default_tags are judged by the other rule (suite below).
        .filter((finding) => finding.properties?.kind !== 'provider-default-tags')
        // tflint's `exclude`: in Tagsight a requirement is scoped by resource types; the rule config is emulated here.
        .filter((finding) => !config.exclude.some((type) => finding.resource?.startsWith(`${type}.`)))
        .map(asTflint);
      if (difference) {
        difference.expect(findings);
        return;
      }
      const expected = (testCase.expected.expected_findings as TflintFinding[]).map(expectedAsTflint);
      assert.deepEqual(findings, expected);
    });
  }
});

describe('conformance: tflint aws_provider_missing_default_tags', () => {
  for (const testCase of caseFolders('tflint-aws_provider_missing_default_tags')) {
    it(testCase.name, async () => {
      const config = tflintConfig(testCase.dir);
      const file = path.join(testCase.dir, 'module.tf');
      const text = fs.readFileSync(file, 'utf8');
      const parser = await createParser('terraform');
      const tree = parser.parse(text)!;
      try {
        const model = buildModuleModel([{ path: file, root: tree.rootNode, text }]);
        // tflint's rule, when enabled, also requires the block itself: the same option here.
        const findings = checkProviderDefaultTags(
          { root: tree.rootNode, text, filePath: file, model, policy: policyOf(config.tags) },
          { requireBlock: true },
        );
        const expected = (testCase.expected.expected_findings as TflintFinding[]).map(expectedAsTflint);
        assert.deepEqual(findings.map(asTflint), expected);
      } finally {
        tree.delete();
        parser.delete();
      }
    });
  }

  it('the editor analyzer reports a default_tags block that lacks keys, but not a provider without one', async () => {
    const analyzer = new TerraformAnalyzer();
    const dir = caseFolders('tflint-aws_provider_missing_default_tags');
    const missingKey = dir.find((c) => c.name.startsWith('02-'))!;
    const noBlock = dir.find((c) => c.name.startsWith('04-'))!;
    const policy = policyOf(['Bazz', 'Fooz']);
    const run = async (folder: string) => {
      const file = path.join(folder, 'module.tf');
      const session = analyzer.createSession(file);
      const result = await session.analyze(fs.readFileSync(file, 'utf8'), {
        policy,
        logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
        files: diskSourceFiles,
      });
      session.dispose();
      return result;
    };
    assert.deepEqual(
      (await run(missingKey.dir)).map((f) => [f.resource, f.missing]),
      [['provider.aws', ['Bazz']]],
    );
    assert.deepEqual(await run(noBlock.dir), []);
    analyzer.dispose();
  });
});
