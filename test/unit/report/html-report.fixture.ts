import type { AccountScan, Recorder, RegionScan } from '../../../src/core/account-model';
import { findBlindSpots, type BlindSpotReport } from '../../../src/core/blind-spot';
import { coverageVerdict } from '../../../src/core/coverage';

/**
 * The incident as the scan and the blind-spot check would model it: no recorder in us-east-1, a recorder in
 * ap-northeast-2, and rnd-transcribe-test created through the us-east-1 endpoint, unseen by Config in Seoul.
 * Built through the real pure functions (coverageVerdict, findBlindSpots), so the report sees real shapes.
 */
const RECORDING: Recorder = {
  name: 'default',
  recordingGroup: {
    strategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
    allSupported: true,
    includeGlobalResourceTypes: false,
    resourceTypes: [],
    excludedResourceTypes: [],
  },
  recordingMode: { frequency: 'CONTINUOUS', overrides: [] },
  status: { recording: true, lastStatus: 'SUCCESS' },
};

function region(code: string, recorders: Recorder[], nonCompliant: RegionScan['nonCompliant'] = []): RegionScan {
  const deliveryChannels = recorders.length ? [{ name: 'default', s3BucketName: 'config-bucket', lastStatus: 'SUCCESS' }] : [];
  return {
    region: code,
    optStatus: 'ENABLED_BY_DEFAULT',
    state: 'scanned',
    recorders,
    deliveryChannels,
    rules: [],
    nonCompliant,
    errors: [],
    verdict: coverageVerdict({ optStatus: 'ENABLED_BY_DEFAULT', recorders, deliveryChannels }),
  };
}

export const INCIDENT_SCAN: AccountScan = {
  identity: { accountId: '123456789012', arn: 'arn:aws:iam::123456789012:user/auditor' },
  profile: 'incident',
  startedAt: '2026-11-27T10:00:00.000Z',
  finishedAt: '2026-11-27T10:00:04.000Z',
  regionSource: { kind: 'selected' },
  regions: [
    region('us-east-1', []),
    region('ap-northeast-2', [RECORDING]),
    region(
      'eu-west-1',
      [RECORDING],
      [
        {
          ruleName: 'required-tags',
          region: 'eu-west-1',
          resourceType: 'AWS::S3::Bucket',
          resourceId: 'legacy-<logs>',
          arn: 'arn:aws:s3:::legacy-logs',
          missingKeys: ['Service'],
          lastEvaluated: '2026-11-26T08:00:00.000Z',
        },
      ],
    ),
  ],
  aggregators: [],
  accountErrors: [],
  cancelled: false,
};

export const INCIDENT_BLIND_SPOTS: BlindSpotReport = findBlindSpots({
  now: new Date('2026-11-27T10:00:05.000Z'),
  buckets: [
    { name: 'rnd-transcribe-test', region: 'ap-northeast-2', creationDate: '2026-11-27T06:00:00.000Z' },
    { name: 'seoul-known', region: 'ap-northeast-2' },
  ],
  regions: [
    { region: 'us-east-1', state: 'not-recording', reason: 'no-recorder' },
    { region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set(['seoul-known']) },
    { region: 'eu-west-1', state: 'recording', discoveredBuckets: new Set() },
  ],
  createEvents: [
    {
      eventId: '3f1c2a7e-0000-4000-8000-000000000001',
      bucket: 'rnd-transcribe-test',
      eventTime: '2026-11-27T06:00:00.000Z',
      endpointRegion: 'us-east-1',
      bucketRegion: 'ap-northeast-2',
      userArn: 'arn:aws:iam::123456789012:user/dev',
      userAgent: 'aws-cli/2.15.0',
    },
  ],
  tags: new Map([['rnd-transcribe-test', {}]]),
  rules: [
    {
      region: 'ap-northeast-2',
      ruleNames: ['required-tags'],
      requirements: [{ key: 'Service', source: { kind: 'config-rule', name: 'required-tags (ap-northeast-2)' } }],
    },
  ],
});
