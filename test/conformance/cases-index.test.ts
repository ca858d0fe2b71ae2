import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFORMANCE_CASES } from './iac-conformance';

/**
 * INDEX.json and the case folders agree, so a case added or removed on one side only is caught, and every case
 * names its upstream file at a commit (cases/README.md says where each folder comes from).
 */
describe('conformance cases: index and provenance', () => {
  const index = JSON.parse(fs.readFileSync(path.join(CONFORMANCE_CASES, 'INDEX.json'), 'utf8')) as Record<string, Array<{ dir: string }>>;
  const onDisk = fs
    .readdirSync(CONFORMANCE_CASES, { withFileTypes: true })
    .filter((tool) => tool.isDirectory())
    .flatMap((tool) =>
      fs
        .readdirSync(path.join(CONFORMANCE_CASES, tool.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${tool.name}/${entry.name}`),
    )
    .sort();

  it('INDEX.json lists exactly the case folders', () => {
    const listed = Object.values(index)
      .flat()
      .map((entry) => entry.dir)
      .sort();
    assert.deepEqual(listed, onDisk);
  });

  it('every case names an upstream GitHub file pinned to a commit', () => {
    const unpinned = onDisk.filter((dir) => {
      // The pin is in expected.json, or in the case's README where the case restates a test rather than copying it.
      const text = ['expected.json', 'README.md']
        .map((file) => path.join(CONFORMANCE_CASES, dir, file))
        .filter((file) => fs.existsSync(file))
        .map((file) => fs.readFileSync(file, 'utf8'))
        .join('\n');
      return !/https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{7,40}\//.test(text);
    });
    assert.deepEqual(unpinned, []);
  });
});
