import * as assert from 'node:assert/strict';
import type { AccountScan, RegionScan } from '../../../../src/core/account-model';
import { findBlindSpots } from '../../../../src/core/blind-spot';
import type { RequiredTag } from '../../../../src/core/tag-policy';
import { resolveTagTarget } from '../../../../src/app/tagging/tag-target';

const ruleTag: RequiredTag = {
  key: 'Service',
  resourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::Instance'],
  source: { kind: 'config-rule', name: 'required-tags (ap-northeast-2)' },
};
const region = {
  region: 'ap-northeast-2',
  rules: [
    { name: 'required-tags', isRequiredTags: true, requiredTags: [ruleTag], scopeResourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::Instance'] },
    {
      name: 'table-tags',
      isRequiredTags: true,
      requiredTags: [{ ...ruleTag, key: 'Owner' }],
      scopeResourceTypes: ['AWS::DynamoDB::Table'],
    },
  ],
} as unknown as RegionScan;
const scan = { identity: { accountId: '123456789012' }, regions: [region] } as unknown as AccountScan;
const policy: RequiredTag = { key: 'Env', allowedValues: ['prod'], source: { kind: 'policy-file', name: 'tag-policy.json' } };
const accountCopy: RequiredTag = { ...ruleTag, source: { kind: 'config-rule', name: 'required-tags (us-east-1)' } };

describe('resolveTagTarget', () => {
  it('resolves a blind-spot node to its bucket with the region rules and the workspace policy', () => {
    const report = findBlindSpots({
      now: new Date(),
      buckets: [{ name: 'rnd-transcribe-test', region: 'ap-northeast-2' }],
      regions: [{ region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set() }],
      createEvents: [],
      tags: new Map(),
      rules: [],
    });
    const target = resolveTagTarget({ blindSpot: report.blindSpots[0] }, { scan, workspaceRequirements: [policy, accountCopy] });
    assert.ok(target?.kind === 's3-bucket');
    assert.equal(target.bucket, 'rnd-transcribe-test');
    assert.deepEqual(target.ruleNames, ['required-tags']);
    assert.deepEqual(
      target.requirements.map((r) => r.key),
      ['Service', 'Env'],
      'account rules of other regions are not applied',
    );
  });

  it('knows a bucket named by a watch notification is a blind spot when the latest check lists it', () => {
    const report = findBlindSpots({
      now: new Date(),
      buckets: [{ name: 'rnd-transcribe-test', region: 'ap-northeast-2' }],
      regions: [{ region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set() }],
      createEvents: [],
      tags: new Map(),
      rules: [],
    });
    const ref = (bucket: string) => ({ region: 'ap-northeast-2', resourceType: 'AWS::S3::Bucket', resourceId: bucket });
    const spot = resolveTagTarget(ref('rnd-transcribe-test'), { scan, blindSpots: report, workspaceRequirements: [] });
    assert.ok(spot?.kind === 's3-bucket' && spot.blindSpot);
    const known = resolveTagTarget(ref('transcribe-results'), { scan, blindSpots: report, workspaceRequirements: [] });
    assert.ok(known?.kind === 's3-bucket' && !known.blindSpot, 'a bucket Config has is offered re-evaluation');
    const node = resolveTagTarget({ blindSpot: report.blindSpots[0] }, { scan, workspaceRequirements: [] });
    assert.ok(node?.kind === 's3-bucket' && node.blindSpot);
  });

  it('resolves a watch target for an instance to an ARN in its region', () => {
    const target = resolveTagTarget(
      { region: 'ap-northeast-2', resourceType: 'AWS::EC2::Instance', resourceId: 'i-0f9e8d7c6b5a40312' },
      { scan, workspaceRequirements: [] },
    );
    assert.ok(target?.kind === 'resource');
    assert.equal(target.arn, 'arn:aws:ec2:ap-northeast-2:123456789012:instance/i-0f9e8d7c6b5a40312');
    assert.deepEqual(target.ruleNames, ['required-tags']);
  });

  it('refuses what it cannot resolve', () => {
    assert.equal(resolveTagTarget(undefined, { workspaceRequirements: [] }), undefined);
    assert.equal(
      resolveTagTarget({ region: 'eu-west-1', resourceType: 'AWS::Lambda::Function', resourceId: 'f' }, { workspaceRequirements: [] }),
      undefined,
    );
  });
});
