import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** CHANGELOG.md keeps the Keep a Changelog form: [Unreleased] on top, then versions, each in the standard sections. */
const CHANGELOG = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'CHANGELOG.md'), 'utf8');
const SECTIONS = new Set(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']);

describe('CHANGELOG.md', () => {
  const versions = [...CHANGELOG.matchAll(/^## (.+)$/gm)].map((match) => match[1]!);

  it('starts with [Unreleased], then versions as [x.y.z] - date or status', () => {
    assert.equal(versions[0], '[Unreleased]');
    assert.ok(versions.length > 1, 'no released or prepared version');
    for (const version of versions.slice(1)) assert.match(version, /^\[\d+\.\d+\.\d+\] - \S/);
  });

  it('groups entries only under the standard sections, each at most once per version, and no entry outside one', () => {
    for (const block of CHANGELOG.split(/^## /m).slice(1)) {
      const [heading = '', ...lines] = block.split('\n');
      const sections = lines.filter((line) => line.startsWith('### ')).map((line) => line.slice(4).trim());
      assert.ok(sections.length > 0, `${heading} has no section`);
      assert.deepEqual(
        sections.filter((section) => !SECTIONS.has(section)),
        [],
        `${heading} has a non-standard section`,
      );
      assert.equal(new Set(sections).size, sections.length, `${heading} repeats a section`);
      const firstSection = lines.findIndex((line) => line.startsWith('### '));
      assert.ok(!lines.slice(0, firstSection).some((line) => line.startsWith('- ')), `${heading} has an entry before its first section`);
    }
  });
});
