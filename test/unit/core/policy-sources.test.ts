import * as assert from 'node:assert/strict';
import { describeSource, isPolicyMissing, mergePolicySources, requiredTagsFromSetting } from '../../../src/core/policy-sources';
import { evaluateTags } from '../../../src/core/tag-policy';

describe('policy sources', () => {
  it('reads the tagsight.requiredTags setting, including bare keys, and reports malformed entries', () => {
    const { requirements, problems } = requiredTagsFromSetting([
      { key: 'Service', values: ['api'], resourceTypes: ['AWS::S3::Bucket'] },
      'Owner',
      { values: ['x'] },
    ]);
    assert.deepEqual(
      requirements.map((r) => [r.key, r.allowedValues, r.resourceTypes, r.source.kind]),
      [
        ['Service', ['api'], ['AWS::S3::Bucket'], 'setting'],
        ['Owner', undefined, undefined, 'setting'],
      ],
    );
    assert.equal(problems.length, 1);
    assert.deepEqual(requiredTagsFromSetting('nope').requirements, []);
    assert.equal(requiredTagsFromSetting('nope').problems.length, 1);
  });

  it('merges in the order policy file, setting, account: the first source names a shared key', () => {
    const file = [{ key: 'Owner', source: { kind: 'policy-file' as const, name: 'tag-policy.json' } }];
    const setting = requiredTagsFromSetting(['Owner', 'Team']).requirements;
    const account = [{ key: 'Team', source: { kind: 'config-rule' as const, name: 'required-tags (us-east-1)' } }];
    const policy = mergePolicySources({ policyFile: file, setting, account });
    const evaluation = evaluateTags({}, policy.requirements);
    assert.deepEqual(
      evaluation.missing.map((r) => [r.key, r.source.kind]),
      [
        ['Owner', 'policy-file'],
        ['Team', 'setting'],
      ],
    );
    assert.equal(isPolicyMissing(policy), false);
    assert.equal(isPolicyMissing(mergePolicySources({})), true);
  });

  it('puts the Organizations tag policy last: it names only keys no other source requires', () => {
    const organizations = { kind: 'organizations' as const, name: 'AWS Organizations tag policy' };
    const file = [{ key: 'Owner', source: { kind: 'policy-file' as const, name: 'tag-policy.json' } }];
    const account = [{ key: 'CostCenter', source: { kind: 'config-rule' as const, name: 'required-tags (us-east-1)' } }];
    const fromOrganization = ['Owner', 'CostCenter', 'DataClassification'].map((key) => ({
      key,
      resourceTypes: ['AWS::S3::Bucket'],
      source: organizations,
    }));
    const policy = mergePolicySources({ organizations: fromOrganization, account, policyFile: file });
    assert.deepEqual(
      policy.requirements.map((r) => r.source.kind),
      ['policy-file', 'config-rule', 'organizations', 'organizations', 'organizations'],
    );
    const evaluation = evaluateTags({}, policy.requirements);
    assert.deepEqual(
      evaluation.missing.map((r) => [r.key, describeSource(r.source)]),
      [
        ['Owner', 'policy file tag-policy.json'],
        ['CostCenter', 'Config rule required-tags (us-east-1)'],
        ['DataClassification', 'AWS Organizations tag policy'],
      ],
    );
    assert.equal(isPolicyMissing(mergePolicySources({ organizations: fromOrganization })), false);
  });
});
