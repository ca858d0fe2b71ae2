import * as assert from 'node:assert/strict';
import { CloudFormationAnalyzer } from '../../../../src/analyzers/cloudformation/analyzer';
import { silentLogger } from '../../../../src/core/logger';
import { applyEdits, requireKeys } from '../terraform/analyze';
import { analyzeTemplateText } from './analyze';
import { explained } from '../../helpers/finding-text';

const summary = (findings: Awaited<ReturnType<typeof analyzeTemplateText>>) =>
  findings.map((f) => [f.rule, f.resource, f.missing ?? null, f.range.start.line, f.range.start.character]);

describe('CloudFormation Fn::ForEach resources', () => {
  const loop = (collection: string, parameters = '') => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
${parameters}Resources:
  Fn::ForEach::Topics:
    - TopicName
    - ${collection}
    - 'SnsTopic\${TopicName}':
        Type: AWS::SNS::Topic
        Properties:
          Tags:
            - Key: Env
              Value: !Ref TopicName
`;

  it('checks the template resource once per item of a literal list, naming the expanded logical ids', async () => {
    const findings = await analyzeTemplateText(loop('[Success, Failure]'), requireKeys('Owner'));
    assert.deepEqual(summary(findings), [['tagsight.missing-tags', 'SnsTopicSuccess, SnsTopicFailure', ['Owner'], 9, 10]]);
    assert.match(findings[0]!.message, /^SnsTopicSuccess, SnsTopicFailure is missing required tag "Owner"/);
    const fixed = applyEdits(loop('[Success, Failure]'), findings[0]!.fixes![0]!.edits);
    assert.deepEqual(await analyzeTemplateText(fixed, requireKeys('Owner')), []);
  });

  it('reads a value written with the identifier per item (a disallowed value names only its items)', async () => {
    const findings = await analyzeTemplateText(loop('[prod, Failure]'), requireKeys({ key: 'Env', allowedValues: ['prod', 'dev'] }));
    assert.deepEqual(summary(findings), [['tagsight.disallowed-tag-value', 'SnsTopicFailure', null, 11, 26]]);
  });

  it('takes the items of a Ref to a parameter from its Default', async () => {
    const parameters = 'Parameters:\n  Names:\n    Type: CommaDelimitedList\n    Default: "A, B"\n';
    const findings = await analyzeTemplateText(loop('!Ref Names', parameters), requireKeys('Owner'));
    assert.deepEqual(summary(findings), [['tagsight.missing-tags', 'SnsTopicA, SnsTopicB', ['Owner'], 13, 10]]);
  });

  it('checks once under the output key when the items are unknown, and never judges a value from the identifier', async () => {
    const parameters = 'Parameters:\n  Names:\n    Type: CommaDelimitedList\n';
    const findings = await analyzeTemplateText(loop('!Ref Names', parameters), requireKeys('Owner', { key: 'Env', allowedValues: ['x'] }));
    assert.deepEqual(summary(findings), [['tagsight.missing-tags', 'SnsTopic${TopicName}', ['Owner'], 12, 10]]);
  });

  it('reports nothing for an empty collection, and expands nested loops with &{} ids', async () => {
    assert.deepEqual(await analyzeTemplateText(loop('[]'), requireKeys('Owner')), []);
    const nested = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Outer:
    - Env
    - [dev, prod]
    - Fn::ForEach::Inner:
        - Name
        - [a.b, c]
        - 'Q&{Name}\${Env}':
            Type: AWS::SQS::Queue
`;
    assert.deepEqual(summary(await analyzeTemplateText(nested, requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'Qabdev, Qcdev, Qabprod, Qcprod', ['Owner'], 8, 10],
    ]);
  });
});

