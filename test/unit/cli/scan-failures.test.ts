import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { buildProgram } from '../../../src/cli/main';
import { MemoryLogger } from '../helpers/memory-logger';
import { startEmulator, type FaultKind, type RunningEmulator } from '../../../src/emulator';
import { runInProcess } from './run-in-process';
import { envOverrides } from '../helpers/process-env';

/**
 * A scan that could not read a region must never look clean: the reason per region on stdout (text) or as
 * errors (JSON), and exit 1. Exit 0 only when every region was read and nothing was found.
 */
const run = runInProcess;

const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDSCANFAILURES',
  AWS_SECRET_ACCESS_KEY: 'scan-failures-secret',
  AWS_REGION: 'us-east-1',
  AWS_PROFILE: undefined,
  AWS_ENDPOINT_URL: undefined,
};
const REGIONS = ['--regions', 'ap-northeast-2,us-east-1'];

describe('tagsight account and blindspots when regions fail', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  const overrides = envOverrides();
  before(async () => {
    for (const [key, value] of Object.entries(ENV)) overrides.set(key, value);
    emulator = await startEmulator({ scenario: 'incident' });
  });
  after(async () => {
    await emulator.close();
    overrides.restore();
  });
  afterEach(() => emulator.faults.clear());

  const failConfig = (kind: FaultKind, region?: string) => emulator.faults.add({ kind, service: 'config', ...(region ? { region } : {}) });

  it('account: every region denied exits 1 and names the reason per region', async () => {
    failConfig('access-denied');
    const text = await run(['account', '--endpoint-url', emulator.endpoint, ...REGIONS]);
    assert.equal(text.code, 1, text.stderr);
    for (const region of ['ap-northeast-2', 'us-east-1']) assert.match(text.stdout, new RegExp(`${region} .*scan failed: access denied`));
    const json = await run(['account', '--endpoint-url', emulator.endpoint, ...REGIONS, '--format', 'json']);
    assert.equal(json.code, 1);
    const output = JSON.parse(json.stdout) as {
      incompleteRegions: Array<{ region: string; state: string; errors: Array<{ kind: string }> }>;
    };
    assert.deepEqual(output.incompleteRegions.map((region) => [region.region, region.state, region.errors[0]?.kind]).sort(), [
      ['ap-northeast-2', 'failed', 'access-denied'],
      ['us-east-1', 'failed', 'access-denied'],
    ]);
  });

  it('account: one throttled region is reported as throttled and exits 1', async () => {
    failConfig('throttle', 'us-east-1');
    const result = await run(['account', '--endpoint-url', emulator.endpoint, '--regions', 'us-east-1']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /us-east-1 .*scan failed: throttled/);
  });

  it('blindspots: every region denied never says "No blind spots", prints each reason, exits 1', async () => {
    failConfig('access-denied');
    const text = await run(['blindspots', '--endpoint-url', emulator.endpoint, ...REGIONS]);
    assert.equal(text.code, 1, text.stderr);
    assert.doesNotMatch(text.stdout, /No blind spots: every bucket/);
    assert.match(text.stdout, /Incomplete: 2 regions could not be read \(ap-northeast-2, us-east-1\)/);
    for (const region of ['ap-northeast-2', 'us-east-1'])
      assert.match(text.stdout, new RegExp(`Error in ${region} \\(config\\): .*access denied`));
    assert.match(
      text.stdout,
      /Unknown: rnd-transcribe-test \(ap-northeast-2\): Config in ap-northeast-2 could not be read: .*access denied/,
    );
    assert.doesNotMatch(text.stdout, /was not scanned/, 'a failed region is not "not scanned": it has a reason');

    const json = await run(['blindspots', '--endpoint-url', emulator.endpoint, ...REGIONS, '--format', 'json']);
    assert.equal(json.code, 1);
    const output = JSON.parse(json.stdout) as { complete: boolean; regionErrors: Array<{ region: string; message: string }> };
    assert.equal(output.complete, false);
    assert.deepEqual(output.regionErrors.map((error) => error.region).sort(), ['ap-northeast-2', 'us-east-1']);
    for (const error of output.regionErrors) assert.match(error.message, /access denied/);
    const markdown = await run(['blindspots', '--endpoint-url', emulator.endpoint, ...REGIONS, '--format', 'markdown']);
    assert.doesNotMatch(markdown.stdout, /No blind spots: every bucket/);
  });

  it('exits 0 only when everything was read and nothing was found', async () => {
    const clean = await startEmulator({ scenario: 'well-covered' });
    try {
      const account = await run(['account', '--endpoint-url', clean.endpoint, '--regions', 'eu-west-1']);
      const blindspots = await run(['blindspots', '--endpoint-url', clean.endpoint, '--regions', 'eu-west-1']);
      assert.equal(account.code, 0, account.stdout);
      assert.equal(blindspots.code, 0, blindspots.stdout);
      assert.match(blindspots.stdout, /No blind spots: every bucket in a recorded region is known to AWS Config/);
      clean.faults.add({ kind: 'access-denied', service: 'config' });
      assert.equal((await run(['account', '--endpoint-url', clean.endpoint, '--regions', 'eu-west-1'])).code, 1);
      assert.equal((await run(['blindspots', '--endpoint-url', clean.endpoint, '--regions', 'eu-west-1'])).code, 1);
    } finally {
      await clean.close();
    }
  });

  for (const command of ['account', 'blindspots']) {
    it(`${command} --help states the exit codes`, async () => {
      const io = { stdout: new PassThrough(), stderr: new PassThrough(), logger: new MemoryLogger(), exit: () => {} };
      const subcommand = buildProgram(io).commands.find((candidate) => candidate.name() === command)!;
      let text = '';
      subcommand.configureOutput({
        writeOut: (chunk) => {
          text += chunk;
        },
      });
      subcommand.outputHelp();
      assert.match(text, /Exit codes: 0 every region was read/);
      assert.match(text, /1 .*could not be read \(access denied, throttled/);
    });
  }
});
