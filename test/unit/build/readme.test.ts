/** The README documents what users can set and run: every setting and every CLI command. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildProgram } from '../../../src/cli/main';
import { silentLogger } from '../../../src/core/logger';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> }[] };
};

describe('README', () => {
  it('has a settings table row, with its scope, for every setting', () => {
    for (const section of manifest.contributes.configuration) {
      for (const [key, schema] of Object.entries(section.properties)) {
        const row = readme.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
        assert.ok(row, `README settings table lacks ${key}`);
        assert.ok(
          schema.scope && row.includes(`| ${schema.scope} |`),
          `README gives ${key} the wrong scope (package.json: ${schema.scope})`,
        );
      }
    }
  });

  it('has a section for every CLI command', () => {
    const io = { stdout: process.stdout, stderr: process.stderr, logger: silentLogger, exit: () => undefined };
    const names = buildProgram(io).commands.map((command) => command.name());
    assert.ok(names.length > 0);
    for (const name of names)
      assert.match(readme, new RegExp(`^### \`tagsight ${name}\``, 'm'), `README lacks a section for tagsight ${name}`);
  });

  it('keeps the anchor that region-mismatch diagnostics link to', () => {
    assert.match(readme, /^## Region mismatch$/m);
  });
});
