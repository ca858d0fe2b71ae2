import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeFinding } from '../../src/core/code-finding';
import type { TagPolicy } from '../../src/core/tag-policy';
import { analyzePlan, analyzeTemplate, caseFolders, policyOf } from './iac-conformance';

/**
 * cfn-guard's check-tags-present examples: "every resource has non-empty Tags" (templates) and "every aws_s3_bucket
 * has non-empty tags" (Terraform plan JSON). Tagsight requires named keys, so the "any tag" requirement is emulated
 * with the keys the compliant resources carry: "Hi" in the templates, "Environment" and "Name" in the plans.
 */
interface GuardFinding {
  address: string;
}

const TEMPLATE_POLICY = policyOf(['Hi']);
const PLAN_POLICY = policyOf(['Environment', 'Name']);

const UNREGISTERED_TYPE =
  'Consoto::Network::VPC is not in the CloudFormation registry, and Tagsight checks only types the registry marks taggable; with a registered type the same resource is reported';
const TAGS_ALL =
  "the rule reads values.tags only; Tagsight reads values.tags_all, the tags the bucket actually gets (its own and the provider's default_tags), and here tags_all holds both keys; with tags_all left out the same resource is reported";

const DIFFERENCES: Record<string, string> = {
  'cfn-03-no-tags-property-fail': UNREGISTERED_TYPE,
  'cfn-05-empty-tags-list-fail': UNREGISTERED_TYPE,
  'tfplan-02-terraform-plan-json-for-s3-with-empty-tags-fail': TAGS_ALL,
  'tfplan-03-terraform-plan-json-for-s3-with-null-tags-fail': TAGS_ALL,
};

/** Writes `text` as `name` in a temporary directory, analyses it, removes it. */
async function analyzeVariant(
  name: string,
  text: string,
  analyze: (file: string, policy: TagPolicy) => Promise<CodeFinding[]>,
  policy: TagPolicy,
): Promise<CodeFinding[]> {
  const temp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-guard-')), name);
  fs.writeFileSync(temp, text);
  try {
    return await analyze(temp, policy);
  } finally {
    fs.rmSync(path.dirname(temp), { recursive: true, force: true });
  }
}

describe('conformance: cfn-guard check-tags-present', () => {
  for (const testCase of caseFolders('cfn-guard')) {
    const difference = DIFFERENCES[testCase.name];
    it(`${testCase.name}${difference ? ` (differs on purpose: ${difference})` : ''}`, async () => {
      const template = path.join(testCase.dir, 'template.yaml');
      const isTemplate = fs.existsSync(template);
      const input = isTemplate ? template : path.join(testCase.dir, 'tfplan.json');
      const [analyze, policy] = isTemplate ? [analyzeTemplate, TEMPLATE_POLICY] : [analyzePlan, PLAN_POLICY];
      const findings = await analyze(input, policy);
      const expected = (testCase.expected.expected_findings as GuardFinding[]).map((f) => f.address);
      if (!difference) {
        assert.deepEqual(
          findings.map((f) => f.resource),
          expected,
        );
        return;
      }
      if (isTemplate) {
        assert.deepEqual(findings, [], 'no finding for an unregistered type');
        // The same template with a registered taggable type: now the non-compliant resource is reported.
        const registered = fs.readFileSync(input, 'utf8').replace(/Consoto::Network::VPC/g, 'AWS::EC2::VPC');
        const again = await analyzeVariant('template.yaml', registered, analyzeTemplate, policy);
        assert.deepEqual(
          again.map((f) => f.resource),
          expected,
        );
        return;
      }
      assert.deepEqual(findings, [], 'no finding: tags_all carries Environment and Name');
      // What cfn-guard reads, values.tags alone: now the bucket is reported, missing both keys.
      const plan = JSON.parse(fs.readFileSync(input, 'utf8')) as {
        planned_values: { root_module: { resources: Array<{ values: Record<string, unknown> }> } };
      };
      for (const resource of plan.planned_values.root_module.resources) delete resource.values.tags_all;
      const again = await analyzeVariant('tfplan.json', JSON.stringify(plan, null, 2), analyzePlan, policy);
      assert.deepEqual(
        again.map((f) => [f.resource, f.missing]),
        expected.map((address) => [address, ['Environment', 'Name']]),
      );
    });
  }
});
