import * as assert from 'node:assert/strict';
import {
  describeEvidence,
  findBlindSpots,
  formatDuration,
  unwatchedRegionsSentence,
  withWrittenTags,
  type BlindSpotInput,
} from '../../../src/core/blind-spot';
import { blindSpotInputsFromScan, bucketsNotRecordedBecause } from '../../../src/core/blind-spot-rules';
import { parseCreateBucketEvent } from '../../../src/core/cloudtrail-event';
import { managedEvidence } from '../../../src/core/managed-resource';
import type { RequiredTag } from '../../../src/core/tag-policy';
import type { RegionScan } from '../../../src/core/account-model';

const now = new Date('2026-11-27T10:00:00Z');
const rule: RequiredTag = {
  key: 'Service',
  resourceTypes: ['AWS::S3::Bucket'],
  source: { kind: 'config-rule', name: 'required-tags (ap-northeast-2)' },
};
const incidentEvent = parseCreateBucketEvent({
  eventName: 'CreateBucket',
  eventTime: '2026-11-27T06:00:00Z',
  awsRegion: 'us-east-1',
  eventID: 'ev-1',
  userAgent: 'aws-sdk-js/3',
  userIdentity: { arn: 'arn:aws:iam::123456789012:user/dev', userName: 'dev' },
  requestParameters: { bucketName: 'rnd-transcribe-test', CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } },
})!;

function incident(overrides: Partial<BlindSpotInput> = {}): BlindSpotInput {
  return {
    now,
    buckets: [
      { name: 'rnd-transcribe-test', region: 'ap-northeast-2', creationDate: '2026-11-27T06:00:01Z' },
      { name: 'known-bucket', region: 'ap-northeast-2' },
      { name: 'virginia-logs', region: 'us-east-1' },
    ],
    regions: [
      { region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set(['known-bucket']) },
      { region: 'us-east-1', state: 'not-recording', reason: 'no-recorder' },
    ],
    createEvents: [incidentEvent],
    tags: new Map([['rnd-transcribe-test', { Owner: 'rnd' }]]),
    rules: [{ region: 'ap-northeast-2', ruleNames: ['required-tags'], requirements: [rule] }],
    ...overrides,
  };
}

