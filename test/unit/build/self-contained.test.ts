import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A clone is all a contributor has: no file of the repository may point outside it (a sibling checkout, the
 * machine it was written on, notes that were never committed). Facts live in docs/aws-behaviour.md, peer test
 * cases in test/conformance/cases, the house rules in docs/architecture.md.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const THIS_FILE = path.relative(REPO_ROOT, __filename).split(path.sep).join('/');

const OUTSIDE_REFERENCES: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /\.\.\/shared(?![\w-])/, why: 'a sibling folder of the clone' },
  { pattern: /'\.\.',\s*'shared'/, why: 'a sibling folder of the clone, as path segments' },
  { pattern: /shared\/(conformance|reference)\b/, why: 'the material test/conformance/cases and docs/aws-behaviour.md replace' },
  { pattern: /aws-facts/, why: 'notes outside the repo: cite docs/aws-behaviour.md#anchor' },
  { pattern: /STYLE\.md/, why: 'notes outside the repo: cite docs/architecture.md' },
  { pattern: /vscode-harness\.md|aws-examples\//, why: 'notes outside the repo' },
  { pattern: /(^|[\s'"`(=:])\/work\//, why: 'an absolute path of one machine' },
];

function repositoryFiles(): string[] {
  // Tracked files plus new ones not ignored, so a reference is caught before it is committed.
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return [...new Set(listed.split('\0').filter(Boolean))].filter((file) => fs.existsSync(path.join(REPO_ROOT, file)));
}

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

describe('the repository is self-contained', () => {
  it('no file refers to a path outside the repository', function () {
    this.timeout(20_000);
    const files = repositoryFiles();
    assert.ok(files.length > 100, `git ls-files listed only ${files.length} files`);
    const offences: string[] = [];
    for (const file of files) {
      if (file === THIS_FILE) continue;
      const full = path.join(REPO_ROOT, file);
      if (!fs.statSync(full).isFile()) continue;
      const content = fs.readFileSync(full);
      if (isBinary(content)) continue;
      content
        .toString('utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const { pattern, why } of OUTSIDE_REFERENCES) {
            if (pattern.test(line)) offences.push(`${file}:${index + 1}: ${why}: ${line.trim().slice(0, 120)}`);
          }
        });
    }
    assert.deepEqual(offences, []);
  });

  it('the patterns catch what they are meant to', () => {
    const caught = (line: string) => OUTSIDE_REFERENCES.some(({ pattern }) => pattern.test(line));
    for (const line of [
      "const root = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance');",
      ' * Facts (see ../shared/reference/aws-facts.md §3):',
      "const examples = '/work/shared/reference/aws-examples';",
      '// keep the layers honest (see STYLE.md)',
    ])
      assert.ok(caught(line), line);
    for (const line of [
      'the shared config and credentials files',
      'docs/aws-behaviour.md#tag-limits',
      "import { x } from '../shared-ini';",
      'a network/work/ path',
    ]) {
      assert.ok(!caught(line), line);
    }
  });
});
