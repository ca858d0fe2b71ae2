/**
 * Activation loads only dist/extension.js: the AWS SDK, the parsers and the map libraries are in chunks beside it
 * (esbuild.js, LAZY_CHUNKS) that load on first use. A production build in a temp folder must keep them out of
 * extension.js, and every name extension.js reads from a chunk must be exported by that chunk.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Strings that only the libraries' own code contains. */
const LIBRARY_MARKERS: Readonly<Record<string, string>> = {
  'extension-aws.js': 'aws.auth#sigv4',
  'extension-parsers.js': 'YAMLParseError',
};

describe('lazy chunks of the extension bundle', function () {
  this.timeout(120_000);
  let dist: string;

  before(() => {
    dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-chunks-')), 'dist');
    execFileSync(process.execPath, ['esbuild.js', '--production', `--outdir=${dist}`], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  after(() => fs.rmSync(path.dirname(dist), { recursive: true, force: true }));

  it('keeps the AWS SDK and the parsers out of extension.js', () => {
    const extension = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    for (const [chunk, marker] of Object.entries(LIBRARY_MARKERS)) {
      assert.ok(fs.readFileSync(path.join(dist, chunk), 'utf8').includes(marker), `${chunk} holds its library`);
      assert.ok(!extension.includes(marker), `extension.js does not hold what ${chunk} holds`);
    }
    // A figure, not a bound: the size shows up in the bench table too.
    console.log(`      extension.js ${Math.round(extension.length / 1024)} KB minified`);
  });

  it('exports from each chunk every name extension.js reads from it', () => {
    const extension = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    // Minified, a stand-in reads: var a=["Name",...],b,c=()=>b??=require("./extension-x.js").modules["package"]
    const standIns = [
      ...extension.matchAll(/=\[((?:"[^"]*",?)*)\],\w+,\w+=\(\)=>\w+\?\?=require\("\.\/(extension-[a-z]+\.js)"\)\.modules\["([^"]+)"\]/g),
    ];
    assert.ok(standIns.length >= 10, `found the stand-ins (${standIns.length})`);
    for (const [, list, chunk, specifier] of standIns) {
      const modules = (require(path.join(dist, chunk!)) as { modules: Record<string, Record<string, unknown>> }).modules;
      const names = JSON.parse(`[${list}]`) as string[];
      assert.ok(names.length > 0, `${specifier} has names`);
      for (const name of names) assert.notEqual(modules[specifier!]?.[name], undefined, `${chunk} exports ${specifier}'s ${name}`);
    }
  });
});
