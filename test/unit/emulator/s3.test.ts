import * as assert from 'node:assert/strict';
import {
  CreateBucketCommand,
  GetBucketAbacCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { ListTagsForResourceCommand, S3ControlClient, TagResourceCommand } from '@aws-sdk/client-s3-control';
import type { Scenario } from '../../../src/emulator';
import { failure, startHarness, type Harness } from './helpers';

const scenario: Scenario = {
  accountId: '111122223333',
  regions: [
    { name: 'us-east-1', optInStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'eu-west-1', optInStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'ap-northeast-2', optInStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'ap-east-1', optInStatus: 'ENABLED' },
  ],
  buckets: [
    { name: 'east-bucket', region: 'us-east-1', tags: { Service: 'web' } },
    { name: 'legacy-eu', region: 'eu-west-1', legacyEuLocation: true },
    { name: 'stacked', region: 'eu-west-1', tags: { 'aws:cloudformation:stack-name': 'app', Service: 'app' } },
    { name: 'abac-bucket', region: 'eu-west-1', abac: true, tags: { Service: 'abac' } },
    { name: 'seoul-bucket', region: 'ap-northeast-2' },
  ],
};

describe('emulator: S3', () => {
  let h: Harness;
  const s3 = (region: string) => new S3Client(h.s3(region));
  beforeEach(async () => {
    h = await startHarness(scenario);
  });
  afterEach(async () => h.emulator.close());

  it('lists buckets without regions, and with BucketRegion when paginated', async () => {
    const plain = await s3('us-east-1').send(new ListBucketsCommand({}));
    assert.equal(plain.Buckets?.length, 5);
    assert.equal(plain.Buckets?.[0]?.BucketRegion, undefined);
    const names: string[] = [];
    const regions: string[] = [];
    let pages = 0;
    for await (const p of paginateListBuckets({ client: s3('us-east-1') }, { MaxBuckets: 2 })) {
      pages++;
      for (const b of p.Buckets ?? []) {
        names.push(b.Name!);
        regions.push(b.BucketRegion!);
      }
    }
    assert.equal(pages, 3);
    assert.deepEqual(names, ['abac-bucket', 'east-bucket', 'legacy-eu', 'seoul-bucket', 'stacked']);
    assert.deepEqual(regions, ['eu-west-1', 'us-east-1', 'eu-west-1', 'ap-northeast-2', 'eu-west-1']);
  });

  it('answers GetBucketLocation with null for us-east-1 and EU for legacy eu-west-1 buckets', async () => {
    assert.equal((await s3('us-east-1').send(new GetBucketLocationCommand({ Bucket: 'east-bucket' }))).LocationConstraint, undefined);
    assert.equal((await s3('us-east-1').send(new GetBucketLocationCommand({ Bucket: 'legacy-eu' }))).LocationConstraint, 'EU');
    assert.equal(
      (await s3('us-east-1').send(new GetBucketLocationCommand({ Bucket: 'seoul-bucket' }))).LocationConstraint,
      'ap-northeast-2',
    );
  });

  it('HeadBucket: the region header at home, a bare 301 elsewhere (followed with followRegionRedirects), a bare 404 when absent', async () => {
    const home = await s3('ap-northeast-2').send(new HeadBucketCommand({ Bucket: 'seoul-bucket' }));
    assert.equal(home.BucketRegion, 'ap-northeast-2');
    const away = await failure(s3('us-east-1').send(new HeadBucketCommand({ Bucket: 'seoul-bucket' })));
    assert.equal(away.$metadata?.httpStatusCode, 301);
    assert.equal(away.$response?.headers['x-amz-bucket-region'], 'ap-northeast-2');
    const followed = await new S3Client({ ...h.s3('us-east-1'), followRegionRedirects: true }).send(
      new HeadBucketCommand({ Bucket: 'seoul-bucket' }),
    );
    assert.equal(followed.BucketRegion, 'ap-northeast-2');
    const missing = await failure(s3('us-east-1').send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })));
    assert.equal(missing.name, 'NotFound');
    assert.equal(missing.$metadata?.httpStatusCode, 404);
  });

  it('GetBucketTagging: NoSuchTagSet when untagged, PermanentRedirect outside the home region', async () => {
    const untagged = await failure(s3('ap-northeast-2').send(new GetBucketTaggingCommand({ Bucket: 'seoul-bucket' })));
    assert.equal(untagged.name, 'NoSuchTagSet');
    const away = await failure(s3('us-east-1').send(new GetBucketTaggingCommand({ Bucket: 'seoul-bucket' })));
    assert.equal(away.name, 'PermanentRedirect');
    assert.equal(away.$metadata?.httpStatusCode, 301);
  });

  it('PutBucketTagging replaces the whole set and keeps system tags only when re-sent', async () => {
    await s3('eu-west-1').send(
      new PutBucketTaggingCommand({
        Bucket: 'stacked',
        Tagging: {
          TagSet: [
            { Key: 'aws:cloudformation:stack-name', Value: 'app' },
            { Key: 'Owner', Value: 'me' },
          ],
        },
      }),
    );
    const { TagSet } = await s3('eu-west-1').send(new GetBucketTaggingCommand({ Bucket: 'stacked' }));
    assert.deepEqual(TagSet, [
      { Key: 'aws:cloudformation:stack-name', Value: 'app' },
      { Key: 'Owner', Value: 'me' },
    ]);
    const dropped = await failure(
      s3('eu-west-1').send(new PutBucketTaggingCommand({ Bucket: 'stacked', Tagging: { TagSet: [{ Key: 'Owner', Value: 'me' }] } })),
    );
    assert.equal(dropped.name, 'InvalidTag');
    assert.equal(dropped.message, 'System Tags cannot be removed by requester');
  });

  it('PutBucketTagging rejects more than 50 tags, duplicate keys, a foreign region and ABAC buckets', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    assert.equal(
      (await failure(s3('ap-northeast-2').send(new PutBucketTaggingCommand({ Bucket: 'seoul-bucket', Tagging: { TagSet: many } })))).name,
      'InvalidTag',
    );
    const dup = [
      { Key: 'a', Value: '1' },
      { Key: 'a', Value: '2' },
    ];
    assert.equal(
      (await failure(s3('ap-northeast-2').send(new PutBucketTaggingCommand({ Bucket: 'seoul-bucket', Tagging: { TagSet: dup } })))).name,
      'InvalidTag',
    );
    const away = await failure(
      s3('us-east-1').send(new PutBucketTaggingCommand({ Bucket: 'seoul-bucket', Tagging: { TagSet: [{ Key: 'a', Value: '1' }] } })),
    );
    assert.equal(away.name, 'PermanentRedirect');
    assert.equal(away.$response?.headers['x-amz-bucket-region'], 'ap-northeast-2');
    const abac = await failure(
      s3('eu-west-1').send(new PutBucketTaggingCommand({ Bucket: 'abac-bucket', Tagging: { TagSet: [{ Key: 'a', Value: '1' }] } })),
    );
    assert.equal(abac.name, 'InvalidRequest');
  });

  it('GetBucketAbac tells ABAC buckets apart', async () => {
    assert.equal((await s3('eu-west-1').send(new GetBucketAbacCommand({ Bucket: 'abac-bucket' }))).AbacStatus?.Status, 'Enabled');
    assert.equal((await s3('eu-west-1').send(new GetBucketAbacCommand({ Bucket: 'stacked' }))).AbacStatus?.Status, 'Disabled');
  });

  it('S3 Control tags ABAC buckets, merging per key', async () => {
    const control = new S3ControlClient({ ...h.options('eu-west-1'), endpointProvider: () => ({ url: new URL(h.emulator.endpoint) }) });
    await control.send(
      new TagResourceCommand({
        AccountId: '111122223333',
        ResourceArn: 'arn:aws:s3:::abac-bucket',
        Tags: [{ Key: 'Owner', Value: 'team' }],
      }),
    );
    const { Tags } = await control.send(
      new ListTagsForResourceCommand({ AccountId: '111122223333', ResourceArn: 'arn:aws:s3:::abac-bucket' }),
    );
    assert.deepEqual(Tags, [
      { Key: 'Service', Value: 'abac' },
      { Key: 'Owner', Value: 'team' },
    ]);
  });

  describe('CreateBucket endpoint rules (docs/aws-behaviour.md#s3-createbucket-endpoints)', () => {
    const create = (endpointRegion: string, bucket: string, constraint?: string) =>
      s3(endpointRegion).send(
        new CreateBucketCommand({
          Bucket: bucket,
          ...(constraint ? { CreateBucketConfiguration: { LocationConstraint: constraint as 'eu-west-1' } } : {}),
        }),
      );

    it('accepts in-region creation and answers the Location of each kind', async () => {
      assert.equal((await create('us-east-1', 'new-east')).Location, '/new-east');
      assert.equal((await create('eu-west-1', 'new-eu', 'eu-west-1')).Location, 'http://new-eu.s3.amazonaws.com/');
    });

    it('accepts a pre-2019 foreign constraint through us-east-1, not a newer region', async () => {
      await create('us-east-1', 'via-east', 'ap-northeast-2');
      const { LocationConstraint } = await s3('us-east-1').send(new GetBucketLocationCommand({ Bucket: 'via-east' }));
      assert.equal(LocationConstraint, 'ap-northeast-2');
      const newer = await failure(create('us-east-1', 'via-east-hk', 'ap-east-1'));
      assert.equal(newer.name, 'IllegalLocationConstraintException');
    });

    it('rejects a regional endpoint with a different constraint, and us-east-1 as a constraint', async () => {
      const other = await failure(create('eu-west-1', 'mismatch', 'ap-northeast-2'));
      assert.equal(other.name, 'IllegalLocationConstraintException');
      assert.match(other.message, /ap-northeast-2 location constraint is incompatible/);
      // CloudTrail logs the refused call too, with its error code.
      const { Events } = await new CloudTrailClient(h.options('eu-west-1')).send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateBucket' }] }),
      );
      const record = JSON.parse(Events![0]!.CloudTrailEvent!) as { errorCode?: string; requestParameters: { bucketName: string } };
      assert.equal(record.errorCode, 'IllegalLocationConstraintException');
      assert.equal(record.requestParameters.bucketName, 'mismatch');
      const explicitEast = await failure(create('us-east-1', 'explicit-east', 'us-east-1'));
      assert.equal(explicitEast.name, 'InvalidLocationConstraint');
    });

    it('rejects a regional endpoint without a constraint (sent raw, as the CLI s3api does)', async () => {
      const client = new S3Client(h.s3('eu-west-1'));
      // The JS SDK fills LocationConstraint from the client region; remove it to send what `aws s3api` would.
      client.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { body?: unknown; headers: Record<string, string> };
          request.body = '';
          request.headers['content-length'] = '0';
          return next(args);
        },
        { step: 'build', name: 'dropBody' },
      );
      const error = await failure(client.send(new CreateBucketCommand({ Bucket: 'no-constraint' })));
      assert.equal(error.name, 'IllegalLocationConstraintException');
      assert.match(error.message, /unspecified location constraint/);
    });

    it('answers BucketAlreadyOwnedByYou for an existing bucket and honours tags on create', async () => {
      const again = await failure(create('us-east-1', 'east-bucket'));
      assert.equal(again.name, 'BucketAlreadyOwnedByYou');
      await s3('eu-west-1').send(
        new CreateBucketCommand({
          Bucket: 'tagged-on-create',
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1', Tags: [{ Key: 'Service', Value: 'api' }] },
        }),
      );
      const { TagSet } = await s3('eu-west-1').send(new GetBucketTaggingCommand({ Bucket: 'tagged-on-create' }));
      assert.deepEqual(TagSet, [{ Key: 'Service', Value: 'api' }]);
    });
  });
});
