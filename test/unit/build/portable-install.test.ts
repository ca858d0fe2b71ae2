/**
 * The root `npm ci` must work on macOS and Windows: no root-only npm flags, no code-server (native builds, a nested
 * install, a GitHub download) and no local link packages. Those live in the harness package in test/integration,
 * which scripts/bootstrap.sh installs with its own lock file and .npmrc.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const HARNESS = path.join(REPO_ROOT, 'test', 'integration');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
const npmrcKeys = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('=')[0]!.trim());
const ROOT_ONLY_FLAGS = ['unsafe-perm', 'yes', 'install-links'];

describe('portable root install', () => {
  it('the root .npmrc sets no root-only or harness flags', () => {
    const keys = npmrcKeys(path.join(REPO_ROOT, '.npmrc'));
    assert.deepEqual(
      keys.filter((key) => ROOT_ONLY_FLAGS.includes(key)),
      [],
    );
  });

  it('the root lock file installs no code-server and no local link packages', () => {
    const lock = readJson(path.join(REPO_ROOT, 'package-lock.json')) as { packages: Record<string, { link?: boolean; resolved?: string }> };
    const names = Object.keys(lock.packages);
    assert.deepEqual(
      names.filter((name) => /(^|\/)node_modules\/code-server$/.test(name)),
      [],
    );
    assert.deepEqual(
      names.filter((name) => lock.packages[name]?.link || lock.packages[name]?.resolved?.startsWith('file:')),
      [],
    );
  });

  it('the harness package pins code-server with its own lock file, .npmrc flags and ripgrep seed', () => {
    const manifest = readJson(path.join(HARNESS, 'package.json')) as { dependencies: Record<string, string> };
    assert.equal(manifest.dependencies['code-server'], '4.100.3');
    assert.equal(manifest.dependencies['tagsight-ripgrep-seed'], 'file:ripgrep-seed');
    const lock = readJson(path.join(HARNESS, 'package-lock.json')) as { packages: Record<string, { version?: string }> };
    assert.equal(lock.packages['node_modules/code-server']?.version, '4.100.3');
    assert.deepEqual(
      npmrcKeys(path.join(HARNESS, '.npmrc'))
        .filter((key) => ROOT_ONLY_FLAGS.includes(key))
        .sort(),
      [...ROOT_ONLY_FLAGS].sort(),
    );
  });

  it('scripts/bootstrap.sh installs the harness package after the root', () => {
    const script = fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'bootstrap.sh'), 'utf8');
    const root = script.indexOf('\nnpm ci\n');
    const harness = script.indexOf('(cd test/integration && npm ci)');
    assert.ok(root > 0 && harness > root, 'bootstrap runs npm ci, then npm ci in test/integration');
  });
});
