import * as assert from 'node:assert/strict';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  ListDiscoveredResourcesCommand,
} from '@aws-sdk/client-config-service';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { startHarness, type Harness } from './helpers';

describe('emulator: the incident, replayed through the model', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness('incident');
  });
  afterEach(async () => h.emulator.close());

  const discoveredBuckets = async () => {
    const { resourceIdentifiers } = await new ConfigServiceClient(h.options('ap-northeast-2')).send(
      new ListDiscoveredResourcesCommand({ resourceType: 'AWS::S3::Bucket' }),
    );
    return resourceIdentifiers?.map((r) => r.resourceId) ?? [];
  };
  const nonCompliant = async () => {
    const { EvaluationResults } = await new ConfigServiceClient(h.options('ap-northeast-2')).send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'required-tags', ComplianceTypes: ['NON_COMPLIANT'] }),
    );
    return EvaluationResults?.map((r) => r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId) ?? [];
  };
  const createBucketEvents = async (region: string) => {
    const { Events } = await new CloudTrailClient(h.options(region)).send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateBucket' }] }),
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a CloudTrail record, read field by field
    return (Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as Record<string, any>);
  };

  it('loads the seed bucket as created through us-east-1: event in us-east-1, unseen by the ap-northeast-2 recorder', async () => {
    const events = await createBucketEvents('us-east-1');
    const seed = events.find((e) => e.requestParameters.bucketName === 'rnd-transcribe-test');
    assert.equal(seed?.awsRegion, 'us-east-1');
    assert.equal(seed?.requestParameters.CreateBucketConfiguration.LocationConstraint, 'ap-northeast-2');
    assert.match(seed?.userAgent, /Cyberduck/);
    assert.equal(seed?.sourceIPAddress, '127.0.0.1');
    assert.equal(seed?.userIdentity.userName, 'rnd-intern');
    assert.ok(!(await discoveredBuckets()).includes('rnd-transcribe-test'));
    assert.ok(!(await nonCompliant()).includes('rnd-transcribe-test'));
    // The in-region creations are in ap-northeast-2's history instead.
    const local = await createBucketEvents('ap-northeast-2');
    assert.deepEqual(local.map((e) => e.requestParameters.bucketName).sort(), ['transcribe-audio-input', 'transcribe-results']);
  });

  it('a CreateBucket sent to us-east-1 for ap-northeast-2 is logged in us-east-1 and stays undiscovered until the sweep', async () => {
    const s3 = new S3Client({ ...h.s3('us-east-1'), customUserAgent: 'TestGuiTool/1.0' });
    await s3.send(
      new CreateBucketCommand({ Bucket: 'replayed-incident', CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } }),
    );
    const events = await createBucketEvents('us-east-1');
    const event = events.find((e) => e.requestParameters.bucketName === 'replayed-incident');
    assert.equal(event?.awsRegion, 'us-east-1');
    assert.equal(event?.eventTime, '2026-11-27T10:00:00Z');
    assert.match(event?.userAgent, /TestGuiTool\/1\.0/);
    assert.equal(event?.userIdentity.accessKeyId, 'AKIDEMULATORTEST');
    assert.equal(JSON.stringify(event).includes('emulator-secret-never-logged'), false);
    assert.equal(
      (await createBucketEvents('ap-northeast-2')).some((e) => e.requestParameters.bucketName === 'replayed-incident'),
      false,
    );
    assert.ok(!(await discoveredBuckets()).includes('replayed-incident'));

    h.clock.advance(5 * 3600_000);
    assert.deepEqual(h.emulator.sweep('ap-northeast-2').recorded >= 2, true);
    assert.ok((await discoveredBuckets()).includes('replayed-incident'));
    assert.ok((await discoveredBuckets()).includes('rnd-transcribe-test'));
    const found = await nonCompliant();
    assert.ok(found.includes('replayed-incident'));
    assert.ok(found.includes('rnd-transcribe-test'));
    // The CI shows the gap between creation and capture: the evidence of a late discovery.
    const { configurationItems } = await new ConfigServiceClient(h.options('ap-northeast-2')).send(
      new GetResourceConfigHistoryCommand({ resourceType: 'AWS::S3::Bucket', resourceId: 'replayed-incident' }),
    );
    const item = configurationItems![0]!;
    assert.equal(item.configurationItemCaptureTime!.getTime() - item.resourceCreationTime!.getTime(), 5 * 3600_000);
  });

  it('a PutBucketTagging sent to the home region is an event there, so the recorder discovers the bucket at once', async () => {
    const tagger = new S3Client(h.s3('ap-northeast-2'));
    await tagger.send(
      new PutBucketTaggingCommand({ Bucket: 'rnd-transcribe-test', Tagging: { TagSet: [{ Key: 'Owner', Value: 'rnd' }] } }),
    );
    assert.ok((await discoveredBuckets()).includes('rnd-transcribe-test'));
    assert.ok((await nonCompliant()).includes('rnd-transcribe-test'), 'tagged, but still without Service');
    await tagger.send(
      new PutBucketTaggingCommand({
        Bucket: 'rnd-transcribe-test',
        Tagging: {
          TagSet: [
            { Key: 'Owner', Value: 'rnd' },
            { Key: 'Service', Value: 'transcribe' },
          ],
        },
      }),
    );
    assert.ok(!(await nonCompliant()).includes('rnd-transcribe-test'), 'compliance follows the change-triggered evaluation');
  });

  it('a bucket created in-region is discovered and evaluated at once', async () => {
    await new S3Client(h.s3('ap-northeast-2')).send(
      new CreateBucketCommand({ Bucket: 'in-region-new', CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } }),
    );
    assert.ok((await discoveredBuckets()).includes('in-region-new'));
    assert.ok((await nonCompliant()).includes('in-region-new'));
  });

  it('a sweep of another region does not discover the bucket', async () => {
    h.emulator.sweep('us-east-1');
    assert.ok(!(await discoveredBuckets()).includes('rnd-transcribe-test'));
    h.emulator.sweep();
    assert.ok((await discoveredBuckets()).includes('rnd-transcribe-test'));
  });
});
