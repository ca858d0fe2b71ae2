import * as assert from 'node:assert/strict';
import { escapeRegExp } from '../../../src/core/regexp';
import { plural } from '../../../src/core/wording';

describe('shared wording and text helpers', () => {
  it('plural counts with the right noun form', () => {
    assert.equal(plural(1, 'region'), '1 region');
    assert.equal(plural(0, 'region'), '0 regions');
    assert.equal(plural(2, 'blind spot'), '2 blind spots');
    assert.equal(plural(3, 'entry', 'entries'), '3 entries');
  });

  it('escapeRegExp makes a tag key or bucket name match only itself', () => {
    for (const text of ['cost.center', 'a+b', 'x(y)', 'tag*', '[env]', 'a|b', 'back\\slash', '$^?{}']) {
      assert.ok(new RegExp(`^${escapeRegExp(text)}$`).test(text), text);
    }
    assert.ok(!new RegExp(escapeRegExp('cost.center')).test('costXcenter'));
  });
});
