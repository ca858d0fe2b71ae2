import * as assert from 'node:assert/strict';
import { parseTemplate } from '../../../../src/analyzers/cloudformation/parse-template';
import { reindentContinuations } from '../../../../src/analyzers/cloudformation/lenient-yaml';
import { type CfnNode, entry } from '../../../../src/analyzers/cloudformation/template-node';
import { applyEdits, requireKeys } from '../terraform/analyze';
import { analyzeTemplateText } from './analyze';

/**
 * YAML that PyYAML (so CloudFormation) accepts and YAML 1.2 rejects: continuation lines of a quoted scalar or a
 * flow collection not indented deeper than their key. Read as PyYAML reads them, with positions as written.
 */
const owner = requireKeys('Owner');

function at(root: CfnNode | undefined, ...path: string[]): CfnNode | undefined {
  let node = root;
  for (const key of path) node = entry(node, key)?.value;
  return node;
}

function plain(node: CfnNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  if (node.kind === 'intrinsic') return { [node.name]: plain(node.argument) };
  return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
}

describe('CloudFormation YAML as PyYAML reads it', () => {
  it("a quoted scalar continued at the key's column: PyYAML's value, exact positions", () => {
    const text = "Outputs:\n  Hint:\n    Value: 'first line\n    continued at key indentation'\n  Other:\n    Value: x\n";
    const template = parseTemplate(text, 'yaml');
    assert.deepEqual(template.errors, []);
    const value = at(template.root, 'Outputs', 'Hint', 'Value')!;
    assert.equal(plain(value), 'first line continued at key indentation');
    assert.deepEqual(value.range, { start: { line: 2, character: 11 }, end: { line: 3, character: 33 } });
    assert.deepEqual(entry(at(template.root, 'Outputs'), 'Other')!.keyRange, {
      start: { line: 4, character: 2 },
      end: { line: 4, character: 7 },
    });
  });

  it("a flow map whose content and brace sit at the key's column", () => {
    const text =
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedriveAllowPolicy: {\n      "redrivePermission": "allowAll"\n      }\n      QueueName: q\n';
    const template = parseTemplate(text, 'yaml');
    assert.deepEqual(template.errors, []);
    const policy = at(template.root, 'Resources', 'Q', 'Properties', 'RedriveAllowPolicy')!;
    assert.deepEqual(plain(policy), { redrivePermission: 'allowAll' });
    assert.deepEqual(policy.range, { start: { line: 4, character: 26 }, end: { line: 6, character: 7 } });
    const key = entry(at(policy), 'redrivePermission')!;
    assert.deepEqual(key.keyRange, { start: { line: 5, character: 6 }, end: { line: 5, character: 25 } });
    assert.deepEqual(entry(at(template.root, 'Resources', 'Q', 'Properties'), 'QueueName')!.keyRange.start, { line: 7, character: 6 });
  });

  it("a !Sub quoted JSON document whose closing line sits at the key's column", () => {
    const text =
      'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n          PolicyDocument: !Sub \'{\n              "Version": "2012-10-17"\n          }\'\n          Path: /\n';
    const template = parseTemplate(text, 'yaml');
    assert.deepEqual(template.errors, []);
    const document = at(template.root, 'Resources', 'P', 'Properties', 'PolicyDocument')!;
    assert.deepEqual(plain(document), { 'Fn::Sub': '{ "Version": "2012-10-17" }' });
    assert.deepEqual(document.range.end, { line: 6, character: 12 });
    assert.equal(plain(at(template.root, 'Resources', 'P', 'Properties', 'Path')), '/');
  });

  it("a flow sequence with a short-form intrinsic and its bracket at the key's column", () => {
    const text =
      'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Layers: [\n      !Ref L\n      ]\n      Runtime: python3.12\n';
    const template = parseTemplate(text, 'yaml');
    assert.deepEqual(template.errors, []);
    const layers = at(template.root, 'Resources', 'F', 'Properties', 'Layers')!;
    assert.deepEqual(plain(layers), [{ Ref: 'L' }]);
    assert.deepEqual(layers.kind === 'seq' ? layers.items[0]!.range.start : undefined, { line: 5, character: 11 });
    assert.equal(plain(at(template.root, 'Resources', 'F', 'Properties', 'Runtime')), 'python3.12');
  });

  it('a finding and its quick fix after such a construct land where the text says', async () => {
    const text =
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedriveAllowPolicy: {\n      "redrivePermission": "allowAll"\n      }\n      Tags:\n        - Key: Team\n          Value: \'a\n          b\'\n';
    const findings = await analyzeTemplateText(text, owner);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.resource, f.range.start.line, f.range.start.character]),
      [['tagsight.missing-tags', 'Q', 7, 6]],
    );
    const fixed = applyEdits(text, findings[0]!.fixes![0]!.edits);
    assert.match(fixed, /          b'\n        - Key: Owner\n          Value: value\n$/);
    assert.deepEqual(await analyzeTemplateText(fixed, owner), []);
  });

  it('keeps the parse error for YAML that is really invalid, with a true message', async () => {
    const text =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n  MappingRestEdge:curc\n  B:\n    Type: AWS::S3::Bucket\n';
    const findings = await analyzeTemplateText(text, owner);
    assert.equal(findings[0]!.rule, 'tagsight.parse-error');
    assert.deepEqual(findings[0]!.range.start, { line: 4, character: 2 });
    assert.match(findings[0]!.message, /past line 5: a line is not a "key: value" pair;/);
    const unclosed =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: \'oops\n';
    const unclosedFindings = await analyzeTemplateText(unclosed, owner);
    assert.match(unclosedFindings[0]!.message, /a quoted string is not closed/);
    assert.deepEqual(unclosedFindings[0]!.range.start, { line: 5, character: 18 });
  });

  it('adds spaces only where needed, and maps every shadow offset back', () => {
    assert.equal(reindentContinuations("a:\n  b: 'x\n     y'\n"), undefined);
    assert.equal(reindentContinuations("a: |\n  'x\n  {\n"), undefined);
    const shadow = reindentContinuations("v: 'x\ny'\nw: 1\n")!;
    assert.equal(shadow.text, "v: 'x\n y'\nw: 1\n");
    assert.deepEqual(
      [0, 5, 6, 7, 8, 9, 10].map((offset) => shadow.toOriginal(offset)),
      [0, 5, 6, 6, 7, 8, 9],
    );
    // A document marker inside the quote ends the document for PyYAML as well: left as it is.
    assert.equal(reindentContinuations("v: 'x\n--- y'\n"), undefined);
  });
});

describe('JSON templates as CloudFormation reads them', () => {
  it('rejects a trailing comma, at the comma', async () => {
    const text =
      '{\n  "Resources": {\n    "A": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [{ "Key": "Owner", "Value": "me" }], } }\n  }\n}\n';
    const findings = await analyzeTemplateText(text, owner, 'stack.json');
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range.start.line, f.range.start.character]),
      [['tagsight.parse-error', 2, 97]],
    );
    assert.match(findings[0]!.message, /a trailing comma is not allowed in JSON/);
  });
});
