import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { templateTagsOf } from '../../src/analyzers/cdk/template-tags';

/**
 * CDK's tag-aspect semantics (priority, include and exclude, removal, L1 tags) against cases derived from aws-cdk's
 * own tests (test/conformance/cases/cdk-tags/<case>/README.md names each source): the tags our model gives each
 * resource must be exactly those the upstream test expects CDK to synthesize, and none of them unknown.
 */
const CASES = path.join(__dirname, 'cases', 'cdk-tags');

describe('conformance: CDK tag aspects (aws-cdk tag tests)', () => {
  const cases = fs
    .readdirSync(CASES)
    .filter((name) => fs.statSync(path.join(CASES, name)).isDirectory())
    .sort();

  it('has the cases, each naming its source and license', () => {
    assert.ok(cases.length >= 8, `cases found: ${cases.join(', ')}`);
    for (const name of cases)
      assert.match(
        fs.readFileSync(path.join(CASES, name, 'README.md'), 'utf8'),
        /aws\/aws-cdk .+ at commit [0-9a-f]{40}.*Apache-2\.0/s,
        name,
      );
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(CASES, name);
      const input = fs.readdirSync(dir).find((file) => /^input\.(ts|py)$/.test(file))!;
      const expected = (
        JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { resources: Record<string, Record<string, string>> }
      ).resources;
      const resolved = await templateTagsOf(
        fs.readFileSync(path.join(dir, input), 'utf8'),
        input.endsWith('.py') ? 'python' : 'typescript',
      );
      assert.deepEqual([...resolved.keys()].sort(), Object.keys(expected).sort(), 'the resources of the program');
      for (const [resourcePath, tags] of resolved) {
        assert.equal(tags.complete, true, `${resourcePath}: every key known`);
        assert.deepEqual([...tags.uncertain], [], `${resourcePath}: no key uncertain`);
        assert.deepEqual(Object.fromEntries(tags.entries), expected[resourcePath], resourcePath);
      }
    });
  }
});
