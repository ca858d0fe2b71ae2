/**
 * The npm package as a user gets it: `npm pack` of a production build, installed from the tarball into an empty
 * folder with `--offline` and an empty cache (so nothing else can be fetched), then `npx tagsight` runs a check and
 * the demo account. The package ships no runtime `dependencies`: the bundles are self-contained.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

interface PackedFile {
  readonly path: string;
  readonly size: number;
}
interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly files: readonly PackedFile[];
}

/** Everything the tarball may hold; a file outside this list is a packaging mistake (fix `files`). */
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^dist\/cli\.js$/, /^dist\/[^/]+\.wasm$/];
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm'];

describe('npm package (npm pack, installed offline)', function () {
  this.timeout(240_000);
  let work: string;
  let packed: PackResult;
  let installDir: string;

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-npm-'));
    const staging = path.join(work, 'package');
    fs.mkdirSync(staging);
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'])
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(staging, file));
    // What `prepack` builds before `npm publish`; built here into the staging folder so the dist/ of other runs stays put.
    execFileSync(process.execPath, ['esbuild.js', '--production', `--outdir=${path.join(staging, 'dist')}`], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    const output = execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: staging,
      encoding: 'utf8',
    });
    packed = (JSON.parse(output) as PackResult[])[0]!;

    installDir = path.join(work, 'user-project');
    fs.mkdirSync(installDir);
    fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
    // --offline with an empty cache: the install succeeds only if the tarball needs nothing else.
    execFileSync(
      NPM,
      ['install', '--offline', '--no-audit', '--no-fund', '--cache', path.join(work, 'empty-cache'), path.join(work, packed.filename)],
      {
        cwd: installDir,
        stdio: 'pipe',
      },
    );
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('packs only the CLI bundle, its grammars and the docs', () => {
    const files = packed.files.map((file) => file.path).sort();
    assert.deepEqual(
      files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))),
      [],
      'unexpected files in the tarball',
    );
    for (const file of REQUIRED) assert.ok(files.includes(file), `${file} is in the tarball`);
  });

  it('declares no runtime dependencies, a bin, an engines range, and can be published', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installDir, 'node_modules', 'tagsight', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(manifest.dependencies, undefined, 'the bundles are self-contained: nothing to install beside them');
    assert.deepEqual(manifest.bin, { tagsight: './dist/cli.js' });
    assert.match(String((manifest.engines as { node?: string }).node), /^>=20\.19/);
    assert.notEqual(manifest.private, true);
    assert.deepEqual(
      fs.readdirSync(path.join(installDir, 'node_modules')).filter((name) => !name.startsWith('.')),
      ['tagsight'],
      'nothing but tagsight was installed',
    );
  });

  it('npx tagsight check finds a missing tag in a Terraform file', () => {
    const project = path.join(work, 'iac');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'main.tf'),
      'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  tags = { Team = "data" }\n}\n',
    );
    const result = spawnSync(NPX, ['--offline', '--no-install', 'tagsight', 'check', '--require', 'Owner', '--format', 'json', project], {
      cwd: installDir,
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: path.join(work, 'empty-cache') },
    });
    assert.equal(result.status, 1, `exit 1 for findings; stderr: ${result.stderr}`);
    const findings = JSON.parse(result.stdout) as { rule?: string; file?: string }[] | { findings: { rule?: string }[] };
    assert.match(JSON.stringify(findings), /tagsight\.missing-tags/);
    assert.match(JSON.stringify(findings), /Owner/);
  });

  it('npx tagsight account --demo scans the demo account offline', () => {
    const result = spawnSync(NPX, ['--offline', '--no-install', 'tagsight', 'account', '--demo'], {
      cwd: installDir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, npm_config_cache: path.join(work, 'empty-cache') },
    });
    // The demo account holds one non-compliant bucket: exit 1 (findings), as `tagsight account` documents.
    assert.equal(result.status, 1, `account --demo exits 1 for its finding; stderr: ${result.stderr}`);
    assert.match(result.stdout, /1 non-compliant resource/);
    assert.match(result.stdout, /^Demo account 123456789012/m);
    assert.match(result.stdout, /Calls went to http:\/\/127\.0\.0\.1:\d+, not AWS\./);
  });
});
