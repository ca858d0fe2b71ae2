import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * No grammar loads before a file of its language is analysed: making the analyzers, asking which handle a file and
 * testing texts load nothing; a Go file loads the Go grammar only. Run in a fresh process, since other tests of this
 * process have loaded grammars already.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const SCRIPT = `
const { createAnalyzers, analyzersFor } = require('./src/analyzers/registry');
const { loadedGrammars } = require('./src/analyzers/parser-runtime');
(async () => {
  const analyzers = createAnalyzers();
  const files = ['main.go', 'Buckets.java', 'Buckets.cs', 'index.ts', 'app.py', 'main.tf', 'make.sh'];
  for (const file of files) for (const analyzer of analyzersFor(analyzers, '/ws/' + file)) analyzer.mayFindIn('client.CreateBucket(ctx, input)');
  const before = loadedGrammars();
  const go = analyzersFor(analyzers, '/ws/main.go');
  const session = go[0].createSession('/ws/main.go');
  await session.analyze('package main\\nfunc main() { client.CreateBucket(ctx, &s3.CreateBucketInput{}) }\\n', { policy: { requirements: [] }, logger: { trace() {}, info() {}, warn() {}, error() {}, debug() {} } });
  session.dispose();
  process.stdout.write(JSON.stringify({ before, after: loadedGrammars(), goAnalyzers: go.map((a) => a.id) }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('grammars load on demand', () => {
  it('nothing at start; the Go grammar when a Go file is analysed', function () {
    this.timeout(60_000);
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], { cwd: REPO_ROOT, encoding: 'utf8' });
    const { before, after, goAnalyzers } = JSON.parse(output) as { before: string[]; after: string[]; goAnalyzers: string[] };
    assert.deepEqual(goAnalyzers, ['region-go']);
    assert.deepEqual(before, []);
    assert.deepEqual(after, ['go']);
  });
});
