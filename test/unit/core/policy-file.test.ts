import * as assert from 'node:assert/strict';
import { cloudFormationPatternForOrganizationsType } from '../../../src/analyzers/taggable-types';
import { parsePolicyFile } from '../../../src/core/policy-file';

const resolveType = cloudFormationPatternForOrganizationsType;

describe('parsePolicyFile (AWS Organizations tag policy syntax)', () => {
  it('reads tag_key, tag_value and report_required_tag_for with @@assign', () => {
    const parsed = parsePolicyFile(
      JSON.stringify({
        tags: {
          costcenter: {
            tag_key: { '@@assign': 'CostCenter' },
            tag_value: { '@@assign': ['100', '200*'] },
            enforced_for: { '@@assign': ['ec2:instance'] },
            report_required_tag_for: { '@@assign': ['s3:bucket', 'ec2:security-group'] },
          },
        },
      }),
      'tag-policy.json',
      { resolveType },
    );
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.policy.requirements, [
      {
        key: 'CostCenter',
        allowedValues: ['100', '200*'],
        resourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::SecurityGroup'],
        source: { kind: 'policy-file', name: 'tag-policy.json' },
      },
    ]);
  });

  it('falls back to enforced_for, then to every type; accepts the effective-policy form without operators', () => {
    const parsed = parsePolicyFile(
      '{"tags":{"a":{"tag_key":"Owner","enforced_for":["ec2:ALL_SUPPORTED"]},"b":{"tag_key":"Team"}}}',
      'p.json',
      { resolveType },
    );
    assert.deepEqual(
      parsed.policy.requirements.map((r) => [r.key, r.resourceTypes]),
      [
        ['Owner', ['AWS::EC2::*']],
        ['Team', undefined],
      ],
    );
  });

  it('applies @@append and @@remove after @@assign', () => {
    const parsed = parsePolicyFile(
      '{"tags":{"env":{"tag_key":{"@@assign":"Env"},"tag_value":{"@@assign":["dev","test"],"@@append":["prod"],"@@remove":["test"]}}}}',
      'p.json',
    );
    assert.deepEqual(parsed.policy.requirements[0]!.allowedValues, ['dev', 'prod']);
  });

  it('reports invalid JSON at its position and never throws', () => {
    const parsed = parsePolicyFile('{\n  "tags": {\n    "a": { "tag_key": "X" ,, }\n  }\n}', 'p.json');
    assert.ok(parsed.errors.length > 0);
    assert.equal(parsed.errors[0]!.range.start.line, 2);
    assert.match(parsed.errors[0]!.message, /Invalid JSON/);
  });

  it('reports a wrong operand type at the operand', () => {
    const text = '{\n  "tags": {\n    "a": { "tag_key": { "@@assign": 42 } }\n  }\n}';
    const parsed = parsePolicyFile(text, 'p.json');
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0]!.range.start.line, 2);
    assert.equal(parsed.errors[0]!.range.start.character, text.split('\n')[2]!.indexOf('42'));
    assert.deepEqual(parsed.policy.requirements, []);
  });

  it('reports unknown fields and operators, a missing "tags", a non-object root, an empty file', () => {
    assert.match(parsePolicyFile('{"tags":{"a":{"tag_kee":"X"}}}', 'p').errors[0]!.message, /Unknown field "tag_kee"/);
    assert.match(
      parsePolicyFile('{"tags":{"a":{"tag_key":{"@@set":"X"}}}}', 'p')
        .errors.map((e) => e.message)
        .join(),
      /Unknown operator "@@set"/,
    );
    assert.match(parsePolicyFile('{"rules":{}}', 'p').errors[0]!.message, /no "tags" member/);
    assert.match(parsePolicyFile('[1]', 'p').errors[0]!.message, /JSON object/);
    assert.match(parsePolicyFile('', 'p').errors[0]!.message, /empty/);
  });

  it('warns about unknown resource types and drops a requirement whose types are all unknown', () => {
    const parsed = parsePolicyFile('{"tags":{"a":{"tag_key":"X","report_required_tag_for":["nosuchservice:thing"]}}}', 'p', {
      resolveType,
    });
    assert.deepEqual(parsed.policy.requirements, []);
    assert.match(parsed.warnings[0]!.message, /Unknown resource type "nosuchservice:thing"/);
  });

  it('uses the entry name as key when tag_key is absent, with a warning', () => {
    const parsed = parsePolicyFile('{"tags":{"Owner":{"tag_value":["a"]}}}', 'p');
    assert.deepEqual(
      parsed.policy.requirements.map((r) => r.key),
      ['Owner'],
    );
    assert.equal(parsed.warnings.length, 1);
  });
});
