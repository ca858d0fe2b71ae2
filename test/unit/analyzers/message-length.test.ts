import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { checkResourceTags } from '../../../src/analyzers/tag-findings';
import { main } from '../../../src/cli/main';
import { MAX_MESSAGE_LENGTH } from '../../../src/core/code-finding';
import type { TagPolicy } from '../../../src/core/tag-policy';
import { withEnv } from '../helpers/process-env';

/**
 * House rule: a diagnostic message is ONE sentence of at most 160 characters, the fact and the fix; the
 * explanation goes to the finding's details. Checked on every finding of every analyzer over the test fixtures,
 * the demo workspace and the real-file corpus, as `tagsight check` reports them.
 */
const REPO = path.resolve(__dirname, '../../..');
const ROOTS = [
  'test/unit/analyzers/message-fixtures',
  'test/integration/fixtures',
  'test/unit/analyzers/terraform-plan/fixtures',
  'demo/workspace',
  'test/corpus/files',
  'test/conformance/cases',
];

/** A second sentence starts after a full stop, question or exclamation mark followed by a space and a capital or quote. */
function problemsOf(message: string): string[] {
  const problems: string[] = [];
  if (message.length > MAX_MESSAGE_LENGTH) problems.push(`${message.length} characters`);
  if (!/[.]$/.test(message)) problems.push('does not end with a full stop');
  if (/[.!?]\s+[A-Z"'`(]/.test(message)) problems.push('more than one sentence');
  if (/\n/.test(message)) problems.push('a line break');
  return problems;
}

async function findingsUnder(root: string): Promise<Array<{ file: string; message: string; rule: string }>> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.resume();
  await withEnv(
    {
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: path.join(REPO, 'no-such-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(REPO, 'no-such-aws-credentials'),
    },
    () =>
      main(['node', 'tagsight', 'check', path.join(REPO, root), '--format', 'json', '--require', 'Owner', '--require', 'CostCenter'], {
        stdout: stdout as unknown as typeof process.stdout,
        stderr: stderr as unknown as typeof process.stderr,
      }),
  );
  return JSON.parse(out) as Array<{ file: string; message: string; rule: string }>;
}

describe('diagnostic messages', function () {
  this.timeout(180_000);

  it('are one sentence of at most 160 characters for every finding of the fixtures, the demo, the corpus and the conformance cases', async () => {
    const offenders: string[] = [];
    const rules = new Set<string>();
    let count = 0;
    for (const root of ROOTS) {
      for (const finding of await findingsUnder(root)) {
        count++;
        rules.add(finding.rule);
        const problems = problemsOf(finding.message);
        if (problems.length) offenders.push(`${finding.file} [${finding.rule}] ${problems.join(', ')}: ${finding.message}`);
      }
    }
    // The walk must reach the rules whose messages were long, or the test proves nothing.
    for (const rule of [
      'tagsight.missing-tags',
      'tagsight.disallowed-tag-value',
      'tagsight.invalid-location-constraint',
      'tagsight.region-mismatch',
      'tagsight.parse-error',
    ])
      assert.ok(rules.has(rule), `no ${rule} finding was produced`);
    assert.ok(count > 50, `only ${count} findings`);
    assert.deepEqual(offenders, []);
  });

  it('stay short with many long keys, long values and a long resource name', () => {
    const keys = Array.from({ length: 12 }, (_, index) => `organisation:cost-allocation:key-number-${index}`);
    const policy: TagPolicy = { requirements: keys.map((key) => ({ key, source: { kind: 'setting', name: 'tagsight.requiredTags' } })) };
    const findings = checkResourceTags(
      {
        resource: `module.platform["${'x'.repeat(80)}"].aws_s3_bucket.this`,
        typeNames: ['aws_s3_bucket', 'AWS::S3::Bucket'],
        tags: { entries: new Map(), unknownKeys: new Set(), complete: true },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      },
      policy,
    );
    assert.equal(findings.length, 1);
    assert.deepEqual(problemsOf(findings[0]!.message), [], findings[0]!.message);
    assert.equal(findings[0]!.missing?.length, 12, 'the full list stays in the finding');
    assert.match(findings[0]!.message, /and \d+ more; add them\.$/);
  });

  it('finds a second sentence and an overlong message', () => {
    assert.deepEqual(problemsOf('a.b is missing required tag "Owner"; add it.'), []);
    assert.deepEqual(problemsOf('It fails. Do this.'), ['more than one sentence']);
    assert.deepEqual(problemsOf(`${'x'.repeat(160)}.`), ['161 characters']);
  });
});
