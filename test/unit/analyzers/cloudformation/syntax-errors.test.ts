import * as assert from 'node:assert/strict';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { requireKeys } from '../terraform/analyze';
import { analyzeTemplateText } from './analyze';
import { explained } from '../../helpers/finding-text';

/**
 * Templates with syntax errors: one parse-error finding at the first error, the broken resource left out, and the
 * resources after it read again when the parser lost them (an unclosed quote, a tab, an unclosed JSON string).
 */
const summary = (findings: readonly CodeFinding[]) => findings.map((f) => [f.rule, f.resource ?? null, f.range.start.line]);
const HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n';
const owner = requireKeys('Owner');

describe('CloudFormation templates with syntax errors', () => {
  it('YAML: an unclosed quote in one resource loses neither the resources before nor after it', async () => {
    const text = `${HEADER}  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: "oops\n  C:\n    Type: AWS::S3::Bucket\n`;
    const findings = await analyzeTemplateText(text, owner);
    assert.deepEqual(summary(findings), [
      ['tagsight.parse-error', null, 7],
      ['tagsight.missing-tags', 'A', 2],
      ['tagsight.missing-tags', 'C', 8],
    ]);
    assert.equal(findings[0]!.severity, 'error');
    assert.equal(
      findings[0]!.message,
      'Tagsight could not read this file past line 8: a quoted string is not closed; fix it to have the rest checked.',
    );
    assert.deepEqual(findings[0]!.range, { start: { line: 7, character: 18 }, end: { line: 7, character: 19 } });
    const single = `${HEADER}  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: 'it''s\n  C:\n    Type: AWS::S3::Bucket\n`;
    assert.deepEqual(summary(await analyzeTemplateText(single, owner)), [
      ['tagsight.parse-error', null, 7],
      ['tagsight.missing-tags', 'A', 2],
      ['tagsight.missing-tags', 'C', 8],
    ]);
  });

  it('YAML: a tab, a bad indentation, an unclosed flow sequence: the broken resource is left out, the others kept', async () => {
    const cases: Array<[string, string, number]> = [
      [`${HEADER}  B:\n\tType: AWS::S3::Bucket\n  C:\n    Type: AWS::S3::Bucket\n`, 'tabs are not allowed as indentation', 6],
      [
        `${HEADER}  B:\n    Type: AWS::S3::Bucket\n     Properties: x\n  C:\n    Type: AWS::S3::Bucket\n`,
        'nested mappings are not allowed in compact mappings',
        7,
      ],
      [
        `${HEADER}  B:\n    Type: [AWS::S3::Bucket\n  C:\n    Type: AWS::S3::Bucket\n`,
        'flow sequence in block collection must be sufficiently indented and end with a ]',
        6,
      ],
    ];
    for (const [text, what, lineOfC] of cases) {
      const findings = await analyzeTemplateText(text, owner);
      assert.deepEqual(
        findings.slice(1).map((f) => [f.resource, f.range.start.line]),
        [
          ['A', 2],
          ['C', lineOfC],
        ],
        text,
      );
      assert.match(explained(findings[0]!), new RegExp(`The parser said: ${what.replace(/[[\]]/g, '\\$&')}\\. Findings cover`), text);
    }
  });

  it('YAML: an error outside Resources keeps every resource', async () => {
    const text = `${HEADER}  C:\n    Type: AWS::S3::Bucket\nOutputs:\n  X:\n    Value: "oops\n  Y:\n    Value: 1\n`;
    assert.deepEqual(summary(await analyzeTemplateText(text, owner)), [
      ['tagsight.parse-error', null, 8],
      ['tagsight.missing-tags', 'A', 2],
      ['tagsight.missing-tags', 'C', 4],
    ]);
  });

  it('JSON: an unclosed string or a missing comma in one resource keeps the others, with the error in plain words', async () => {
    const unclosed =
      '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {\n "A": {"Type": "AWS::S3::Bucket"},\n "B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "x}},\n "C": {"Type": "AWS::S3::Bucket"}\n}}\n';
    const findings = await analyzeTemplateText(unclosed, owner, 'stack.json');
    assert.deepEqual(summary(findings), [
      ['tagsight.parse-error', null, 2],
      ['tagsight.missing-tags', 'A', 1],
      ['tagsight.missing-tags', 'C', 3],
    ]);
    assert.match(explained(findings[0]!), /past line 3: a string is not closed; fix it .* Findings cover only the resources/);
    const comma = unclosed
      .replace('"BucketName": "x}}', '"BucketName": "x"}}')
      .replace('"AWS::S3::Bucket", "Properties"', '"AWS::S3::Bucket" "Properties"');
    const commaFindings = await analyzeTemplateText(comma, owner, 'stack.json');
    assert.deepEqual(summary(commaFindings), [
      ['tagsight.parse-error', null, 2],
      ['tagsight.missing-tags', 'A', 1],
      ['tagsight.missing-tags', 'C', 3],
    ]);
    assert.match(commaFindings[0]!.message, /: a "," is expected;/);
  });

  it('reports a template too broken to be recognised, but not a YAML file that is no template', async () => {
    assert.deepEqual(
      summary(await analyzeTemplateText('AWSTemplateFormatVersion: "2010-09-09\nResources:\n  A:\n    Type: AWS::S3::Bucket\n', owner)),
      [['tagsight.parse-error', null, 0]],
    );
    assert.deepEqual(await analyzeTemplateText('apiVersion: v1\nkind: "Pod\nmetadata: {}\nResources: x\n', owner, 'pod.yaml'), []);
  });
});
