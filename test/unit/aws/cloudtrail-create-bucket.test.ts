import * as assert from 'node:assert/strict';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { lookupCreateBucketEvents } from '../../../src/aws/cloudtrail-create-bucket';
import { PerRegionRateLimiter } from '../../../src/aws/cloudtrail-rate-limiter';
import { stubSend } from './tagging-sdk-stub';

const record = (bucket: string, lc?: string) =>
  JSON.stringify({
    eventName: 'CreateBucket',
    eventTime: '2026-11-27T06:00:00Z',
    awsRegion: 'us-east-1',
    requestParameters: { bucketName: bucket, ...(lc ? { CreateBucketConfiguration: { LocationConstraint: lc } } : {}) },
  });

/** A fake clock whose sleep advances time: shows the spacing without waiting. */
function fakeTime() {
  let now = 0;
  const starts: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    starts,
  };
}

describe('lookupCreateBucketEvents', () => {
  it('filters on EventName, pages with the same parameters, and parses each record', async () => {
    const client = new CloudTrailClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const calls = stubSend(client, (command) =>
      command.input.NextToken
        ? {
            Events: [
              { EventId: 'e2', CloudTrailEvent: record('plain') },
              { EventId: 'bad', CloudTrailEvent: '{oops' },
            ],
          }
        : { Events: [{ EventId: 'e1', CloudTrailEvent: record('rnd-transcribe-test', 'ap-northeast-2') }], NextToken: 'n1' },
    );
    const time = fakeTime();
    const now = new Date('2026-11-27T10:00:00Z');
    const events = await lookupCreateBucketEvents(client, {
      region: 'us-east-1',
      now,
      lookbackDays: 7,
      rateLimiter: new PerRegionRateLimiter({ now: time.now, sleep: time.sleep }),
    });
    assert.deepEqual(
      events.map((e) => [e.bucket, e.bucketRegion, e.eventId]),
      [
        ['rnd-transcribe-test', 'ap-northeast-2', 'e1'],
        ['plain', 'us-east-1', 'e2'],
      ],
    );
    assert.equal(calls.length, 2);
    for (const call of calls) {
      assert.deepEqual(call.input.LookupAttributes, [{ AttributeKey: 'EventName', AttributeValue: 'CreateBucket' }]);
      assert.equal((call.input.StartTime as Date).toISOString(), '2026-11-20T10:00:00.000Z');
    }
    assert.equal(calls[1]!.input.NextToken, 'n1');
  });
});

describe('PerRegionRateLimiter', () => {
  it('spaces requests of one region 500 ms apart and leaves other regions alone', async () => {
    const time = fakeTime();
    const limiter = new PerRegionRateLimiter({ now: time.now, sleep: time.sleep });
    const starts: Array<[string, number]> = [];
    for (const region of ['us-east-1', 'us-east-1', 'ap-northeast-2', 'us-east-1']) {
      await limiter.acquire(region);
      starts.push([region, time.now()]);
    }
    const east = starts.filter(([r]) => r === 'us-east-1').map(([, t]) => t);
    for (let i = 1; i < east.length; i++) assert.ok(east[i]! - east[i - 1]! >= 500, `gap ${east[i]! - east[i - 1]!}`);
    assert.equal(starts.find(([r]) => r === 'ap-northeast-2')![1], 500, 'ap-northeast-2 did not wait for us-east-1');
  });
});