describe('findBlindSpots', () => {
  it('finds the incident bucket with its cross-region evidence and prediction', () => {
    const report = findBlindSpots(incident());
    assert.deepEqual(
      report.blindSpots.map((b) => b.bucket),
      ['rnd-transcribe-test'],
    );
    const spot = report.blindSpots[0]!;
    assert.equal(spot.region, 'ap-northeast-2');
    assert.equal(spot.unseenSinceSource, 'cloudtrail');
    assert.equal(formatDuration(spot.unseenForMs!), '4 h');
    assert.equal(spot.creation?.crossRegion, true);
    assert.equal(spot.creation?.flagged, true, 'us-east-1 has no recorder');
    assert.match(spot.whatFollows, /Config in ap-northeast-2 is likely to learn of it only at its periodic sweep/);
    assert.equal(spot.prediction.state, 'predicted-non-compliant');
    assert.deepEqual(spot.prediction.missing, ['Service']);
    assert.match(spot.prediction.summary, /not yet evaluated by Config/);
    assert.deepEqual(spot.ruleNames, ['required-tags']);
    assert.deepEqual(
      describeEvidence(spot.creation!).map((line) => line.label),
      ['Created by', 'Created at', 'Through endpoint', 'Tool', 'CloudTrail event'],
    );
  });

  it('says plainly that regions without a recorder are not watched', () => {
    const report = findBlindSpots(incident());
    assert.equal(report.unwatchedRegions.length, 1);
    assert.deepEqual(report.unwatchedRegions[0]!.buckets, ['virginia-logs']);
    assert.match(report.unwatchedRegions[0]!.message, /No Config recorder in us-east-1: nothing there is watched/);
  });

  it('falls back to the creation date without a CloudTrail event', () => {
    const spot = findBlindSpots(incident({ createEvents: [] })).blindSpots[0]!;
    assert.equal(spot.unseenSinceSource, 'creation-date');
    assert.equal(spot.creation, undefined);
    assert.match(spot.whatFollows, /has not discovered it yet/);
  });

  it('does not flag a cross-region create when the calling region has a recorder', () => {
    const report = findBlindSpots(
      incident({
        regions: [
          { region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set() },
          { region: 'us-east-1', state: 'recording', discoveredBuckets: new Set(['virginia-logs']) },
        ],
      }),
    );
    const spot = report.blindSpots.find((b) => b.bucket === 'rnd-transcribe-test')!;
    assert.equal(spot.creation?.crossRegion, true);
    assert.equal(spot.creation?.flagged, false);
  });

  it('reports buckets in failed or unscanned regions as unknown, never as fine', () => {
    const report = findBlindSpots(
      incident({
        regions: [{ region: 'ap-northeast-2', state: 'error', message: 'AccessDenied' }],
      }),
    );
    assert.equal(report.blindSpots.length, 0);
    assert.deepEqual(report.unknown.map((u) => u.bucket).sort(), ['known-bucket', 'rnd-transcribe-test', 'virginia-logs']);
    assert.deepEqual(report.regionErrors, [{ region: 'ap-northeast-2', service: 'config', message: 'AccessDenied' }]);
  });

  it('predicts compliance once the tag is there, and no prediction without readable tags', () => {
    const tagged = findBlindSpots(incident({ tags: new Map([['rnd-transcribe-test', { Service: 'transcribe' }]]) }));
    assert.equal(tagged.blindSpots[0]!.prediction.state, 'predicted-compliant');
    const unreadable = findBlindSpots(incident({ tags: new Map() }));
    assert.equal(unreadable.blindSpots[0]!.prediction.state, 'tags-unreadable');
  });

  it('judges workspace policy requirements too, with their allowed values', () => {
    const policyRule: RequiredTag = {
      key: 'Env',
      allowedValues: ['prod', 'dev'],
      source: { kind: 'policy-file', name: 'tag-policy.json' },
    };
    const spot = findBlindSpots(incident({ policyRequirements: [policyRule] })).blindSpots[0]!;
    assert.deepEqual(spot.prediction.missing, ['Service', 'Env']);
    assert.deepEqual(spot.prediction.allowedValues.Env, ['prod', 'dev']);
  });
});

describe('withWrittenTags', () => {
  it('re-predicts the written bucket from the tags read back; it stays a blind spot, the rest untouched', () => {
    const report = findBlindSpots(
      incident({
        regions: [
          { region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set() },
          { region: 'us-east-1', state: 'not-recording', reason: 'no-recorder' },
        ],
      }),
    );
    assert.equal(report.blindSpots.length, 2);
    const updated = withWrittenTags(report, 'rnd-transcribe-test', 'ap-northeast-2', { Owner: 'rnd', Service: 'transcribe' }, [rule]);
    const spot = updated.blindSpots.find((b) => b.bucket === 'rnd-transcribe-test')!;
    assert.equal(spot.prediction.state, 'predicted-compliant');
    assert.equal(spot.prediction.summary, 'Predicted compliant, not yet evaluated by Config.');
    assert.deepEqual(spot.tags, { Owner: 'rnd', Service: 'transcribe' });
    assert.equal(spot.whatFollows, report.blindSpots.find((b) => b.bucket === 'rnd-transcribe-test')!.whatFollows, 'still not discovered');
    assert.equal(
      updated.blindSpots.find((b) => b.bucket === 'known-bucket'),
      report.blindSpots.find((b) => b.bucket === 'known-bucket'),
    );
    assert.equal(
      report.blindSpots.find((b) => b.bucket === 'rnd-transcribe-test')!.prediction.state,
      'predicted-non-compliant',
      'the old report is not changed',
    );
  });

  it('returns the same report for a bucket that is not one of its blind spots', () => {
    const report = findBlindSpots(incident());
    assert.equal(withWrittenTags(report, 'known-bucket', 'ap-northeast-2', { Service: 'x' }, [rule]), report);
    assert.equal(withWrittenTags(report, 'rnd-transcribe-test', 'eu-west-1', { Service: 'x' }, [rule]), report);
  });
});

