import * as assert from 'node:assert/strict';
import { goConstraintName } from '../../../../src/analyzers/region/go';
import { createGoRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, applyEdits, fixTitled } from './helpers';
import { explained } from '../../helpers/finding-text';

const analyzer = createGoRegionAnalyzer();

const HEAD = `package main

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)
`;

function program(body: string): string {
  return `${HEAD}\nfunc main() {\n\tctx := context.TODO()\n${body}\n}\n`;
}

describe('region analyzer: Go (aws-sdk-go-v2)', () => {
  it('a us-east-1 client with an ap-northeast-2 constraint: regional us-east-1 endpoint, likely unseen by Config', async () => {
    const text = program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"))
	client := s3.NewFromConfig(cfg)
	client.CreateBucket(ctx, &s3.CreateBucketInput{
		Bucket:                    aws.String("b"),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintApNortheast2},
	})`);
    const [finding, ...rest] = await analyze(analyzer, 'main.go', text);
    assert.equal(rest.length, 0);
    assert.equal(finding!.rule, 'tagsight.region-mismatch');
    assert.equal(finding!.severity, 'warning');
    assert.equal(finding!.properties!.tool, 'go-v2');
    assert.equal(finding!.properties!.locationConstraint, 'ap-northeast-2');
    assert.match(explained(finding!), /the us-east-1 endpoint \(likely: the Go SDK's endpoint rules default to the regional endpoint\)/);
    assert.match(finding!.message, /likely/);
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /config\.WithRegion\("ap-northeast-2"\)/);
    assert.deepEqual(await analyze(analyzer, 'main.go', fixed), []);
  });

  it('no auto-fill: a regional client without a constraint fails; the fix adds one', async () => {
    const text = program(`	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.Region = "eu-west-1" })
	client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("b")})`).replace(
      'ctx := context.TODO()',
      'ctx := context.TODO()\n\tcfg := aws.Config{}',
    );
    const [finding] = await analyze(analyzer, 'main.go', text);
    assert.equal(finding!.severity, 'error');
    assert.match(finding!.message, /IllegalLocationConstraintException/);
    assert.match(explained(finding!), /the AWS SDK for Go v2 does not fill one in/);
    const fixed = applyEdits(text, fixTitled(finding, 'Add LocationConstraint'));
    assert.match(
      fixed,
      /CreateBucketConfiguration: &types\.CreateBucketConfiguration\{LocationConstraint: types\.BucketLocationConstraint\("eu-west-1"\)\}\}\)/,
    );
    assert.deepEqual(await analyze(analyzer, 'main.go', fixed), []);
  });

  it('options override the config region; constants and string constraints are followed', async () => {
    const text = `${HEAD}
const home = "eu-west-1"

func run(ctx context.Context, cfg aws.Config) {
	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.Region = home })
	input := &s3.CreateBucketInput{Bucket: aws.String("b"), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-central-1"}}
	client.CreateBucket(ctx, input)
}
`;
    const [finding] = await analyze(analyzer, 'main.go', text);
    assert.equal(finding!.severity, 'error');
    assert.equal(finding!.properties!.clientRegion, 'eu-west-1');
    assert.equal(finding!.properties!.regionSource, '`home` in code');
    assert.equal(finding!.properties!.locationConstraint, 'eu-central-1');
  });

  it('an explicit us-east-1 constraint fails whatever the client; the fix removes the configuration', async () => {
    const text = program(
      `	client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("b"), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintUsEast1}})`,
    );
    const [finding] = await analyze(analyzer, 'main.go', text);
    assert.equal(finding!.rule, 'tagsight.invalid-location-constraint');
    const fixed = applyEdits(text, fixTitled(finding, 'Remove the us-east-1'));
    assert.match(fixed, /&s3\.CreateBucketInput\{Bucket: aws\.String\("b"\)\}/);
  });

  it('matching regions, unknown regions and unknown constraints give nothing', async () => {
    const cases = [
      program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	client := s3.NewFromConfig(cfg)
	client.CreateBucket(ctx, &s3.CreateBucketInput{CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEuWest1}})`),
      program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	client := s3.NewFromConfig(cfg)
	client.CreateBucket(ctx, &s3.CreateBucketInput{CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEu}})`),
      // The environment's region: not modelled for Go, so unknown.
      program(`	cfg, _ := config.LoadDefaultConfig(ctx)
	client := s3.NewFromConfig(cfg)
	client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("b")})`),
      program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion(os.Getenv("R")))
	client := s3.NewFromConfig(cfg)
	client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("b")})`),
      program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"))
	client := s3.NewFromConfig(cfg)
	client.CreateBucket(ctx, &s3.CreateBucketInput{CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: pick()}})`),
      // Bound twice: unknown.
      program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"))
	client := s3.NewFromConfig(cfg)
	client = other
	client.CreateBucket(ctx, &s3.CreateBucketInput{CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-central-1"}})`),
      // Per-call options may change the region.
      program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"))
	client := s3.NewFromConfig(cfg)
	client.CreateBucket(ctx, &s3.CreateBucketInput{CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-central-1"}}, opt)`),
      program(`	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"))
	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String("http://localhost") })
	client.CreateBucket(ctx, &s3.CreateBucketInput{CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-central-1"}})`),
    ];
    for (const text of cases) assert.deepEqual(await analyze(analyzer, 'main.go', text), [], text);
  });

  it('s3.New with Options and the constraint names', async () => {
    const text = program(`	client := s3.New(s3.Options{Region: "ap-east-1"})
	client.CreateBucket(ctx, &s3.CreateBucketInput{CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintApSoutheast1}})`);
    const [finding] = await analyze(analyzer, 'main.go', text);
    assert.equal(finding!.properties!.clientRegion, 'ap-east-1');
    assert.equal(goConstraintName('UsGovWest1'), 'us-gov-west-1');
    assert.equal(goConstraintName('Eu'), 'EU');
  });

  it('a malformed file gives no crash', async () => {
    assert.deepEqual(
      await analyze(analyzer, 'main.go', 'package main\nfunc main() { client.CreateBucket(ctx, &s3.CreateBucketInput{ '),
      [],
    );
  });
});
