import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The contributor docs stay true to the code: every repository path they name exists (globs match a file), every
 * relative link resolves, and every `docs/aws-behaviour.md#anchor` cited anywhere in the repository exists.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS = ['docs/architecture.md', 'docs/aws-behaviour.md', 'CONTRIBUTING.md', 'tools/taggable-types/README.md'];
const REPO_PATH = /(?<=^|[\s`'"([])((?:src|test|scripts|tools|docs|media|demo|\.vscode)\/[\w.*/-]*[\w*/])/g;

const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file && fs.existsSync(path.join(REPO_ROOT, file)));

function exists(repoPath: string): boolean {
  if (!repoPath.includes('*')) return fs.existsSync(path.join(REPO_ROOT, repoPath));
  const pattern = new RegExp(`^${repoPath.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}`);
  return tracked.some((file) => pattern.test(file));
}

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]!));
}

describe('contributor docs', () => {
  for (const doc of DOCS) {
    it(`${doc}: every repository path it names exists`, () => {
      const text = fs.readFileSync(path.join(REPO_ROOT, doc), 'utf8');
      const missing = [...new Set([...text.matchAll(REPO_PATH)].map((match) => match[1]!))].filter(
        (repoPath) => !repoPath.includes('<') && !exists(repoPath),
      );
      assert.deepEqual(missing, []);
    });

    it(`${doc}: every relative link resolves, anchors included`, () => {
      const text = fs.readFileSync(path.join(REPO_ROOT, doc), 'utf8');
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#');
        const resolved = file ? path.relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(doc), file)) : doc;
        if (!fs.existsSync(path.join(REPO_ROOT, resolved))) broken.push(target!);
        else if (anchor && resolved.endsWith('.md') && resolved.startsWith('docs/') && !anchorsOf(resolved).has(anchor))
          broken.push(target!);
      }
      assert.deepEqual(broken, []);
    });
  }

  it('every docs/aws-behaviour.md#anchor cited in the repository exists', () => {
    const anchors = anchorsOf('docs/aws-behaviour.md');
    assert.ok(anchors.size > 20, 'docs/aws-behaviour.md has lost its anchors');
    const unknown: string[] = [];
    for (const file of tracked) {
      const full = path.join(REPO_ROOT, file);
      if (!fs.statSync(full).isFile() || /\.(png|wasm|gz)$/.test(file)) continue;
      fs.readFileSync(full, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const cited = line.match(/aws-behaviour\.md#([a-z0-9-]+)((?:(?:,| and) #[a-z0-9-]+)*)/);
          if (!cited) return;
          const names = [cited[1]!, ...[...cited[2]!.matchAll(/#([a-z0-9-]+)/g)].map((match) => match[1]!)];
          for (const name of names) if (name !== 'anchor' && !anchors.has(name)) unknown.push(`${file}:${index + 1}: #${name}`);
        });
    }
    assert.deepEqual(unknown, []);
  });
});
