import * as assert from 'node:assert/strict';
import type { Recorder } from '../../../src/core/account-model';
import { coverageVerdict, NOT_RECORDED, NOT_RECORDED_EXPLANATION, verdictRank } from '../../../src/core/coverage';

const allSupported = {
  strategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
  allSupported: true,
  includeGlobalResourceTypes: false,
  resourceTypes: [],
  excludedResourceTypes: [],
} as const;
const continuous = { frequency: 'CONTINUOUS', overrides: [] } as const;
const channel = { name: 'default', s3BucketName: 'config-bucket', lastStatus: 'SUCCESS' };

function recorder(overrides: Partial<Recorder> = {}): Recorder {
  return {
    name: 'default',
    recordingGroup: allSupported,
    recordingMode: continuous,
    status: { recording: true, lastStatus: 'SUCCESS' },
    ...overrides,
  };
}

describe('coverageVerdict', () => {
  it('says recorded for a recording, succeeding recorder of every type', () => {
    const verdict = coverageVerdict({ optStatus: 'ENABLED_BY_DEFAULT', recorders: [recorder()], deliveryChannels: [channel] });
    assert.equal(verdict.kind, 'recorded');
    assert.equal(verdict.level, 'ok');
    assert.equal(verdict.summary, 'recorded');
    assert.equal(verdict.headline, 'recorded');
    assert.equal(verdict.explanation, undefined);
  });

  it('says not recorded, in the plain words of the issue, without a recorder', () => {
    const verdict = coverageVerdict({ optStatus: 'ENABLED_BY_DEFAULT', recorders: [], deliveryChannels: [] });
    assert.equal(verdict.kind, 'not-recorded');
    assert.equal(verdict.summary, `${NOT_RECORDED}: ${NOT_RECORDED_EXPLANATION}`);
    // The views show the headline alone; the summary (reports, tooltips) starts with the same words.
    assert.equal(verdict.headline, 'not recorded');
    assert.equal(NOT_RECORDED, 'not recorded');
    assert.equal(verdict.summary, `not recorded: ${verdict.explanation}`);
    // Only "Config here sees nothing" is certain; the cross-region consequence is UNCONFIRMED, so worded as likely.
    assert.match(verdict.summary, /invisible to Config here, and likely elsewhere/);
    assert.equal(verdict.level, 'problem');
  });

  it('says recorded daily when the recording mode is daily', () => {
    const verdict = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ recordingMode: { frequency: 'DAILY', overrides: [] } })],
      deliveryChannels: [channel],
    });
    assert.equal(verdict.kind, 'recorded-daily');
    assert.equal(verdict.headline, 'recorded daily');
    assert.match(verdict.summary, /^recorded daily: .*up to 24 h/);
    assert.equal(verdict.dailyTypes, 'all');
  });

  it('names the types a daily override covers', () => {
    const mode = { frequency: 'CONTINUOUS', overrides: [{ resourceTypes: ['AWS::EC2::NetworkInterface'], frequency: 'DAILY' }] } as const;
    const verdict = coverageVerdict({ optStatus: 'ENABLED', recorders: [recorder({ recordingMode: mode })], deliveryChannels: [channel] });
    assert.equal(verdict.kind, 'recorded');
    assert.equal(verdict.level, 'warning');
    assert.equal(verdict.headline, 'recorded (some types daily)');
    assert.match(verdict.summary, /AWS::EC2::NetworkInterface daily/);
  });

  it('lists excluded types as partially recorded', () => {
    const group = {
      ...allSupported,
      strategy: 'EXCLUSION_BY_RESOURCE_TYPES',
      allSupported: false,
      excludedResourceTypes: ['AWS::S3::Bucket'],
    } as const;
    const verdict = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ recordingGroup: group })],
      deliveryChannels: [channel],
    });
    assert.equal(verdict.kind, 'partially-recorded');
    assert.deepEqual(verdict.typesOut, ['AWS::S3::Bucket']);
    assert.equal(verdict.headline, 'partially recorded');
    assert.equal(verdict.summary, 'partially recorded: AWS::S3::Bucket not recorded');
  });

  it('lists the only types an inclusion recorder records', () => {
    const group = {
      ...allSupported,
      strategy: 'INCLUSION_BY_RESOURCE_TYPES',
      allSupported: false,
      resourceTypes: ['AWS::EC2::Instance'],
    } as const;
    const verdict = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ recordingGroup: group })],
      deliveryChannels: [channel],
    });
    assert.equal(verdict.kind, 'partially-recorded');
    assert.deepEqual(verdict.onlyTypes, ['AWS::EC2::Instance']);
    assert.equal(verdict.headline, 'partially recorded');
    const daily = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ recordingGroup: group, recordingMode: { frequency: 'DAILY', overrides: [] } })],
      deliveryChannels: [channel],
    });
    assert.equal(daily.headline, 'partially recorded, daily');
    assert.equal(daily.summary, 'partially recorded, daily: only 1 type recorded (AWS::EC2::Instance); changes can take up to 24 h');
  });

  it('says a stopped recorder is stopped and a failing one is failing, with its code', () => {
    const stopped = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ status: { recording: false } })],
      deliveryChannels: [],
    });
    assert.equal(stopped.kind, 'recorder-failing');
    assert.equal(stopped.headline, 'recorder stopped');
    assert.equal(stopped.summary, 'recorder stopped: Config records nothing here until it is started');
    const failing = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ status: { recording: true, lastStatus: 'Failure', lastErrorCode: 'AccessDenied' } })],
      deliveryChannels: [channel],
    });
    assert.equal(failing.kind, 'recorder-failing');
    assert.equal(failing.headline, 'recorder failing (AccessDenied)');
    assert.equal(failing.summary, 'recorder failing (AccessDenied): changes may go unseen');
  });

  it('compares lastStatus case-insensitively (the model says Success, AWS sends SUCCESS)', () => {
    for (const lastStatus of ['SUCCESS', 'Success', 'success']) {
      assert.equal(
        coverageVerdict({
          optStatus: 'ENABLED',
          recorders: [recorder({ status: { recording: true, lastStatus } })],
          deliveryChannels: [channel],
        }).kind,
        'recorded',
      );
    }
  });

  it('treats a region with only a service-linked recorder as partially recorded', () => {
    const group = {
      ...allSupported,
      strategy: 'INCLUSION_BY_RESOURCE_TYPES',
      allSupported: false,
      resourceTypes: ['AWS::EC2::Instance'],
    } as const;
    const verdict = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ name: 'AWSConfigurationRecorderForX', servicePrincipal: 'x.amazonaws.com', recordingGroup: group })],
      deliveryChannels: [],
    });
    assert.equal(verdict.kind, 'partially-recorded');
    assert.ok(verdict.details.some((detail) => detail.includes('x.amazonaws.com')));
  });

  it('says region disabled for a disabled region, and scan failed with the reason otherwise', () => {
    const disabled = coverageVerdict({ optStatus: 'DISABLED', recorders: [], deliveryChannels: [] });
    assert.equal(disabled.kind, 'region-disabled');
    assert.equal(disabled.headline, 'region disabled');
    const failed = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [],
      deliveryChannels: [],
      failure: { kind: 'throttled', message: 'throttled' },
    });
    assert.equal(failed.kind, 'scan-failed');
    assert.equal(failed.summary, 'scan failed: throttled');
    assert.equal(failed.headline, 'scan failed: throttled');
  });

  it('never calls a recorder partial when only its settings could not be read', () => {
    const verdict = coverageVerdict({
      optStatus: 'ENABLED',
      recorders: [recorder({ recordingGroup: undefined, recordingMode: undefined })],
      deliveryChannels: [channel],
    });
    assert.equal(verdict.kind, 'recorded');
    assert.equal(verdict.level, 'warning');
    assert.equal(verdict.headline, 'recorded (types unknown)');
  });

  it('ranks problems before healthy regions and disabled regions last', () => {
    assert.ok(verdictRank('not-recorded') < verdictRank('recorded'));
    assert.ok(verdictRank('recorder-failing') < verdictRank('recorded-daily'));
    assert.ok(verdictRank('recorded') < verdictRank('region-disabled'));
  });
});
