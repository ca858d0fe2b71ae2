import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseLocationConstraint } from '../../../src/core/bucket-region';
import { isCrossRegionCreate, latestCreateByBucket, parseCreateBucketEvent } from '../../../src/core/cloudtrail-event';

/** CloudTrail records; each file's `_source` says where it comes from (fixtures/cloudtrail/README.md). */
function example(name: string): { data: unknown } {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', 'cloudtrail', name), 'utf8')) as { data: unknown };
}

describe('normaliseLocationConstraint', () => {
  it('maps null, empty and missing to us-east-1 and EU to eu-west-1', () => {
    assert.equal(normaliseLocationConstraint(null), 'us-east-1');
    assert.equal(normaliseLocationConstraint(undefined), 'us-east-1');
    assert.equal(normaliseLocationConstraint(''), 'us-east-1');
    assert.equal(normaliseLocationConstraint('EU'), 'eu-west-1');
    assert.equal(normaliseLocationConstraint('ap-northeast-2'), 'ap-northeast-2');
  });
});

describe('parseCreateBucketEvent', () => {
  it('reads the incident event: sent to us-east-1, bucket in ap-northeast-2', () => {
    const record = example('cloudtrail-createbucket-via-global-endpoint.json').data;
    const event = parseCreateBucketEvent(JSON.stringify(record), { EventId: 'e-1' });
    assert.ok(event);
    assert.equal(event.bucket, 'example-bucket');
    assert.equal(event.endpointRegion, 'us-east-1');
    assert.equal(event.bucketRegion, 'ap-northeast-2');
    assert.equal(event.userAgent, '<GUI tool>');
    assert.equal(event.eventId, 'e-1');
    assert.equal(event.eventTime, '2025-01-01T01:00:00.000Z');
    assert.equal(isCrossRegionCreate(event), true);
  });

  it('reads a real in-region event as not cross-region', () => {
    const detail = (example('createbucket.eventbridge-event.eu-west-1.json').data as { detail: unknown }).detail;
    const event = parseCreateBucketEvent(detail);
    assert.ok(event);
    assert.equal(event.bucketRegion, 'eu-west-1');
    assert.equal(event.userArn, 'arn:xxx');
    assert.equal(isCrossRegionCreate(event), false);
  });

  it('treats a missing constraint as us-east-1 and EU as eu-west-1', () => {
    const base = { eventName: 'CreateBucket', eventTime: '2026-01-01T00:00:00Z', requestParameters: { bucketName: 'b' } };
    assert.equal(parseCreateBucketEvent({ ...base, awsRegion: 'us-east-1' })?.bucketRegion, 'us-east-1');
    const eu = parseCreateBucketEvent({
      ...base,
      awsRegion: 'us-east-1',
      requestParameters: { bucketName: 'b', CreateBucketConfiguration: { LocationConstraint: 'EU' } },
    });
    assert.equal(eu?.bucketRegion, 'eu-west-1');
    assert.equal(eu && isCrossRegionCreate(eu), true);
  });

  it('returns undefined for malformed JSON, other events and records without a bucket', () => {
    assert.equal(parseCreateBucketEvent('{not json'), undefined);
    assert.equal(parseCreateBucketEvent('null'), undefined);
    assert.equal(
      parseCreateBucketEvent({
        eventName: 'DeleteBucket',
        awsRegion: 'us-east-1',
        eventTime: '2026-01-01T00:00:00Z',
        requestParameters: { bucketName: 'b' },
      }),
      undefined,
    );
    assert.equal(
      parseCreateBucketEvent({ eventName: 'CreateBucket', awsRegion: 'us-east-1', eventTime: '2026-01-01T00:00:00Z' }),
      undefined,
    );
  });

  it('keeps the latest successful create per bucket', () => {
    const make = (time: string, region: string, errorCode?: string) =>
      parseCreateBucketEvent({
        eventName: 'CreateBucket',
        eventTime: time,
        awsRegion: region,
        errorCode,
        requestParameters: { bucketName: 'b', CreateBucketConfiguration: { LocationConstraint: region } },
      })!;
    const latest = latestCreateByBucket([
      make('2026-01-01T00:00:00Z', 'eu-west-2'),
      make('2026-01-03T00:00:00Z', 'eu-west-1', 'BucketAlreadyExists'),
      make('2026-01-02T00:00:00Z', 'ap-northeast-2'),
    ]);
    assert.equal(latest.get('b')?.bucketRegion, 'ap-northeast-2');
  });
});
