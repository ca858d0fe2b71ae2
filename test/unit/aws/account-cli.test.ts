import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `tagsight account --demo` as a user runs it: the built CLI bundle (dist/cli.js, `npm run build` first) in a
 * child process, with the emulator started in-process by --demo. No AWS variable of the caller leaks in.
 */
const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

function runCli(args: string[]) {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...env, AWS_EC2_METADATA_DISABLED: 'true' },
    timeout: 60_000,
  });
}

describe('tagsight account (dist/cli.js)', function () {
  this.timeout(90_000);

  it('--demo --format json: per region verdict and recorders, the non-compliant instance, exit 1', () => {
    const result = runCli(['account', '--demo', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const output = JSON.parse(result.stdout) as {
      account: { id: string };
      endpoint: string;
      regions: Array<{
        region: string;
        verdict: string;
        recorders: Array<{ name: string; recording: boolean }>;
        nonCompliant: Array<{ resourceId: string; missingKeys: string[] | 'unknown'; arn: string }>;
        errors: unknown[];
      }>;
    };
    assert.equal(output.account.id, '123456789012');
    assert.match(output.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const seoul = output.regions.find((region) => region.region === 'ap-northeast-2')!;
    assert.equal(seoul.verdict, 'recorded');
    assert.deepEqual(
      seoul.recorders.map((recorder) => [recorder.name, recorder.recording]),
      [['default', true]],
    );
    assert.deepEqual(
      seoul.nonCompliant.map((resource) => [resource.resourceId, resource.missingKeys]),
      [['i-0f9e8d7c6b5a40312', ['Service']]],
    );
    assert.equal(output.regions.find((region) => region.region === 'us-east-1')!.verdict, 'not-recorded');
    assert.equal(output.regions.find((region) => region.region === 'ap-east-1')!.verdict, 'region-disabled');
    assert.equal(output.regions[0]!.verdict, 'not-recorded', 'problems first');
    for (const region of output.regions) assert.deepEqual(region.errors, []);
  });

  it('--demo text output is readable and --regions narrows the scan', () => {
    const result = runCli(['account', '--demo', '--regions', 'ap-northeast-2,us-east-1']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^Demo account 123456789012/);
    assert.match(result.stdout, /\[ok\] ap-northeast-2 +Asia Pacific \(Seoul\) +recorded/);
    assert.match(result.stdout, /\[!!\] us-east-1 +US East \(N\. Virginia\) +not recorded/);
    assert.doesNotMatch(result.stdout, /eu-west-1/);
    assert.match(result.stdout, /i-0f9e8d7c6b5a40312 +missing: Service/);
  });

  it('rejects bad flags with exit 2 and a clear message', () => {
    const format = runCli(['account', '--demo', '--format', 'yaml']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /argument 'yaml' is invalid. Allowed choices are text, json, markdown, html/);
    const regions = runCli(['account', '--demo', '--regions', 'mars-1']);
    assert.equal(regions.status, 2);
    assert.match(regions.stderr, /Not a region code: mars-1/);
    const both = runCli(['account', '--demo', '--profile', 'x']);
    assert.equal(both.status, 2);
  });
});
