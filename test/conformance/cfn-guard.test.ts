import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeTemplate, caseFolders, policyOf } from './iac-conformance';

/**
 * cfn-guard's check-tags-present examples: "every resource has non-empty Tags". Tagsight requires named keys, so
 * the "any tag" requirement is emulated with the key the compliant resources carry ("Hi").
 */
interface GuardFinding { address: string }

const DIFFERENCES: Record<string, string> = {
  'cfn-03-no-tags-property-fail': 'Consoto::Network::VPC is not in the CloudFormation registry, and Tagsight checks only types the registry marks taggable; with a registered type the same resource is reported',
  'cfn-05-empty-tags-list-fail': 'Consoto::Network::VPC is not in the CloudFormation registry, and Tagsight checks only types the registry marks taggable; with a registered type the same resource is reported',
  'tfplan-02-terraform-plan-json-for-s3-with-empty-tags-fail': 'Terraform plan JSON is not analysed: Tagsight reads the .tf sources, where tags and provider default_tags are visible before any plan (this plan has the tags in tags_all, from default_tags)',
  'tfplan-03-terraform-plan-json-for-s3-with-null-tags-fail': 'Terraform plan JSON is not analysed: Tagsight reads the .tf sources, where tags and provider default_tags are visible before any plan (this plan has the tags in tags_all, from default_tags)',
};

describe('conformance: cfn-guard check-tags-present', () => {
  const policy = policyOf(['Hi']);
  for (const testCase of caseFolders('cfn-guard')) {
    const difference = DIFFERENCES[testCase.name];
    it(`${testCase.name}${difference ? ` (differs on purpose: ${difference})` : ''}`, async () => {
      const input = fs.existsSync(path.join(testCase.dir, 'template.yaml')) ? path.join(testCase.dir, 'template.yaml') : path.join(testCase.dir, 'tfplan.json');
      const findings = await analyzeTemplate(input, policy);
      if (!difference) {
        assert.deepEqual(findings.map((f) => f.resource), (testCase.expected.expected_findings as GuardFinding[]).map((f) => f.address));
        return;
      }
      assert.deepEqual(findings, [], 'no finding for an unregistered type or a plan file');
      if (input.endsWith('template.yaml')) {
        // The same template with a registered taggable type: now the non-compliant resource is reported.
        const registered = fs.readFileSync(input, 'utf8').replace(/Consoto::Network::VPC/g, 'AWS::EC2::VPC');
        const temp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-guard-')), 'template.yaml');
        fs.writeFileSync(temp, registered);
        try {
          const again = await analyzeTemplate(temp, policy);
          assert.deepEqual(again.map((f) => f.resource), (testCase.expected.expected_findings as GuardFinding[]).map((f) => f.address));
        } finally {
          fs.rmSync(path.dirname(temp), { recursive: true, force: true });
        }
      }
    });
  }
});
