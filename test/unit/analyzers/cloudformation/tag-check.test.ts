import * as assert from 'node:assert/strict';
import { CloudFormationAnalyzer } from '../../../../src/analyzers/cloudformation/analyzer';
import { applyEdits, requireKeys } from '../terraform/analyze';
import { analyzeTemplateText } from './analyze';

const summary = (findings: Awaited<ReturnType<typeof analyzeTemplateText>>) =>
  findings.map((f) => [f.rule, f.resource, f.missing ?? null, f.range.start.line]);

describe('CloudFormation tag checks', () => {
  it('recognises templates and ignores other YAML and JSON', async () => {
    const policy = requireKeys('Owner');
    assert.deepEqual(await analyzeTemplateText('name: build\non: push\njobs: {}\n', policy, 'ci.yml'), []);
    assert.deepEqual(await analyzeTemplateText('{"name":"x","version":"1.0.0"}', policy, 'config.json'), []);
    assert.equal((await analyzeTemplateText('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', policy)).length, 1);
    const analyzer = new CloudFormationAnalyzer();
    assert.equal(analyzer.handles('/w/package.json'), false);
    assert.equal(analyzer.handles('/w/stack.template'), true);
    assert.equal(analyzer.handles('/w/main.tf'), false);
  });

  it('reads list Tags, map Tags (SAM, EKS) and other property names (UserPoolTags)', async () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Tags:
        Owner: me
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolTags:
        Team: x
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: Owner
          Value: me
`;
    assert.deepEqual(summary(await analyzeTemplateText(text, requireKeys('Owner'))), [['tagsight.missing-tags', 'Pool', ['Owner'], 10]]);
  });

  it('applies SAM Globals tags to serverless resources', async () => {
    const text =
      'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Tags:\n      Owner: me\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: x\n';
    assert.deepEqual(await analyzeTemplateText(text, requireKeys('Owner')), []);
  });

  it('counts intrinsic values as unknown, not missing, and an intrinsic Tags list as unknown', async () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: Owner
          Value: !Ref OwnerParam
        - Key: Env
          Value: !Sub "\${Stage}"
  B:
    Type: AWS::S3::Bucket
    Properties:
      Tags: !Ref TagList
`;
    assert.deepEqual(await analyzeTemplateText(text, requireKeys('Owner', { key: 'Env', allowedValues: ['dev'] })), []);
  });

  it('checks each Fn::If branch and handles AWS::NoValue', async () => {
    const text = `Resources:
  A:
    Type: AWS::EC2::Instance
    Properties:
      Tags:
        - Key: Owner
          Value: me
        - !If
          - IsProd
          - Key: Env
            Value: prod
          - !Ref AWS::NoValue
`;
    const findings = await analyzeTemplateText(text, requireKeys('Owner', 'Env'));
    assert.deepEqual(summary(findings), [['tagsight.missing-tags', 'A', ['Env'], 4]]);
    assert.match(findings[0]!.message, /when IsProd is false/);
  });

  it('checks values against allowed values in each branch', async () => {
    const text = `Resources:
  A:
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: Env
          Value: !If [IsProd, prod, staging]
`;
    const findings = await analyzeTemplateText(text, requireKeys({ key: 'Env', allowedValues: ['dev', 'prod'] }));
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['tagsight.disallowed-tag-value'],
    );
    assert.match(findings[0]!.message, /"staging" when IsProd is false/);
  });

  it('reads JSON templates with long-form intrinsics', async () => {
    const text = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          A: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'Owner', Value: { Ref: 'O' } }] } },
          B: {
            Type: 'AWS::S3::Bucket',
            Properties: { Tags: [{ 'Fn::If': ['C', { Key: 'Owner', Value: 'x' }, { Ref: 'AWS::NoValue' }] }] },
          },
        },
      },
      null,
      2,
    );
    const findings = await analyzeTemplateText(text, requireKeys('Owner'), 'stack.json');
    assert.deepEqual(
      findings.map((f) => [f.resource, f.message.includes('when C is false')]),
      [['B', true]],
    );
  });

  it('survives broken YAML and JSON and reports what is whole, plus the parse error', async () => {
    const yaml = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: [AWS::S3::Bucket\n';
    assert.deepEqual(
      (await analyzeTemplateText(yaml, requireKeys('Owner'))).map((f) => f.resource ?? f.rule),
      ['tagsight.parse-error', 'A'],
    );
    const json = '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}, "B": {"Type": ';
    assert.deepEqual(
      (await analyzeTemplateText(json, requireKeys('Owner'), 'x.json')).map((f) => f.resource ?? f.rule),
      ['tagsight.parse-error', 'A'],
    );
  });
});

describe('CloudFormation quick fixes', () => {
  async function fix(text: string, keys: Parameters<typeof requireKeys>, file = 'template.yaml'): Promise<string> {
    const findings = await analyzeTemplateText(text, requireKeys(...keys), file);
    const fixable = findings.find((f) => f.fixes?.length);
    assert.ok(fixable, 'a fix is offered');
    return applyEdits(text, fixable.fixes![0]!.edits);
  }

  it('appends to a block Tags list at its indentation', async () => {
    const text = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n      - Key: Name\n        Value: x\n';
    assert.equal(await fix(text, ['Owner']), text + '      - Key: Owner\n        Value: value\n');
  });

  it('adds Tags under Properties, and Properties when absent; ASG items get PropagateAtLaunch', async () => {
    assert.equal(
      await fix('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n', ['Owner']),
      'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n      Tags:\n        - Key: Owner\n          Value: value\n',
    );
    assert.equal(
      await fix('Resources:\n  A:\n    Type: AWS::AutoScaling::AutoScalingGroup\n', ['Owner']),
      'Resources:\n  A:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      Tags:\n        - Key: Owner\n          Value: value\n          PropagateAtLaunch: true\n',
    );
  });

  it('adds to map-shaped tags and flow lists', async () => {
    assert.equal(
      await fix('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Tags:\n        Name: x\n', ['Owner']),
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Tags:\n        Name: x\n        Owner: value\n',
    );
    assert.equal(
      await fix('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: []\n', [{ key: 'Env', allowedValues: ['dev'] }]),
      'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [{Key: Env, Value: ""}]\n',
    );
  });

  it('fixes JSON templates in JSON', async () => {
    const text =
      '{\n  "Resources": {\n    "A": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": {\n        "Tags": [\n          { "Key": "Name", "Value": "x" }\n        ]\n      }\n    }\n  }\n}\n';
    const result = await fix(text, ['Owner'], 't.json');
    assert.deepEqual(JSON.parse(result).Resources.A.Properties.Tags, [
      { Key: 'Name', Value: 'x' },
      { Key: 'Owner', Value: 'value' },
    ]);
    const noProps = '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}}}';
    assert.deepEqual(JSON.parse(await fix(noProps, ['Owner'], 't.json')).Resources.A.Properties, {
      Tags: [{ Key: 'Owner', Value: 'value' }],
    });
  });
});
