/**
 * Packages the extension as a user gets it: a production build in a staging folder (so the dist/ other runs
 * use is never rewritten under them), `vsce ls` checked against what the .vsix may contain, `vsce package`.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths';

const run = promisify(execFile);
const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Everything a .vsix may hold; anything else in `vsce ls` is a packaging mistake. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE(\.md|\.txt)?$/,
  /^CHANGELOG\.md$/,
  // extension.js and the chunks it loads on first use (esbuild.js, LAZY_CHUNKS); the emulator, for the demo only.
  /^dist\/extension(-[a-z]+)?\.js$/,
  /^dist\/emulator\.js$/,
  /^dist\/[^/]+\.wasm$/,
  /^media\/.+$/,
];
const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'dist/extension.js',
  'dist/extension-aws.js',
  'dist/extension-parsers.js',
  'dist/extension-map.js',
  'dist/emulator.js',
  'dist/web-tree-sitter.wasm',
  'dist/tree-sitter-terraform.wasm',
  'media/tagsight.png',
];

export function unexpectedVsixFiles(files: readonly string[]): string[] {
  return files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
}

export function missingVsixFiles(files: readonly string[]): string[] {
  return REQUIRED.filter((file) => !files.includes(file));
}

/**
 * package.json as the .vsix carries it. Its `files` is the npm package's allowlist (the CLI bundle); vsce refuses a
 * manifest that has both `files` and a .vscodeignore, and the .vsix has its own allowlist (.vscodeignore), so the
 * staged copy drops `files`. Nothing else changes.
 */
export function vsixManifest(packageJson: string): string {
  const manifest = JSON.parse(packageJson) as Record<string, unknown>;
  delete manifest.files;
  return JSON.stringify(manifest, null, 2) + '\n';
}

async function vsce(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [VSCE, ...args], { cwd, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** The files `vsce ls` says the .vsix would contain, for the folder `cwd`. */
export async function listVsixFiles(cwd: string): Promise<string[]> {
  const stdout = await vsce(cwd, ['ls', '--no-dependencies']);
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();
}

/** Builds, checks and packages the extension into `stagingDir`; returns the .vsix path. */
export async function packageVsix(stagingDir: string): Promise<{ vsix: string; files: string[] }> {
  fs.mkdirSync(stagingDir, { recursive: true });
  for (const entry of ['README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media']) {
    const source = path.join(REPO_ROOT, entry);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(stagingDir, entry), { recursive: true });
  }
  fs.writeFileSync(path.join(stagingDir, 'package.json'), vsixManifest(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')));
  await run(process.execPath, ['esbuild.js', '--production', `--outdir=${path.join(stagingDir, 'dist')}`], {
    cwd: REPO_ROOT,
    timeout: 180_000,
  });
  // The staging build also holds cli.js, which the .vsix must not ship: vsce ls proves .vscodeignore drops it.
  const files = await listVsixFiles(stagingDir);
  const unexpected = unexpectedVsixFiles(files);
  const missing = missingVsixFiles(files);
  if (unexpected.length || missing.length) {
    throw new Error(
      `The .vsix contents are wrong.${unexpected.length ? ` Unexpected: ${unexpected.join(', ')}.` : ''}` +
        `${missing.length ? ` Missing: ${missing.join(', ')}.` : ''} Fix .vscodeignore (an allowlist).`,
    );
  }
  const vsix = path.join(stagingDir, 'tagsight.vsix');
  await vsce(stagingDir, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
  return { vsix, files };
}

/**
 * A development extension that contributes nothing: with it as the extensionDevelopmentPath, the workbench runs
 * the test runner while Tagsight itself comes from the installed .vsix.
 */
export function writeProbeExtension(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: unknown };
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'tagsight-vsix-probe', publisher: 'tagsight-tests', version: '0.0.0', engines: manifest.engines }, null, 2),
  );
  return dir;
}
