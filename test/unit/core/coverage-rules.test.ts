import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isRequiredTagsRule, missingKeysFromAnnotation, parseRequiredTagsParameters, toConfigRule } from '../../../src/core/account-rules';

const rule = { name: 'required-tags', region: 'ap-northeast-2' };

describe('REQUIRED_TAGS rules', () => {
  it('recognises the rule by its source, never by its name', () => {
    assert.equal(isRequiredTagsRule({ owner: 'AWS', sourceIdentifier: 'REQUIRED_TAGS' }), true);
    assert.equal(isRequiredTagsRule({ owner: 'CUSTOM_LAMBDA', sourceIdentifier: 'REQUIRED_TAGS' }), false);
    const named = toConfigRule({ name: 'required-tags', owner: 'CUSTOM_LAMBDA', sourceIdentifier: 'arn:aws:lambda:x' }, 'us-east-1');
    assert.equal(named.isRequiredTags, false);
    assert.deepEqual(named.requiredTags, []);
  });

  it('parses tag1Key..tag6Key and comma-separated values into requirements with the rule as source', () => {
    const parsed = parseRequiredTagsParameters(
      JSON.stringify({ tag1Key: 'Service', tag2Key: 'Env', tag2Value: 'prod, dev ,', tag6Key: 'Owner' }),
      { ...rule, scopeResourceTypes: ['AWS::S3::Bucket'] },
    );
    assert.equal(parsed.problem, undefined);
    assert.deepEqual(
      parsed.requiredTags.map((tag) => tag.key),
      ['Service', 'Env', 'Owner'],
    );
    assert.deepEqual(parsed.requiredTags[1]!.allowedValues, ['prod', 'dev']);
    assert.equal(parsed.requiredTags[0]!.allowedValues, undefined);
    assert.deepEqual(parsed.requiredTags[0]!.resourceTypes, ['AWS::S3::Bucket']);
    assert.deepEqual(parsed.requiredTags[0]!.source, { kind: 'config-rule', name: 'required-tags (ap-northeast-2)' });
  });

  it('ignores keys beyond tag6Key, as AWS checks at most six', () => {
    const parsed = parseRequiredTagsParameters(JSON.stringify({ tag1Key: 'A', tag7Key: 'G' }), rule);
    assert.deepEqual(
      parsed.requiredTags.map((tag) => tag.key),
      ['A'],
    );
  });

  it('says what is wrong with bad parameters instead of throwing', () => {
    assert.match(parseRequiredTagsParameters('{not json', rule).problem!, /not valid JSON/);
    assert.match(parseRequiredTagsParameters('[1]', rule).problem!, /not a JSON object/);
    assert.match(parseRequiredTagsParameters(undefined, rule).problem!, /no parameters/);
    assert.match(parseRequiredTagsParameters('{"tag1Value":"x"}', rule).problem!, /no tag key/);
  });

  it('never throws, whatever the parameters string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseRequiredTagsParameters(text, rule);
        assert.ok(parsed.requiredTags.length <= 6);
      }),
    );
  });

  it('reads missing keys from an annotation only when it says they are missing', () => {
    assert.deepEqual(missingKeysFromAnnotation('missing tag Service', ['Service', 'Env']), ['Service']);
    assert.equal(missingKeysFromAnnotation('Evaluated', ['Service']), 'unknown');
    assert.equal(missingKeysFromAnnotation(undefined, ['Service']), 'unknown');
    // "ServiceName" is not "Service".
    assert.equal(missingKeysFromAnnotation('missing tag ServiceName', ['Service']), 'unknown');
  });
});
