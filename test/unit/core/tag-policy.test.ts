import * as assert from 'node:assert/strict';
import { evaluateTags, type RequiredTag } from '../../../src/core/tag-policy';

const source = { kind: 'setting', name: 'tagsight.requiredTags' } as const;

describe('evaluateTags', () => {
  const service: RequiredTag = { key: 'Service', source };
  const env: RequiredTag = { key: 'Env', allowedValues: ['prod', 'dev*'], source };

  it('reports required keys that are absent', () => {
    const result = evaluateTags({ Owner: 'me' }, [service]);
    assert.deepEqual(
      result.missing.map((r) => r.key),
      ['Service'],
    );
  });

  it('never reports a key whose value is unknown', () => {
    const result = evaluateTags({}, [service], { unknownKeys: new Set(['Service']) });
    assert.equal(result.missing.length, 0);
  });

  it('checks values against allowed values with prefix wildcards', () => {
    assert.equal(evaluateTags({ Env: 'dev-7' }, [env]).disallowed.length, 0);
    assert.deepEqual(
      evaluateTags({ Env: 'staging' }, [env]).disallowed.map((d) => d.value),
      ['staging'],
    );
  });

  it('hints when a key differs only in case', () => {
    const result = evaluateTags({ service: 'api' }, [service]);
    assert.deepEqual(
      result.caseMismatches.map((m) => m.foundKey),
      ['service'],
    );
  });
});