describe('CloudFormation TagSpecifications', () => {
  it("reads a launch template's own tags from its launch-template tag specification", async () => {
    const text = `Resources:
  LT:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      TagSpecifications:
        - ResourceType: launch-template
          Tags:
            - Key: Team
              Value: web
      LaunchTemplateData:
        TagSpecifications:
          - ResourceType: instance
            Tags:
              - Key: Owner
                Value: me
`;
    const findings = await analyzeTemplateText(text, requireKeys('Owner'));
    assert.deepEqual(summary(findings), [['tagsight.missing-tags', 'LT', ['Owner'], 6, 10]]);
    const fixed = applyEdits(text, findings[0]!.fixes![0]!.edits);
    assert.deepEqual(await analyzeTemplateText(fixed, requireKeys('Owner')), []);
  });

  it('reports a launch template without a launch-template specification at TagSpecifications, with no edit', async () => {
    const text = `Resources:
  LT:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      TagSpecifications:
        - ResourceType: volume
          Tags: [{Key: Owner, Value: me}]
      LaunchTemplateData: {}
  Fleet:
    Type: AWS::EC2::SpotFleet
    Properties:
      SpotFleetRequestConfigData:
        TagSpecifications: !Ref Specs
`;
    const findings = await analyzeTemplateText(text, requireKeys('Owner'));
    assert.deepEqual(summary(findings), [['tagsight.missing-tags', 'LT', ['Owner'], 4, 6]]);
    assert.deepEqual(findings[0]!.fixes, []);
  });

  it('gives an instance the instance tags of a launch template in the template, and judges nothing for an unknown one', async () => {
    const text = `Resources:
  LT:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      TagSpecifications: [{ResourceType: launch-template, Tags: [{Key: Owner, Value: me}]}]
      LaunchTemplateData:
        TagSpecifications:
          - ResourceType: instance
            Tags: [{Key: Owner, Value: me}]
  FromTemplate:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate: {LaunchTemplateId: !Ref LT, Version: !GetAtt LT.LatestVersionNumber}
  FromParameter:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate: {LaunchTemplateId: !Ref TemplateId, Version: "1"}
  Plain:
    Type: AWS::EC2::Instance
`;
    assert.deepEqual(summary(await analyzeTemplateText(text, requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'Plain', ['Owner'], 17, 2],
    ]);
  });
});

describe('Case hint', () => {
  it('names a key that differs only in case when its value is not a literal', async () => {
    const text =
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: environment\n          Value: !Ref Env\n';
    const findings = await analyzeTemplateText(text, requireKeys('Environment'));
    assert.equal(findings.length, 1);
    assert.match(explained(findings[0]!), /"environment" differs from "Environment" only in case/);
  });
});

describe('Fn::ForEach and the one-resource reparse after an edit', () => {
  it('an edit inside a loop gives what a fresh parse gives (the loop needs the Parameters)', async () => {
    const text = `Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
    Default: "A, B"
Resources:
  Fn::ForEach::Topics:
    - TopicName
    - !Ref Names
    - 'SnsTopic\${TopicName}':
        Type: AWS::SNS::Topic
        Properties:
          Tags:
            - Key: Owner
              Value: x
`;
    // Clean before the edit (so a snapshot for one-resource reuse exists), missing Owner after it.
    const context = { policy: requireKeys('Owner'), logger: silentLogger };
    const session = new CloudFormationAnalyzer().createSession('/tmp/loop.yaml');
    assert.deepEqual(await session.analyze(text, context), []);
    const at = text.indexOf('Key: Owner') + 'Key: Owne'.length;
    const edited = `${text.slice(0, at)}x${text.slice(at + 1)}`;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - text.lastIndexOf('\n', at - 1) - 1;
    const incremental = await session.analyze(edited, context, [
      { range: { start: { line, character }, end: { line, character: character + 1 } }, rangeOffset: at, rangeLength: 1, text: 'x' },
    ]);
    session.dispose();
    assert.deepEqual(incremental, await analyzeTemplateText(edited, context.policy, 'loop.yaml'));
    assert.deepEqual(summary(incremental), [['tagsight.missing-tags', 'SnsTopicA, SnsTopicB', ['Owner'], 12, 10]]);
  });
});
