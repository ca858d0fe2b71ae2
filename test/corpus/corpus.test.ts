import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { Composer, Parser } from 'yaml';
import { CFN_YAML_TAGS, parseTemplate } from '../../src/analyzers/cloudformation/parse-template';
import { main } from '../../src/cli/main';
import { decodeText } from '../../src/core/text-decoding';
import { withEnv } from '../unit/helpers/process-env';

/**
 * Real public files (test/corpus/README.md names the source and license of each) checked as a user would:
 * `tagsight check files --require Owner` with a configured region of eu-central-1. Every finding of every file is
 * recorded in expected.json, with the total per rule: a change that moves any of them must explain it there.
 * `UPDATE_CORPUS=1 npm run test:corpus` rewrites expected.json from the current results, for review in the diff.
 */
const CORPUS = __dirname;
const FILES = path.join(CORPUS, 'files');
const EXPECTED = path.join(CORPUS, 'expected.json');

interface Expected {
  readonly files: Record<string, string[]>;
  readonly totals: Record<string, number>;
  /** YAML files the yaml library rejects as written and that must read as PyYAML (CloudFormation) reads them. */
  readonly pyyamlOnly: string[];
}

function listFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? listFiles(full) : [path.relative(FILES, full).split(path.sep).join('/')];
  }).sort();
}

async function check(): Promise<Array<Record<string, unknown>>> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.resume();
  const previous = process.cwd();
  process.chdir(FILES);
  try {
    // The developer's configuration must not leak in: no config file, no profile, one region.
    await withEnv({ AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'eu-central-1', AWS_PROFILE: undefined, AWS_CONFIG_FILE: path.join(CORPUS, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(CORPUS, 'no-aws-credentials') }, () =>
      main(['node', 'tagsight', 'check', '.', '--format', 'json', '--require', 'Owner'], { stdout: stdout as unknown as typeof process.stdout, stderr: stderr as unknown as typeof process.stderr }));
  } finally {
    process.chdir(previous);
  }
  return JSON.parse(out) as Array<Record<string, unknown>>;
}

function strictErrors(text: string): number {
  for (const document of new Composer({ customTags: CFN_YAML_TAGS, uniqueKeys: false }).compose(new Parser().parse(text), true)) return document.errors.length;
  return 0;
}

describe('corpus of real public files', function () {
  this.timeout(120_000);

  it('gives exactly the recorded findings per file and totals per rule', async () => {
    const findings = await check();
    const files: Record<string, string[]> = Object.fromEntries(listFiles(FILES).map((file) => [file, []]));
    const totals: Record<string, number> = {};
    for (const finding of findings) {
      const file = String(finding.file).split(path.sep).join('/');
      files[file]!.push(`${String(finding.line)}:${String(finding.column)} ${String(finding.rule)} ${String(finding.resource ?? '')}`.trimEnd());
      totals[String(finding.rule)] = (totals[String(finding.rule)] ?? 0) + 1;
    }
    const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Expected;
    if (process.env.UPDATE_CORPUS === '1') {
      fs.writeFileSync(EXPECTED, `${JSON.stringify({ ...expected, files, totals }, null, 2)}\n`);
      return;
    }
    assert.deepEqual(totals, expected.totals, 'totals per rule changed: explain the change in expected.json');
    assert.deepEqual(files, expected.files);
  });

  it('reads every YAML and JSON file without a parse error, the PyYAML-only ones too', () => {
    const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Expected;
    for (const file of listFiles(FILES).filter((name) => /\.(ya?ml|json)$/.test(name))) {
      const decoded = decodeText(fs.readFileSync(path.join(FILES, file)));
      assert.ok(decoded.ok, file);
      const syntax = file.endsWith('.json') ? 'json' : 'yaml';
      assert.deepEqual(parseTemplate(decoded.text, syntax).errors, [], file);
      // The PyYAML-only files really exercise the lenient reading: the yaml library alone rejects them.
      if (expected.pyyamlOnly.includes(file)) assert.ok(strictErrors(decoded.text) > 0, `${file} is plain YAML 1.2 now: it no longer tests the lenient reading`);
    }
  });
});
