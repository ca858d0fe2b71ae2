import * as assert from 'node:assert/strict';
import type { DeliveryChannel, Recorder, RegionScan } from '../../../../src/core/account-model';
import { coverageVerdict } from '../../../../src/core/coverage';
import {
  accountDescription,
  accountTooltip,
  blindSpotBuckets,
  blindSpotsOfScan,
  deliveryFrequencyText,
  describeRecorderStatus,
  formatTime,
  regionDescription,
  regionDetails,
  regionTooltipMarkdown,
  type DetailNode,
} from '../../../../src/vscode/account/coverage-details';
import { INCIDENT_BLIND_SPOTS, INCIDENT_SCAN } from '../../report/html-report.fixture';

/** The words of the Coverage view (src/vscode/account/coverage-tree.ts shows exactly these). */
const STATUS_TIME = '2026-11-27T08:30:40.000Z';
const DELIVERED = '2026-11-27T09:00:00.000Z';
const RECORDER: Recorder = {
  name: 'default',
  recordingGroup: {
    strategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
    allSupported: true,
    includeGlobalResourceTypes: false,
    resourceTypes: [],
    excludedResourceTypes: [],
  },
  recordingMode: { frequency: 'CONTINUOUS', overrides: [] },
  status: { recording: true, lastStatus: 'SUCCESS', lastStatusChangeTime: STATUS_TIME },
};
const CHANNEL: DeliveryChannel = {
  name: 'default',
  s3BucketName: 'config-bucket',
  deliveryFrequency: 'TwentyFour_Hours',
  lastStatus: 'SUCCESS',
  lastSuccessfulTime: DELIVERED,
};

function region(
  code: string,
  recorders: Recorder[],
  deliveryChannels: DeliveryChannel[] = recorders.length ? [CHANNEL] : [],
  errors: RegionScan['errors'] = [],
): RegionScan {
  return {
    region: code,
    optStatus: 'ENABLED_BY_DEFAULT',
    state: 'scanned',
    recorders,
    deliveryChannels,
    rules: [],
    nonCompliant: [],
    errors,
    verdict: coverageVerdict({ optStatus: 'ENABLED_BY_DEFAULT', recorders, deliveryChannels }),
  };
}

function details(scan: RegionScan, blindSpots?: string[]): DetailNode[] {
  return regionDetails(scan, { blindSpots }).filter((node): node is DetailNode => node.kind === 'detail');
}

function byLabel(nodes: DetailNode[], label: string): DetailNode {
  const node = nodes.find((candidate) => candidate.label === label);
  assert.ok(node, `a "${label}" line among ${nodes.map((candidate) => candidate.label).join(', ')}`);
  return node;
}