describe('managedEvidence', () => {
  it('recognises CloudFormation system tags and the name in IaC files', () => {
    const evidence = managedEvidence('rnd-transcribe-test', { 'aws:cloudformation:stack-name': 'rnd' }, [
      { path: 'infra/main.tf', text: 'resource "aws_s3_bucket" "t" {\n  bucket = "rnd-transcribe-test"\n}' },
      { path: 'infra/other.tf', text: 'bucket = "rnd-transcribe-test-2"' },
      { path: 'README.md', text: 'rnd-transcribe-test' },
      { path: 'infra/notes.tf', text: '# rnd-transcribe-test is not managed here\n  // nor rnd-transcribe-test' },
    ]);
    assert.deepEqual(
      evidence.map((e) => e.kind),
      ['cloudformation-tags', 'iac-reference'],
    );
    const reference = evidence[1]!;
    assert.ok(reference.kind === 'iac-reference' && reference.location.line === 1 && reference.location.character === 12);
  });

  it('calls a Terraform plan that names the bucket Terraform, and any other JSON or YAML CloudFormation', () => {
    const plan =
      '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.t","values":{"bucket":"rnd-transcribe-test"}}]}}}';
    const evidence = managedEvidence('rnd-transcribe-test', undefined, [
      { path: 'plan.json', text: plan },
      { path: 'stack.json', text: '{"Resources":{"B":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":"rnd-transcribe-test"}}}}' },
    ]);
    assert.deepEqual(
      evidence.map((e) => (e.kind === 'iac-reference' ? `${e.location.path} ${e.location.kind}` : e.kind)),
      ['plan.json terraform', 'stack.json cloudformation'],
    );
    assert.match(evidence[0]!.message, /if Terraform manages it/);
  });
});

describe('blindSpotInputsFromScan', () => {
  it('takes scanned regions, customer recorders that record, and the REQUIRED_TAGS rules that cover buckets', () => {
    const rule = (name: string, scopeResourceTypes: string[], isRequiredTags = true) => ({
      name,
      isRequiredTags,
      scopeResourceTypes,
      requiredTags: isRequiredTags ? [{ ...rule0, key: name }] : [],
    });
    const rule0: RequiredTag = { key: 'x', source: { kind: 'config-rule', name: 'x' } };
    const scan = {
      regions: [
        {
          region: 'ap-northeast-2',
          state: 'scanned',
          recorders: [{ name: 'default', status: { recording: true } }],
          rules: [
            rule('buckets', ['AWS::S3::Bucket']),
            rule('all', []),
            rule('tables', ['AWS::DynamoDB::Table']),
            rule('custom', [], false),
          ],
        },
        {
          region: 'us-east-1',
          state: 'scanned',
          recorders: [{ name: 'AWSConfigurationRecorderForX', servicePrincipal: 'x.amazonaws.com', status: { recording: true } }],
          rules: [],
        },
        { region: 'eu-west-1', state: 'scanned', recorders: [{ name: 'default', status: { recording: false } }], rules: [] },
        { region: 'ap-east-1', state: 'disabled', recorders: [], rules: [] },
      ],
    } as unknown as Parameters<typeof blindSpotInputsFromScan>[0];
    const inputs = blindSpotInputsFromScan(scan);
    assert.deepEqual(inputs.regions, ['ap-northeast-2', 'us-east-1', 'eu-west-1']);
    assert.deepEqual(
      [...inputs.notRecording],
      [
        ['us-east-1', 'no-recorder'],
        ['eu-west-1', 'recorder-stopped'],
      ],
      'service-linked and stopped recorders do not watch buckets',
    );
    assert.deepEqual(
      inputs.rules.map((r) => [r.region, r.ruleNames]),
      [['ap-northeast-2', ['buckets', 'all']]],
    );
  });
});

