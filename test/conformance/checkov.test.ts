import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTemplate } from '../../src/analyzers/cloudformation/parse-template';
import { tagVariants } from '../../src/analyzers/cloudformation/tag-values';
import { type CfnNode, entry } from '../../src/analyzers/cloudformation/template-node';
import type { TagPolicy } from '../../src/core/tag-policy';
import { analyzeTemplate, analyzeTerraformDir, caseFolders, policyOf, sortedKeys } from './iac-conformance';

/**
 * Checkov: YAML custom policies (`tags.X exists`, `equals` alternatives), CKV_AWS_153, and the CloudFormation
 * tag extraction. Checkov reports whole resources; Tagsight points at the header when the tags are absent, which
 * is the first line of Checkov's resource_line_range.
 */
interface CheckovFinding {
  address: string;
  missing_tags: string[];
  line?: number;
}

/** Each Checkov policy of a case as a Tagsight policy. */
const POLICIES: Record<string, TagPolicy> = {
  '01-tag-environment-exists-s3-bucket': {
    requirements: [{ key: 'Environment', resourceTypes: ['aws_s3_bucket'], source: { kind: 'setting', name: 'conformance' } }],
  },
  '02-tag-environment-exists-all-resource-types': policyOf(['Environment']),
  '03-buckets-with-env-tag-value': {
    requirements: [
      {
        key: 'Environment',
        allowedValues: ['Dev', 'Prod'],
        resourceTypes: ['aws_s3_bucket'],
        source: { kind: 'setting', name: 'conformance' },
      },
    ],
  },
  // CKV_AWS_153 asks for "any tag"; Tagsight requires named keys, so the case uses a key that the passing groups carry.
  '04-ckv-aws-153-asg-tagging': policyOf(['foo']),
};

const OUT_OF_SCOPE: Record<string, string> = {
  '05-ckv2-aws-45-config-recorder-enabled':
    'a Config recorder setting, not a tag rule: the IaC tag analyzers do not judge aws_config_configuration_recorder_status',
  '06-ckv2-aws-48-config-records-global': 'a Config recorder setting, not a tag rule: the IaC tag analyzers do not judge recording_group',
};

describe('conformance: checkov', () => {
  for (const testCase of caseFolders('checkov')) {
    const outOfScope = OUT_OF_SCOPE[testCase.name];
    if (testCase.name === '07-cfn-tag-extraction-intrinsics') {
      it(`${testCase.name}: extracted tag keys`, () => {
        const template = parseTemplate(fs.readFileSync(path.join(testCase.dir, 'template.yaml'), 'utf8'), 'yaml');
        const resources = entry(template.root, 'Resources')?.value;
        const expected = testCase.expected.expected_tag_keys as Record<string, string[] | null>;
        for (const [logicalId, keys] of Object.entries(expected)) {
          const tagsNode = entry(entry(entry(resources, logicalId)?.value, 'Properties')?.value, 'Tags')?.value as CfnNode | undefined;
          if (keys === null) {
            assert.equal(tagsNode, undefined, logicalId);
            continue;
          }
          // Checkov drops tags inside !If; Tagsight checks each branch. The keys certain in every branch are Checkov's.
          const variants = tagVariants(tagsNode);
          const certain = [...variants[0]!.tags.entries.keys()].filter((key) => variants.every((v) => v.tags.entries.has(key)));
          assert.deepEqual(certain.sort(), [...keys].sort(), logicalId);
          if (logicalId === 'TerraformServerAutoScalingGroup') {
            assert.equal(variants.length, 4, 'two independent conditions give four branches');
            assert.ok(variants.some((v) => v.tags.entries.has('PublicRouteDependency') && v.conditions.includes('CreateVpc is true')));
          }
        }
      });
      it(`${testCase.name}: findings with required Name, Environment (derived)`, async () => {
        const derived = testCase.expected.expected_findings_if_required_tags as { required_tags: string[]; findings: CheckovFinding[] };
        const findings = await analyzeTemplate(path.join(testCase.dir, 'template.yaml'), policyOf(derived.required_tags));
        const actual = findings.map((f) => [f.resource, sortedKeys(f.missing)]).sort();
        assert.deepEqual(actual, derived.findings.map((f) => [f.address, sortedKeys(f.missing_tags)]).sort());
      });
      continue;
    }
    it(`${testCase.name}${outOfScope ? ` (out of scope on purpose: ${outOfScope})` : ''}`, async () => {
      if (outOfScope) {
        // What Tagsight does instead: no tag finding for these resources, even with a required tag.
        const findings = await analyzeTerraformDir(testCase.dir, policyOf(['Environment']));
        assert.ok(
          findings.every((f) => !f.resource?.startsWith('aws_config_configuration_recorder')),
          'Config recorders are not taggable',
        );
        return;
      }
      const policy = POLICIES[testCase.name];
      assert.ok(policy, `no policy mapping for case ${testCase.name}`);
      const findings = await analyzeTerraformDir(testCase.dir, policy);
      const expected = (testCase.expected.expected_findings as CheckovFinding[]).map((f) => [f.address, f.line]);
      const missing = findings.filter((f) => f.rule === 'tagsight.missing-tags').map((f) => [f.resource, f.range.start.line + 1]);
      assert.deepEqual(missing, expected);
      const passing = testCase.expected.expected_passing as string[];
      for (const address of passing)
        assert.ok(!findings.some((f) => f.resource === address), `${address} passes in Checkov and must pass here`);
    });
  }
});
