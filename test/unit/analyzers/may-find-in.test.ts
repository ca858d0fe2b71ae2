import * as assert from 'node:assert/strict';
import type { DocumentAnalyzer } from '../../../src/analyzers/document-analyzer';
import { createAnalyzers } from '../../../src/analyzers/registry';

/**
 * Each analyzer's cheap text test (`mayFindIn`), which the editor's workspace check applies to every file before
 * any parse: it accepts each spelling the analyzer reads, and turns away the files it can find nothing in.
 * (test/unit/analyzers/region/helpers.ts also checks it on every text of the region tests.)
 */
describe('mayFindIn: the cheap text test before any parse', () => {
  const analyzers = createAnalyzers();
  const byId = (id: string): DocumentAnalyzer => analyzers.find((analyzer) => analyzer.id === id)!;
  after(() => {
    for (const analyzer of analyzers) (analyzer as { dispose?: () => void }).dispose?.();
  });

  it('says what each analyzer reads', () => {
    assert.deepEqual(
      analyzers.map((analyzer) => `${analyzer.id}:${analyzer.kind}`),
      [
        'terraform:iac',
        'terraform-plan:iac',
        'cloudformation:iac',
        'cdk:iac',
        'pulumi:iac',
        'region-javascript:code',
        'region-python:code',
        'region-shell:code',
        'region-makefile:code',
        'region-ci-yaml:code',
        'region-go:code',
        'region-java:code',
        'region-csharp:code',
      ],
    );
  });

  const ACCEPTED: Record<string, string[]> = {
    'region-javascript': [
      "await s3.send(new CreateBucketCommand({ Bucket: 'b' }));",
      "await new S3({ region: 'us-east-1' }).createBucket({ Bucket: 'b' });",
      "new AWS.S3().createBucket({ Bucket: 'b' }).promise();",
    ],
    'region-python': ["s3.create_bucket(Bucket='b')", "boto3.resource('s3').Bucket('b').create()"],
    'region-shell': ['aws s3api create-bucket --bucket b', 'aws s3 mb s3://b', 'aws --region us-east-1 s3  mb s3://b'],
    'region-makefile': ['bucket:\n\t@aws s3api create-bucket --bucket b\n', 'bucket:\n\taws s3 mb s3://b\n'],
    'region-ci-yaml': ['jobs:\n  a:\n    steps:\n      - run: aws s3 mb s3://b\n'],
    cloudformation: ['AWSTemplateFormatVersion: "2010-09-09"\n', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n'],
    'terraform-plan': ['{"format_version":"1.2","planned_values":{}}'],
    cdk: ["import * as cdk from 'aws-cdk-lib';", "import * as s3 from '@aws-cdk/aws-s3';", 'from aws_cdk import Stack'],
    pulumi: ['import * as aws from "@pulumi/aws";', 'import pulumi_aws as aws', 'from pulumi_aws import s3'],
    'region-go': ['client.CreateBucket(ctx, &s3.CreateBucketInput{})'],
    'region-java': ['s3.createBucket(CreateBucketRequest.builder().bucket("b").build());', 'v1.createBucket("b");'],
    'region-csharp': ['await client.PutBucketAsync(new PutBucketRequest { BucketName = "b" });', 'client.PutBucket("b");'],
  };
  const TURNED_AWAY: Record<string, string[]> = {
    'region-javascript': ["import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nawait s3.send(new PutObjectCommand({}));"],
    'region-python': ["s3 = boto3.client('s3')\ns3.put_object(Bucket='b', Key='k')"],
    'region-shell': ['aws s3 cp a s3://b/a', 'make-bucket --create'],
    'region-makefile': ['all:\n\tnpm run build\n'],
    'region-ci-yaml': ['jobs:\n  a:\n    steps:\n      - run: npm test\n'],
    // The demo's tag policy is JSON, and neither a template nor a plan.
    cloudformation: [
      '{ "tags": { "service": { "tag_key": { "@@assign": "Service" } } } }',
      '{"format_version":"1.2","planned_values":{"Resources":"AWS::S3::Bucket"}}',
    ],
    'terraform-plan': ['{ "tags": {} }', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n'],
    // CDK and Terraform CDK programs are not Pulumi programs.
    pulumi: ['import * as s3 from "aws-cdk-lib/aws-s3";', 'import pulumi\nfrom pulumi_gcp import storage'],
    'region-go': ['client.PutObject(ctx, &s3.PutObjectInput{})', 'func CreateBucketName() string { return "b" }'],
    'region-java': ['s3.putObject(request, body);'],
    'region-csharp': ['await client.PutObjectAsync(request);'],
  };

  for (const [id, texts] of Object.entries(ACCEPTED)) {
    it(`${id} accepts what it reads`, () => {
      for (const text of texts) assert.ok(byId(id).mayFindIn(text), text);
    });
  }
  for (const [id, texts] of Object.entries(TURNED_AWAY)) {
    it(`${id} turns away files it can find nothing in`, () => {
      for (const text of texts) assert.ok(!byId(id).mayFindIn(text), text);
    });
  }

  it('terraform reads every .tf file (a module may hold only default_tags or variables)', () => {
    assert.ok(byId('terraform').mayFindIn('variable "x" {}\n'));
  });
});
