import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeTemplate, caseFolders, policyOf, sortedKeys } from './iac-conformance';

/**
 * cfn-lint with the example rules E9000/E9001 (required CostCenter, ApplicationName). Where the Tags property
 * exists both point at it; where it is absent cfn-lint points at `Properties`, Tagsight at the logical id.
 */
interface CfnLintFinding {
  address: string;
  missing_tags: string[];
  line: number;
  no_tags_property?: boolean;
}

const DIFFERENCES: Record<string, string> = {
  '05-resources-cognito-userpool-tag-is-string-map':
    "AWS::Cognito::UserPool tags through UserPoolTags (a string map); the example rules only look at Tags and see nothing, Tagsight reads the type's own tag property and reports the missing keys",
};

function logicalIdLine(text: string, logicalId: string): number {
  const index = text.split('\n').findIndex((line) => new RegExp(`^\\s+${logicalId}:\\s*$`).test(line));
  assert.ok(index >= 0, `logical id ${logicalId} not found`);
  return index + 1;
}

describe('conformance: cfn-lint (example required-tags rules)', () => {
  for (const testCase of caseFolders('cfn-lint')) {
    const difference = DIFFERENCES[testCase.name];
    it(`${testCase.name}${difference ? ` (differs on purpose: ${difference})` : ''}`, async () => {
      const file = path.join(testCase.dir, 'template.yaml');
      const text = fs.readFileSync(file, 'utf8');
      const findings = await analyzeTemplate(file, policyOf(testCase.expected.required_tags as string[]));
      const actual = findings.map((f) => ({ address: f.resource, missing: sortedKeys(f.missing), line: f.range.start.line + 1 }));
      if (difference) {
        assert.deepEqual(actual, [
          {
            address: 'MyCognitoUserPool',
            missing: ['ApplicationName', 'CostCenter'],
            line: text.split('\n').findIndex((line) => line.trim().startsWith('UserPoolTags:')) + 1,
          },
        ]);
        return;
      }
      const expected = (testCase.expected.expected_findings as CfnLintFinding[]).map((f) => ({
        address: f.address,
        missing: sortedKeys(f.missing_tags),
        line: f.no_tags_property ? logicalIdLine(text, f.address) : f.line,
      }));
      assert.deepEqual(actual, expected);
    });
  }
});
