import * as assert from 'node:assert/strict';
import { S3Client } from '@aws-sdk/client-s3';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { scanBlindSpots } from '../../../src/aws/s3-blind-spot-scan';
import { listBucketsWithRegion } from '../../../src/aws/s3-buckets';
import { blindSpotReportIsClean } from '../../../src/core/blind-spot';
import { bucketTagStore, isBucketAbacEnabled, readBucketTags } from '../../../src/aws/s3-tagging';
import { applyTagMerge } from '../../../src/core/tag-merge';
import { awsError, stubSend } from './tagging-sdk-stub';

const client = () => new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

describe('listBucketsWithRegion', () => {
  it('sends MaxBuckets, pages, and falls back to HeadBucket then GetBucketLocation', async () => {
    const s3 = client();
    const calls = stubSend(s3, (command) => {
      switch (command.constructor.name) {
        case 'ListBucketsCommand':
          return command.input.ContinuationToken
            ? { Buckets: [{ Name: 'legacy-eu' }, { Name: 'redirected' }] }
            : {
                Buckets: [{ Name: 'rnd-transcribe-test', BucketRegion: 'ap-northeast-2', CreationDate: new Date('2026-11-27T06:00:00Z') }],
                ContinuationToken: 't1',
              };
        case 'HeadBucketCommand':
          if (command.input.Bucket === 'redirected')
            throw awsError('PermanentRedirect', 301, { $response: { headers: { 'x-amz-bucket-region': 'eu-central-1' } } });
          throw awsError('Forbidden', 403);
        case 'GetBucketLocationCommand':
          return { LocationConstraint: 'EU' };
      }
      throw new Error('unexpected ' + command.constructor.name);
    });
    const { located: buckets, unlocated } = await listBucketsWithRegion(s3);
    assert.deepEqual(unlocated, []);
    assert.deepEqual(
      buckets.map((b) => [b.name, b.region]),
      [
        ['rnd-transcribe-test', 'ap-northeast-2'],
        ['legacy-eu', 'eu-west-1'],
        ['redirected', 'eu-central-1'],
      ],
    );
    assert.equal(buckets[0]!.creationDate, '2026-11-27T06:00:00.000Z');
    const lists = calls.filter((c) => c.name === 'ListBucketsCommand');
    assert.ok(
      lists.every((c) => typeof c.input.MaxBuckets === 'number'),
      'MaxBuckets makes S3 return BucketRegion',
    );
    assert.equal(lists[1]!.input.ContinuationToken, 't1');
  });

  it('keeps a bucket whose region cannot be read, with the reason, instead of dropping it', async () => {
    const s3 = client();
    stubSend(s3, (command) => {
      if (command.constructor.name === 'ListBucketsCommand') return { Buckets: [{ Name: 'secret-bucket' }] };
      throw awsError('AccessDenied', 403);
    });
    const { located, unlocated } = await listBucketsWithRegion(s3);
    assert.deepEqual(located, []);
    assert.equal(unlocated.length, 1);
    assert.equal(unlocated[0]!.name, 'secret-bucket');
    assert.match(unlocated[0]!.reason, /AccessDenied/);
  });
});

describe('bucket tagging', () => {
  it('reads NoSuchTagSet as an empty tag set, and rethrows other errors', async () => {
    const s3 = client();
    stubSend(s3, () => {
      throw awsError('NoSuchTagSet', 404);
    });
    assert.deepEqual(await readBucketTags(s3, 'b'), {});
    stubSend(s3, () => {
      throw awsError('AccessDenied', 403);
    });
    await assert.rejects(readBucketTags(s3, 'b'), /AccessDenied/);
  });

  it('writes the whole merged set with aws: tags re-sent', async () => {
    const s3 = client();
    let stored = [
      { Key: 'aws:cloudformation:stack-name', Value: 'rnd' },
      { Key: 'Owner', Value: 'me' },
    ];
    const calls = stubSend(s3, (command) => {
      if (command.constructor.name === 'GetBucketTaggingCommand') return { TagSet: stored };
      if (command.constructor.name === 'PutBucketTaggingCommand') {
        stored = (command.input.Tagging as { TagSet: typeof stored }).TagSet;
        return {};
      }
      throw new Error('unexpected');
    });
    const before = { 'aws:cloudformation:stack-name': 'rnd', Owner: 'me' };
    const outcome = await applyTagMerge(bucketTagStore(s3, 'b', 'ap-northeast-2'), before, { Service: 'transcribe' });
    assert.equal(outcome.kind, 'written');
    const put = calls.find((c) => c.name === 'PutBucketTaggingCommand')!;
    assert.deepEqual((put.input.Tagging as { TagSet: unknown[] }).TagSet, [
      { Key: 'aws:cloudformation:stack-name', Value: 'rnd' },
      { Key: 'Owner', Value: 'me' },
      { Key: 'Service', Value: 'transcribe' },
    ]);
  });

  it('reads the ABAC status, treating an unknown operation as off', async () => {
    const s3 = client();
    stubSend(s3, () => ({ AbacStatus: { Status: 'Enabled' } }));
    assert.equal(await isBucketAbacEnabled(s3, 'b'), true);
    stubSend(s3, () => {
      throw awsError('NotImplemented', 501);
    });
    assert.equal(await isBucketAbacEnabled(s3, 'b'), false);
  });
});

describe('scanBlindSpots with a bucket S3 will not locate', () => {
  it('lists it as unknown and reports an S3 error, so the check is not clean', async () => {
    const s3 = client();
    stubSend(s3, (command) => {
      if (command.constructor.name === 'ListBucketsCommand') return { Buckets: [{ Name: 'secret-bucket' }] };
      throw awsError('AccessDenied', 403);
    });
    const cloudTrail = new CloudTrailClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    stubSend(cloudTrail, () => ({ Events: [] }));
    const report = await scanBlindSpots(
      {
        s3: () => s3,
        cloudTrail: () => cloudTrail,
        config: () => {
          throw new Error('no Config call expected: no recorder');
        },
      },
      { regions: ['us-east-1'], notRecording: new Map([['us-east-1', 'no-recorder']]), rules: [], now: new Date() },
    );
    assert.deepEqual(
      report.unknown.map((entry) => entry.bucket),
      ['secret-bucket'],
    );
    assert.deepEqual(
      report.regionErrors.map((error) => [error.region, error.service]),
      [['us-east-1', 's3']],
    );
    assert.equal(blindSpotReportIsClean(report), false);
  });
});