describe('Coverage view wording', () => {
  describe('region rows', () => {
    it('shows the short verdict as the description and the full explanation in the tooltip', () => {
      const virginia = region('us-east-1', []);
      assert.equal(regionDescription(virginia), 'not recorded');
      const tooltip = regionTooltipMarkdown(virginia);
      assert.match(tooltip, /^\*\*US East \(N\. Virginia\)\*\* \(`us-east-1`\)/);
      assert.match(
        tooltip,
        /\*\*not recorded\*\*: a call sent to this region's endpoint is invisible to Config here, and likely elsewhere until a periodic sweep/,
      );
      assert.match(tooltip, /- No configuration recorder exists in this region/);
    });

    it('keeps every verdict a few words long, so sixteen rows read in a narrow sidebar', () => {
      const stopped = region('eu-west-1', [{ ...RECORDER, status: { recording: false } }]);
      const daily = region('us-west-2', [{ ...RECORDER, recordingMode: { frequency: 'DAILY', overrides: [] } }]);
      const partial = region('eu-west-2', [
        {
          ...RECORDER,
          recordingGroup: {
            ...RECORDER.recordingGroup!,
            strategy: 'EXCLUSION_BY_RESOURCE_TYPES',
            allSupported: false,
            excludedResourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::Instance'],
          },
        },
      ]);
      assert.deepEqual(
        [region('ap-northeast-2', [RECORDER]), daily, partial, stopped, region('us-east-1', [])].map((scan) => regionDescription(scan)),
        ['recorded', 'recorded daily', 'partially recorded', 'recorder stopped', 'not recorded'],
      );
    });

    it('counts what the region holds (in the words of every surface) and its unreadable parts beside its verdict', () => {
      const seoul = region('ap-northeast-2', [RECORDER], [CHANNEL], [{ kind: 'access-denied', message: 'denied', part: 'rules' }]);
      assert.equal(
        regionDescription(seoul, { blindSpots: ['rnd-transcribe-test'], found: '1 non-compliant, 1 blind spot' }),
        'recorded · 1 non-compliant, 1 blind spot · 1 part unreadable',
      );
      assert.equal(regionDescription(seoul, { blindSpots: ['a', 'b'] }), 'recorded · 1 part unreadable');
      assert.match(
        regionTooltipMarkdown(seoul, { blindSpots: ['rnd-transcribe-test'] }),
        /1 bucket here that Config has not discovered \\\(blind spot\\\): rnd-transcribe-test/,
      );
      assert.equal(byLabel(details(seoul, ['rnd-transcribe-test']), 'Blind spots').description, 'rnd-transcribe-test');
    });

    it('takes the blind spots of the shown scan only, never an older report', () => {
      assert.deepEqual(blindSpotBuckets(blindSpotsOfScan(INCIDENT_SCAN, INCIDENT_BLIND_SPOTS)).get('ap-northeast-2'), [
        'rnd-transcribe-test',
      ]);
      const later = { ...INCIDENT_SCAN, finishedAt: '2026-11-27T11:00:00.000Z' };
      assert.equal(
        blindSpotsOfScan(later, INCIDENT_BLIND_SPOTS),
        undefined,
        'a report made before this scan finished belongs to the one before',
      );
      assert.equal(blindSpotsOfScan(undefined, INCIDENT_BLIND_SPOTS), undefined);
    });
  });

  describe('region details', () => {
    it('starts with why the verdict says what it says', () => {
      const [first] = details(region('us-east-1', []));
      assert.equal(
        first!.label,
        "A call sent to this region's endpoint is invisible to Config here, and likely elsewhere until a periodic sweep.",
      );
      assert.equal(
        first!.tooltip,
        "Not recorded: a call sent to this region's endpoint is invisible to Config here, and likely elsewhere until a periodic sweep.",
      );
      assert.equal(details(region('ap-northeast-2', [RECORDER]))[0]!.label, 'Region', 'a plain "recorded" needs no explanation');
    });

    it('words API values: delivery frequency, delivery and recorder status, in one time format with ISO in the tooltip', () => {
      const nodes = details(region('ap-northeast-2', [RECORDER]));
      assert.equal(byLabel(nodes, 'Delivery channel').description, 's3://config-bucket');
      assert.equal(byLabel(nodes, 'Snapshots').description, 'every 24 hours');
      assert.equal(byLabel(nodes, 'Last delivery').description, `succeeded at ${formatTime(DELIVERED)}`);
      assert.match(byLabel(nodes, 'Last delivery').tooltip!, new RegExp(`\\(${DELIVERED.replace(/\./g, '\\.')}\\)`));
      assert.equal(byLabel(nodes, 'Status').description, `recording · succeeding since ${formatTime(STATUS_TIME)}`);
      assert.match(byLabel(nodes, 'Status').tooltip!, /2026-11-27T08:30:40\.000Z/);
      for (const node of nodes) {
        assert.doesNotMatch(
          `${node.label} ${node.description ?? ''}`,
          /SUCCESS|FAILURE|PENDING|TwentyFour_Hours|_Hours|\d{4}-\d\d-\d\dT/,
          node.label,
        );
      }
    });

    it('says what failed, with the error code, and keeps the message for the tooltip', () => {
      const failing: Recorder = {
        ...RECORDER,
        status: {
          recording: true,
          lastStatus: 'FAILURE',
          lastErrorCode: 'AccessDenied',
          lastErrorMessage: 'Role cannot be assumed',
          lastStatusChangeTime: STATUS_TIME,
        },
      };
      const channel: DeliveryChannel = {
        ...CHANNEL,
        lastStatus: 'FAILURE',
        lastErrorCode: 'NoSuchBucket',
        lastErrorMessage: 'The bucket is gone',
        lastSuccessfulTime: undefined,
      };
      const nodes = details(region('eu-west-1', [failing], [channel]));
      assert.equal(byLabel(nodes, 'Status').description, `recording, but failing since ${formatTime(STATUS_TIME)} (AccessDenied)`);
      assert.match(byLabel(nodes, 'Status').tooltip!, /Role cannot be assumed/);
      assert.equal(byLabel(nodes, 'Last delivery').description, 'failed (NoSuchBucket)');
      assert.match(byLabel(nodes, 'Last delivery').tooltip!, /The bucket is gone/);
      assert.equal(
        describeRecorderStatus({ ...RECORDER, status: { recording: false, lastStatus: 'Failure', lastErrorCode: 'X' } }),
        'stopped · last status: failure (X)',
      );
      assert.equal(
        describeRecorderStatus({ ...RECORDER, status: { recording: true, lastStatus: 'Pending' } }),
        'recording · first recording pending',
      );
    });

    it('words every delivery frequency of the API', () => {
      assert.deepEqual(
        ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours', 'Some_New_Value'].map(deliveryFrequencyText),
        ['every hour', 'every 3 hours', 'every 6 hours', 'every 12 hours', 'every 24 hours', 'some new value'],
      );
    });
  });

  describe('account row', () => {
    it('says where calls go when they do not go to AWS', () => {
      assert.equal(
        accountDescription('profile tagsight-demo', 'http://127.0.0.1:4566'),
        'profile tagsight-demo · local endpoint http://127.0.0.1:4566',
      );
      assert.equal(
        accountDescription('default credentials', 'https://minio.example.com'),
        'default credentials · not AWS: https://minio.example.com',
      );
      assert.equal(accountDescription('profile prod', undefined), 'profile prod');
      assert.equal(accountTooltip('demo account', 'http://localhost:9000'), 'Demo account\nCalls go to http://localhost:9000, not to AWS.');
    });
  });
});
