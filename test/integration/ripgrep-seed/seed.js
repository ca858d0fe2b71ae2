// @vscode/ripgrep (a code-server dependency) downloads rg from GitHub in its postinstall unless its cache
// already holds the release tarball. CI has no GitHub access, so we place a tarball of Debian's rg (package
// `ripgrep`) where it looks first. Runs before code-server's postinstall because of `install-links=true`.
// Only the Linux x64 tarball name is seeded: elsewhere (a developer's macOS or Windows) @vscode/ripgrep downloads
// its own build as usual, so this step steps aside instead of failing the install.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const RIPGREP_PACKAGE_VERSION = '1.15.11';
const TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const systemRg = '/usr/bin/rg';

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.log(`ripgrep-seed: nothing to seed on ${process.platform}-${process.arch}; @vscode/ripgrep fetches its own rg`);
  process.exit(0);
}
const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
const target = path.join(cacheDir, TARBALL);
if (fs.existsSync(target)) process.exit(0);
if (!fs.existsSync(systemRg)) {
  console.error(`ripgrep-seed: ${systemRg} is missing; install the Debian package 'ripgrep' (scripts/bootstrap.sh installs it)`);
  process.exit(1);
}
fs.mkdirSync(cacheDir, { recursive: true });
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-seed-'));
fs.copyFileSync(systemRg, path.join(staging, 'rg'));
fs.chmodSync(path.join(staging, 'rg'), 0o755);
execFileSync('tar', ['czf', target, '-C', staging, 'rg']);
fs.rmSync(staging, { recursive: true, force: true });
console.log(`ripgrep-seed: cached ${target}`);
