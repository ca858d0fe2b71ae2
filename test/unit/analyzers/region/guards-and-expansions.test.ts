import * as assert from 'node:assert/strict';
import {
  createJavaScriptRegionAnalyzer,
  createPythonRegionAnalyzer,
  createShellRegionAnalyzer,
} from '../../../../src/analyzers/region/region-analyzer';
import { analyze, context } from './helpers';

/**
 * Region false positives from real repositories: arguments the script builds at run time, and calls in a branch
 * chosen by the region. Each case has a control that differs only in what is under test and gives the finding.
 */
const inFrankfurt = context({ configuredRegion: () => ({ region: 'eu-central-1', source: '`AWS_REGION`' }) });
const summary = (findings: Awaited<ReturnType<typeof analyze>>) =>
  findings.map((f) => [f.rule, f.range.start.line, f.range.start.character]);

describe('region check: arguments from expansions', () => {
  const shell = createShellRegionAnalyzer();

  it('treats options that may come from $cfg or "${args[@]}" as unknown, not absent', async () => {
    const control = 'aws s3api create-bucket --bucket b\n';
    assert.deepEqual(summary(await analyze(shell, 'mk.sh', control, inFrankfurt)), [['tagsight.region-mismatch', 0, 0]]);
    for (const text of [
      'aws s3api create-bucket --bucket b $cfg\n',
      'args=(--create-bucket-configuration LocationConstraint=eu-central-1)\naws s3api create-bucket --bucket b "${args[@]}"\n',
      'aws s3api create-bucket --bucket b "$@"\n',
      'cfg="--create-bucket-configuration LocationConstraint=eu-central-1"\naws s3api create-bucket --bucket b $cfg\n',
    ])
      assert.deepEqual(await analyze(shell, 'mk.sh', text, inFrankfurt), [], text);
  });

  it('still judges what is written out, and a known word without options', async () => {
    const text =
      'name=plain\naws s3api create-bucket --bucket b --region us-east-1 --create-bucket-configuration LocationConstraint=us-east-1 $name\n';
    assert.deepEqual(summary(await analyze(shell, 'mk.sh', text, inFrankfurt)), [['tagsight.invalid-location-constraint', 1, 84]]);
    assert.deepEqual(summary(await analyze(shell, 'mk.sh', 'b=x\naws s3api create-bucket --bucket b $b\n', inFrankfurt)), [
      ['tagsight.region-mismatch', 1, 0],
    ]);
  });
});

describe('region check: branches guarded by the region', () => {
  it('Python: if region != "us-east-1" ... else ...', async () => {
    const python = createPythonRegionAnalyzer();
    const guarded = `import boto3
s3 = boto3.client("s3")
region = "us-east-1"
if region != "us-east-1":
    s3.create_bucket(Bucket="b", CreateBucketConfiguration={"LocationConstraint": region})
else:
    s3.create_bucket(Bucket="b")
`;
    assert.deepEqual(await analyze(python, 'a.py', guarded, inFrankfurt), []);
    const unguarded = guarded.replace('if region != "us-east-1":', 'if bucket_missing:');
    assert.deepEqual(summary(await analyze(python, 'a.py', unguarded, inFrankfurt)), [
      ['tagsight.invalid-location-constraint', 4, 82],
      ['tagsight.region-mismatch', 6, 4],
    ]);
    // An explicit 'us-east-1' written in the call fails in every region: still reported under a guard.
    const literal = guarded.replace('"LocationConstraint": region', '"LocationConstraint": "us-east-1"');
    assert.deepEqual(summary(await analyze(python, 'a.py', literal, inFrankfurt)), [['tagsight.invalid-location-constraint', 4, 82]]);
  });

  it('JavaScript/TypeScript: if/else on the region', async () => {
    const js = createJavaScriptRegionAnalyzer();
    const guarded = `import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
const region = 'us-east-1';
if (region !== 'us-east-1') {
  await s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: region } }));
} else {
  await s3.send(new CreateBucketCommand({ Bucket: 'b' }));
}
`;
    assert.deepEqual(await analyze(js, 'a.ts', guarded, inFrankfurt), []);
    const unguarded = guarded.replace("if (region !== 'us-east-1')", 'if (missing)');
    assert.deepEqual(summary(await analyze(js, 'a.ts', unguarded, inFrankfurt)), [['tagsight.invalid-location-constraint', 4, 104]]);
  });

  it('shell: if [ "$REGION" != us-east-1 ] and [ ... ] && ...', async () => {
    const shell = createShellRegionAnalyzer();
    const guarded = `REGION=us-east-1
if [ "$REGION" != us-east-1 ]; then
  aws s3api create-bucket --bucket b --create-bucket-configuration LocationConstraint=$REGION
else
  aws s3api create-bucket --bucket b
fi
[ "$AWS_REGION" = us-east-1 ] && aws s3api create-bucket --bucket c
`;
    assert.deepEqual(await analyze(shell, 'mk.sh', guarded, inFrankfurt), []);
    const unguarded = guarded
      .replace('[ "$REGION" != us-east-1 ]', '[ -n "$CREATE" ]')
      .replace('[ "$AWS_REGION" = us-east-1 ]', '[ -n "$C" ]');
    assert.deepEqual(summary(await analyze(shell, 'mk.sh', unguarded, inFrankfurt)), [
      ['tagsight.invalid-location-constraint', 2, 67],
      ['tagsight.region-mismatch', 4, 2],
      ['tagsight.region-mismatch', 6, 15],
    ]);
  });
});
