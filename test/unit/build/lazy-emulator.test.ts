/**
 * The local emulator has an unauthenticated control API (`/_tagsight/...`): the extension may load it only when
 * the user picks the demo, never at activation. The built extension bundle therefore holds none of it and
 * imports dist/emulator.js, a bundle of its own, lazily; .vscodeignore ships that file in the .vsix.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningEmulator } from '../../../src/emulator';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

describe('emulator bundle, loaded only for the demo', function () {
  this.timeout(120_000);
  let dist: string;

  before(() => {
    dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-bundles-')), 'dist');
    execFileSync(process.execPath, ['esbuild.js', `--outdir=${dist}`], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  after(() => fs.rmSync(path.dirname(dist), { recursive: true, force: true }));

  it('keeps the emulator out of dist/extension.js, which requires dist/emulator.js only inside a function', () => {
    const extension = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.doesNotMatch(extension, /_tagsight\//, 'no control API route in the extension bundle');
    assert.doesNotMatch(extension, /function startEmulator\b/, 'no emulator code in the extension bundle');
    const requires = [...extension.matchAll(/require\("\.\/emulator\.js"\)/g)];
    assert.equal(requires.length, 1, 'one require of the emulator bundle');
    // A lazy require: the body of the function the demo calls, not the top level of the module.
    assert.match(extension, /function loadEmulator\(\) \{\s*return require\("\.\/emulator\.js"\);\s*\}/);
  });

  it('leaves dynamic import() alone elsewhere, so web-tree-sitter loads its grammars in the extension host', () => {
    // web-tree-sitter is in the parsers chunk that extension.js loads on first use (esbuild.js, LAZY_CHUNKS).
    const parsers = fs.readFileSync(path.join(dist, 'extension-parsers.js'), 'utf8');
    assert.match(
      parsers,
      /await import\("fs\/promises"\)/,
      'lowered to require(), it fails with "require is not a function" in the extension host',
    );
  });

  it('builds dist/emulator.js, which starts the demo scenario on its own', async () => {
    const bundle = path.join(dist, 'emulator.js');
    const text = fs.readFileSync(bundle, 'utf8');
    assert.match(text, /_tagsight\//);
    assert.match(text, /function startEmulator\b/);
    const { startEmulator } = require(bundle) as { startEmulator: (options: { scenario: string }) => Promise<RunningEmulator> };
    const emulator = await startEmulator({ scenario: 'incident' });
    try {
      assert.match(emulator.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emulator.scenarioName, 'incident');
    } finally {
      await emulator.close();
    }
  });

  it('ships dist/emulator.js in the .vsix (.vscodeignore is an allowlist)', () => {
    const lines = fs
      .readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    assert.ok(lines.includes('!dist/emulator.js'), '.vscodeignore brings back dist/emulator.js');
  });
});
