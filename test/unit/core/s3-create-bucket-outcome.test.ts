import * as assert from 'node:assert/strict';
import { decideCreateBucketOutcome as decide, GLOBAL_REGION } from '../../../src/core/s3-create-bucket-outcome';

describe('decideCreateBucketOutcome', () => {
  it('JS v3 fills the constraint from the client region, except in us-east-1', () => {
    assert.equal(decide({ tool: 'js-v3', clientRegion: 'eu-west-1' }).outcome, 'ok');
    assert.equal(decide({ tool: 'js-v3', clientRegion: 'eu-west-1' }).sentConstraint, 'eu-west-1');
    assert.equal(decide({ tool: 'js-v3', clientRegion: 'us-east-1' }).outcome, 'ok');
    assert.equal(decide({ tool: 'js-v3', clientRegion: 'us-east-1' }).sentConstraint, undefined);
  });

  it('the incident: a us-east-1 client creating an ap-northeast-2 bucket succeeds but goes unseen', () => {
    const result = decide({ tool: 'js-v3', clientRegion: 'us-east-1', locationConstraint: 'ap-northeast-2' });
    assert.equal(result.outcome, 'unseen-by-config');
    assert.equal(result.bucketRegion, 'ap-northeast-2');
    assert.equal(result.endpointRegion, 'us-east-1');
    assert.equal(result.globalEndpoint, false);
  });

  it('boto3 and JS v2 send us-east-1 calls to the global endpoint', () => {
    assert.equal(decide({ tool: 'boto3', clientRegion: 'us-east-1', locationConstraint: 'eu-west-1' }).globalEndpoint, true);
    assert.equal(decide({ tool: 'js-v2', clientRegion: 'us-east-1', locationConstraint: 'eu-west-1' }).globalEndpoint, true);
    assert.equal(decide({ tool: 'aws-cli-s3api', clientRegion: 'us-east-1', locationConstraint: 'eu-west-1' }).globalEndpoint, false);
  });

  it('boto3 and s3api send no constraint of their own: a regional endpoint then fails', () => {
    for (const tool of ['boto3', 'aws-cli-s3api'] as const) {
      const result = decide({ tool, clientRegion: 'eu-west-1' });
      assert.equal(result.outcome, 'fails');
      assert.equal(result.exception, 'IllegalLocationConstraintException');
      assert.equal(result.reason, 'missing-constraint-on-regional-endpoint');
    }
    assert.equal(decide({ tool: 'boto3', clientRegion: 'us-east-1' }).outcome, 'ok');
  });

  it("a regional endpoint rejects another region's constraint", () => {
    const result = decide({ tool: 'boto3', clientRegion: 'eu-west-1', locationConstraint: 'ap-northeast-2' });
    assert.equal(result.outcome, 'fails');
    assert.equal(result.reason, 'constraint-differs-from-endpoint');
  });

  it('an explicit us-east-1 constraint is InvalidLocationConstraint', () => {
    const result = decide({ tool: 'aws-cli-s3api', clientRegion: 'us-east-1', locationConstraint: 'us-east-1' });
    assert.equal(result.outcome, 'fails');
    assert.equal(result.exception, 'InvalidLocationConstraint');
  });

  it('EU means eu-west-1', () => {
    assert.equal(decide({ tool: 'boto3', clientRegion: 'eu-west-1', locationConstraint: 'EU' }).outcome, 'ok');
    assert.equal(decide({ tool: 'boto3', clientRegion: 'us-east-1', locationConstraint: 'EU' }).bucketRegion, 'eu-west-1');
  });

  it('regions launched after 2019-03-20 cannot be created from us-east-1', () => {
    const result = decide({ tool: 'boto3', clientRegion: 'us-east-1', locationConstraint: 'ap-east-1' });
    assert.equal(result.outcome, 'fails');
    assert.equal(result.reason, 'region-launched-after-2019');
    assert.equal(decide({ tool: 'boto3', clientRegion: 'us-east-1', locationConstraint: 'sa-east-1' }).outcome, 'unseen-by-config');
  });

  it('the 2019 cut-off follows the opt-in regions; a region newer than the built-in list counts as new', () => {
    const reason = (region: string) => decide({ tool: 'boto3', clientRegion: 'us-east-1', locationConstraint: region }).reason;
    assert.equal(reason('ap-southeast-7'), 'region-launched-after-2019');
    assert.equal(reason('ap-northeast-3'), undefined, 'opened in 2018 as a local region: not claimed to fail');
    assert.equal(reason('eu-north-9'), 'region-launched-after-2019');
  });

  it('aws s3 mb fills the constraint like JS v3', () => {
    assert.equal(decide({ tool: 'aws-cli-s3-mb', clientRegion: 'eu-west-1' }).outcome, 'ok');
    assert.equal(decide({ tool: 'aws-cli-s3-mb', clientRegion: 'us-east-1' }).outcome, 'ok');
  });

  it('JS v2 fills only when no CreateBucketConfiguration is given', () => {
    assert.equal(decide({ tool: 'js-v2', clientRegion: 'eu-west-1' }).outcome, 'ok');
    assert.equal(decide({ tool: 'js-v2', clientRegion: 'eu-west-1', hasCreateBucketConfiguration: true }).outcome, 'fails');
  });

  it("the global pseudo-region: another region's constraint goes unseen; no constraint is not judged", () => {
    assert.equal(decide({ tool: 'js-v3', clientRegion: GLOBAL_REGION, locationConstraint: 'eu-west-1' }).outcome, 'unseen-by-config');
    assert.equal(decide({ tool: 'js-v3', clientRegion: GLOBAL_REGION }).outcome, 'unknown');
  });

  it('values that are not region codes are not judged', () => {
    assert.equal(decide({ tool: 'boto3', clientRegion: 'REGION', locationConstraint: 'eu-west-1' }).outcome, 'unknown');
    assert.equal(decide({ tool: 'boto3', clientRegion: 'us-east-1', locationConstraint: '${REGION}' }).outcome, 'unknown');
  });
});
