import * as assert from 'node:assert/strict';
import { cloudFormationPatternForOrganizationsType } from '../../../src/analyzers/taggable-types';
import { ORGANIZATIONS_SOURCE, readOrganizationsRequiredTags } from '../../../src/aws/organizations-required-tags';
import { evaluateTags, requirementsFor } from '../../../src/core/tag-policy';
import { startEmulator, type RunningEmulator, type Scenario } from '../../../src/emulator';
import { emulatorFactory } from './emulator-connection';

/** Organizations required tags (ListRequiredTags) over the real Tagging API client and HTTP against the emulator. */
const resolveType = cloudFormationPatternForOrganizationsType;

function withOrganization(organization: Partial<NonNullable<Scenario['organization']>>): Scenario {
  return {
    accountId: '111122223333',
    regions: [
      { name: 'us-east-1', optInStatus: 'ENABLED_BY_DEFAULT' },
      { name: 'eu-west-1', optInStatus: 'ENABLED_BY_DEFAULT' },
    ],
    organization: { id: 'o-a1b2c3d4e5', managementAccountId: '999988887777', ...organization },
  };
}

describe('aws: Organizations required tags (ListRequiredTags)', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ scenario: 'org-aggregator' });
  });
  afterEach(async () => emulator.close());

  const read = async (region = 'us-east-1', maxAttempts?: number) => {
    const factory = emulatorFactory(emulator, { maxAttempts });
    try {
      return await readOrganizationsRequiredTags(factory.tagging(region), { resolveType });
    } finally {
      factory.destroy();
    }
  };

  it('turns the tag policy into one requirement per key over CloudFormation types, named as the Organizations source', async () => {
    const result = await read();
    assert.equal(result.status, 'loaded');
    const byKey = Object.fromEntries(result.requirements.map((r) => [r.key, r.resourceTypes]));
    assert.deepEqual(byKey, {
      CostCenter: ['AWS::EC2::Volume', 'AWS::EC2::Instance'],
      Owner: ['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::S3::Bucket'],
      Environment: ['AWS::EC2::Instance'],
      DataClassification: ['AWS::S3::Bucket'],
    });
    assert.ok(result.requirements.every((r) => r.source === ORGANIZATIONS_SOURCE));
    assert.deepEqual(ORGANIZATIONS_SOURCE, { kind: 'organizations', name: 'AWS Organizations tag policy' });
    // The requirements drive the core evaluation as any other source does.
    const bucket = evaluateTags({ Owner: 'data' }, requirementsFor({ requirements: result.requirements }, 'AWS::S3::Bucket'));
    assert.deepEqual(
      bucket.missing.map((r) => r.key),
      ['DataClassification'],
    );
  });

  it('maps types without AWS-given CloudFormation types through the shared mapping, pages past 200, and reports types it cannot map', async () => {
    const filler = Array.from({ length: 210 }, (_, i) => ({ resourceType: `ec2:instance`, reportingTagKeys: [`Key${i}`] }));
    emulator.load(
      withOrganization({
        requiredTags: [
          { resourceType: 's3:bucket', reportingTagKeys: ['Owner'] },
          { resourceType: 'nosuchservice:widget', reportingTagKeys: ['Owner'] },
          ...filler,
        ],
      }),
    );
    const result = await read('eu-west-1');
    assert.equal(result.status, 'loaded');
    if (result.status !== 'loaded') return;
    assert.deepEqual(result.requirements.find((r) => r.key === 'Owner')?.resourceTypes, ['AWS::S3::Bucket']);
    assert.equal(result.requirements.length, 211, 'every page read');
    assert.deepEqual(result.requirements.find((r) => r.key === 'Key209')?.resourceTypes, ['AWS::EC2::Instance']);
    assert.deepEqual(result.unmappedTypes, ['nosuchservice:widget']);
    assert.ok(
      emulator.calls().some((c) => c.operation === 'ListRequiredTags' && c.count === 2),
      'two pages',
    );
  });

  it('gives nothing for the incident account, which has no organization', async () => {
    emulator.load('incident');
    assert.deepEqual(await read('ap-northeast-2'), { status: 'loaded', requirements: [], unmappedTypes: [] });
  });

  it('treats an access denial (scenario or injected) as "not allowed" with a reason to show', async () => {
    emulator.load(
      withOrganization({ requiredTags: [{ resourceType: 's3:bucket', reportingTagKeys: ['Owner'] }], mayListRequiredTags: false }),
    );
    const denied = await read();
    assert.equal(denied.status, 'not-allowed');
    assert.deepEqual(denied.requirements, []);
    if (denied.status === 'not-allowed') assert.match(denied.reason, /tag:ListRequiredTags \(AccessDeniedException\)/);

    emulator.load('org-aggregator');
    emulator.faults.add({ kind: 'access-denied', operation: 'ListRequiredTags' });
    assert.equal((await read()).status, 'not-allowed');
  });

  it('throws other errors for the caller to classify', async () => {
    emulator.faults.add({ kind: 'throttle', operation: 'ListRequiredTags' });
    await assert.rejects(read('us-east-1', 1), { name: 'ThrottledException' });
    emulator.faults.clear();
    emulator.faults.add({ kind: 'server-error', operation: 'ListRequiredTags', times: 1 });
    await assert.rejects(read('us-east-1', 1), { name: 'InternalServiceException' });
    assert.equal((await read('us-east-1', 1)).status, 'loaded');
  });
});