describe('bucketsNotRecordedBecause', () => {
  const region = (recordingGroup: unknown, recording = true) =>
    ({ region: 'eu-west-1', recorders: [{ name: 'default', status: { recording }, recordingGroup }] }) as unknown as RegionScan;
  const group = (strategy: string, types: { resourceTypes?: string[]; excludedResourceTypes?: string[] } = {}) => ({
    strategy,
    allSupported: strategy === 'ALL_SUPPORTED_RESOURCE_TYPES',
    includeGlobalResourceTypes: false,
    resourceTypes: types.resourceTypes ?? [],
    excludedResourceTypes: types.excludedResourceTypes ?? [],
  });

  it('knows a recorder whose recording group leaves S3 buckets out records none of them', () => {
    assert.equal(bucketsNotRecordedBecause(region(group('ALL_SUPPORTED_RESOURCE_TYPES'))), undefined);
    assert.equal(
      bucketsNotRecordedBecause(region(group('INCLUSION_BY_RESOURCE_TYPES', { resourceTypes: ['AWS::S3::Bucket'] }))),
      undefined,
    );
    assert.equal(
      bucketsNotRecordedBecause(region(group('INCLUSION_BY_RESOURCE_TYPES', { resourceTypes: ['AWS::EC2::Instance'] }))),
      'buckets-not-in-recording-group',
    );
    assert.equal(
      bucketsNotRecordedBecause(region(group('EXCLUSION_BY_RESOURCE_TYPES', { excludedResourceTypes: ['AWS::S3::Bucket'] }))),
      'buckets-not-in-recording-group',
    );
    assert.equal(
      bucketsNotRecordedBecause(region(group('EXCLUSION_BY_RESOURCE_TYPES', { excludedResourceTypes: ['AWS::EC2::Instance'] }))),
      undefined,
    );
    assert.equal(bucketsNotRecordedBecause(region(undefined)), undefined, 'an unread group contradicts nothing');
    assert.equal(bucketsNotRecordedBecause(region(group('ALL_SUPPORTED_RESOURCE_TYPES'), false)), 'recorder-stopped');
  });

  it('lists such a region as unwatched with its reason, and flags a CreateBucket sent through it', () => {
    const report = findBlindSpots(
      incident({
        regions: [
          { region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set() },
          { region: 'us-east-1', state: 'not-recording', reason: 'buckets-not-in-recording-group' },
        ],
      }),
    );
    assert.equal(
      report.unwatchedRegions[0]!.message,
      'Config recorder leaves out AWS::S3::Bucket in us-east-1: S3 buckets there are not watched, including 1 bucket.',
    );
    assert.equal(report.blindSpots[0]!.creation?.flagged, true);
    assert.equal(
      unwatchedRegionsSentence(report.unwatchedRegions),
      'Config recorder leaves out AWS::S3::Bucket, so no S3 bucket is watched, in 1 region: us-east-1 (1 bucket: virginia-logs).',
    );
  });
});

describe('unwatchedRegionsSentence', () => {
  it('names every region once and the buckets of those that hold some', () => {
    const sentence = unwatchedRegionsSentence([
      { region: 'eu-west-1', reason: 'no-recorder', buckets: [], message: '' },
      { region: 'us-east-1', reason: 'no-recorder', buckets: ['a', 'b'], message: '' },
    ]);
    assert.equal(sentence, 'No Config recorder, so nothing is watched, in 2 regions: eu-west-1, us-east-1 (2 buckets: a, b).');
  });

  it('says nothing when every region has a recorder', () => {
    assert.equal(unwatchedRegionsSentence([]), undefined);
  });
});
