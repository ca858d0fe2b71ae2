/**
 * The CLI ships as one self-contained file: built into a folder with no node_modules anywhere above it, it must
 * still run. (A stray `vscode` import would fail this build too: the CLI bundle has no externals.)
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

describe('standalone CLI bundle', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-cli-'));
    execFileSync(process.execPath, ['esbuild.js', `--outdir=${path.join(dir, 'dist')}`], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs --help from a folder without node_modules', () => {
    for (let folder = dir; folder !== path.dirname(folder); folder = path.dirname(folder)) {
      assert.ok(!fs.existsSync(path.join(folder, 'node_modules')), `no node_modules in ${folder}`);
    }
    const output = execFileSync(process.execPath, [path.join('dist', 'cli.js'), '--help'], { cwd: dir, encoding: 'utf8' });
    assert.match(output, /^Usage: tagsight/m);
  });
});
