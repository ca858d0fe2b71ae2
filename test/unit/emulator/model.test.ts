import * as assert from 'node:assert/strict';
import { evaluateRequiredTags, requiredTagsApplies } from '../../../src/emulator/model/required-tags';
import { World } from '../../../src/emulator/model/world';
import type { Recorder } from '../../../src/emulator/model/types';
import { ManualClock } from './helpers';

const recorder = (group: Recorder['recordingGroup'], mode: Recorder['recordingMode'] = { recordingFrequency: 'CONTINUOUS' }): Recorder => ({
  region: 'eu-west-1',
  name: 'default',
  arn: 'arn',
  roleARN: 'role',
  recordingGroup: group,
  recordingMode: mode,
  status: { recording: true, lastStatus: 'SUCCESS' },
});

describe('emulator model', () => {
  const world = new World(
    { accountId: '111122223333', regions: [{ name: 'eu-west-1', optInStatus: 'ENABLED_BY_DEFAULT' }] },
    new ManualClock(),
  );

  it('decides what a recorder covers from its strategy, exclusions and the global IAM types', () => {
    const all = recorder({ allSupported: true, includeGlobalResourceTypes: false });
    assert.equal(world.recordingFrequency(all, 'AWS::S3::Bucket'), 'CONTINUOUS');
    assert.equal(world.recordingFrequency(all, 'AWS::IAM::Role'), undefined);
    assert.equal(
      world.recordingFrequency(recorder({ allSupported: true, includeGlobalResourceTypes: true }), 'AWS::IAM::Role'),
      'CONTINUOUS',
    );
    const inclusion = recorder({
      allSupported: false,
      resourceTypes: ['AWS::EC2::Instance'],
      recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    assert.equal(world.recordingFrequency(inclusion, 'AWS::EC2::Instance'), 'CONTINUOUS');
    assert.equal(world.recordingFrequency(inclusion, 'AWS::S3::Bucket'), undefined);
    const exclusion = recorder({
      exclusionByResourceTypes: { resourceTypes: ['AWS::S3::Bucket'] },
      recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
    });
    assert.equal(world.recordingFrequency(exclusion, 'AWS::S3::Bucket'), undefined);
    assert.equal(
      world.recordingFrequency(exclusion, 'AWS::IAM::Role'),
      'CONTINUOUS',
      'includeGlobalResourceTypes has no effect under exclusion',
    );
    const overridden = recorder(
      { allSupported: true },
      { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [{ resourceTypes: ['AWS::EC2::Volume'], recordingFrequency: 'DAILY' }] },
    );
    assert.equal(world.recordingFrequency(overridden, 'AWS::EC2::Volume'), 'DAILY');
  });

  it('evaluates REQUIRED_TAGS keys and comma-separated allowed values', () => {
    assert.equal(evaluateRequiredTags({ Service: 'api' }, { tag1Key: 'Service' }).complianceType, 'COMPLIANT');
    assert.equal(evaluateRequiredTags({ service: 'api' }, { tag1Key: 'Service' }).complianceType, 'NON_COMPLIANT');
    assert.equal(
      evaluateRequiredTags({ CostCenter: '2000' }, { tag1Key: 'CostCenter', tag1Value: '1000, 2000' }).complianceType,
      'COMPLIANT',
    );
    assert.equal(
      evaluateRequiredTags({ CostCenter: '3000' }, { tag1Key: 'CostCenter', tag1Value: '1000,2000' }).complianceType,
      'NON_COMPLIANT',
    );
    assert.equal(evaluateRequiredTags({ A: '1' }, { tag1Key: 'A', tag6Key: 'F' }).complianceType, 'NON_COMPLIANT');
    assert.equal(requiredTagsApplies('AWS::S3::Bucket', undefined), true);
    assert.equal(requiredTagsApplies('AWS::Lambda::Function', undefined), false, 'not a type REQUIRED_TAGS supports');
    assert.equal(requiredTagsApplies('AWS::S3::Bucket', ['AWS::EC2::Instance']), false);
  });
});
