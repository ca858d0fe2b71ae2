import * as assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from '../../support/wait-for';

/**
 * Secrets never reach logs: the bundled CLI (`dist/cli.js`, what users run) with `--verbose`, credentials in the
 * environment as the SDK's chain reads them, against the emulator, on the normal path and on error paths (which
 * tend to log more: stacks, SDK errors). No credential value, nor a distinctive part of one, may appear in stdout
 * or stderr of the command or of the emulator that received the signed requests.
 *
 * Which commands: every command whose `--help` offers `--endpoint-url` or `--profile` (it makes AWS calls), and the
 * emulator (it receives them). The test fails when a new such command appears that it does not run.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

// Each value carries a marker of its own, so a truncated or partly masked leak is caught as well.
const SECRETS = {
  AWS_ACCESS_KEY_ID: 'AKIAZQXCANARY7Q3KEY1',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/zqxCanarySecretKey9',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEzqxCanarySessionTokenAbCdEf0123456789==',
};
const MARKERS = ['ZQXCANARY7Q3', 'zqxCanarySecret', 'zqxCanarySession'];

const COVERED = ['account', 'blindspots', 'watch', 'emulator'] as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function assertNoSecrets(label: string, text: string): void {
  for (const value of [...Object.values(SECRETS), ...MARKERS]) {
    const at = text.indexOf(value);
    assert.equal(
      at,
      -1,
      `${label} contains a credential (${value.slice(0, 4)}...) near: ${JSON.stringify(text.slice(Math.max(0, at - 80), at + 20))}`,
    );
  }
}

/** The newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

describe('security: no credentials in CLI or emulator output', function () {
  this.timeout(120_000);
  let home: string;
  let env: NodeJS.ProcessEnv;
  let emulator: ChildProcess | undefined;
  let emulatorOut = '';
  let endpoint = '';
  const children = new Set<ChildProcess>();

  function start(args: string[]): { child: ChildProcess; output: () => Run } {
    const child = spawn(process.execPath, [CLI, '--verbose', ...args], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', () => children.delete(child));
    return { child, output: () => ({ code: child.exitCode, stdout, stderr }) };
  }

  async function run(args: string[]): Promise<Run> {
    const { child, output } = start(args);
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    return output();
  }

  /** Runs the watch until its first check settles, then interrupts it as Ctrl+C does. */
  async function runWatch(args: string[]): Promise<Run> {
    const { child, output } = start(['watch', '--interval-seconds', '1', ...args]);
    await waitFor(() => /Check 1 (done|failed)/.test(output().stderr) || child.exitCode !== null, {
      message: 'the first watch check',
      timeoutMs: 60_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}; its stderr:\n${output().stderr.slice(-2000)}`);
    });
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    if (child.exitCode === null) child.kill('SIGINT');
    await waitFor(() => child.exitCode !== null || child.signalCode !== null, {
      message: 'the watch to stop on SIGINT',
      timeoutMs: 20_000,
    }).catch((error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}; its stderr:\n${output().stderr.slice(-2000)}`);
    });
    await closed;
    return output();
  }

  async function control(method: string, route: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${endpoint}/_tagsight/${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `control ${route}: HTTP ${response.status}`);
    return response.json();
  }

  function check(label: string, result: Run): void {
    assertNoSecrets(`${label} stdout`, result.stdout);
    assertNoSecrets(`${label} stderr`, result.stderr);
  }

  before(async () => {
    const cli = fs.existsSync(CLI) ? fs.statSync(CLI).mtimeMs : 0;
    if (cli < newestMtime(path.join(ROOT, 'src'))) execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'pipe' });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-secrets-'));
    // Only the environment's credentials exist: no shared config files, no instance metadata.
    env = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      ...SECRETS,
    };
    const started = start(['emulator', '--scenario', 'incident']);
    emulator = started.child;
    endpoint = await waitFor(() => /endpoint: (http:\/\/127\.0\.0\.1:\d+)/.exec(started.output().stdout)?.[1], {
      message: 'the emulator endpoint',
      timeoutMs: 30_000,
    });
    const collect = (chunk: Buffer) => (emulatorOut += chunk.toString('utf8'));
    emulator.stdout!.on('data', collect);
    emulator.stderr!.on('data', collect);
    emulatorOut = started.output().stdout + started.output().stderr;
  });

  afterEach(async () => {
    if (endpoint) await control('DELETE', 'faults');
  });

  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('detects a leaked credential, whole or as a fragment', () => {
    assert.throws(
      () => assertNoSecrets('probe', `Authorization: Credential=${SECRETS.AWS_ACCESS_KEY_ID}/20261127`),
      /probe contains a credential/,
    );
    assert.throws(() => assertNoSecrets('probe', `secret=****${SECRETS.AWS_SECRET_ACCESS_KEY.slice(20)}`), /probe contains a credential/);
    assert.throws(
      () => assertNoSecrets('probe', `x-amz-security-token: ${SECRETS.AWS_SESSION_TOKEN.slice(0, 40)}...`),
      /probe contains a credential/,
    );
    assertNoSecrets('probe', 'AKIA**************** and other masked text');
  });

  it('covers every command that talks to AWS', () => {
    const help = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    const commands = [...help.split(/^Commands:$/m)[1]!.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
    const awsFacing = commands.filter((name) => {
      const text = execFileSync(process.execPath, [CLI, name, '--help'], { encoding: 'utf8' });
      return /--endpoint-url|--profile/.test(text) || /AWS emulator/.test(text);
    });
    assert.ok(commands.includes('check'), 'the help lists commands');
    assert.deepEqual([...awsFacing].sort(), [...COVERED].sort());
  });

  for (const command of ['account', 'blindspots'] as const) {
    it(`${command} --demo`, async () => {
      const result = await run([command, '--demo']);
      assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
      assert.match(result.stderr, /\[debug\]/, 'verbose logging ran');
      check(`${command} --demo`, result);
    });

    it(`${command} with the environment's credentials against the emulator`, async () => {
      const result = await run([command, '--endpoint-url', endpoint]);
      // A result (clean or findings) proves the SDK resolved and signed with the environment's credentials.
      assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
      assert.ok(result.stdout.length > 0);
      check(command, result);
    });

    it(`${command} when AWS rejects the credentials and other calls fail`, async () => {
      await control('POST', 'faults', [
        { kind: 'expired-token', service: 'sts' },
        { kind: 'unrecognized-client', service: 'config', region: 'ap-northeast-2' },
        { kind: 'access-denied', service: 'cloudtrail' },
        { kind: 'server-error', service: 's3' },
        { kind: 'malformed', service: 'config', region: 'eu-west-1' },
      ]);
      const result = await run([command, '--endpoint-url', endpoint]);
      assert.match(result.stdout + result.stderr, /expired|ExpiredToken|denied|failed|error/i, 'the error path ran');
      check(`${command} (faults)`, result);
    });

    it(`${command} when the first call fails outright`, async () => {
      await control('POST', 'faults', [
        { kind: 'access-denied', service: 'account' },
        { kind: 'malformed', service: 'sts' },
        { kind: 'access-denied', service: 'config' },
      ]);
      const result = await run([command, '--endpoint-url', endpoint]);
      assert.match(result.stdout + result.stderr, /denied|could not be read|failed|not scanned/i, 'the error path ran');
      check(`${command} (first call fails)`, result);
    });
  }

  it('watch --demo', async () => {
    check('watch --demo', await runWatch(['--demo']));
  });

  it("watch with the environment's credentials against the emulator", async () => {
    const ok = await runWatch(['--endpoint-url', endpoint]);
    assert.match(ok.stderr, /Check 1 done/);
    check('watch', ok);
  });

  it('watch when every check fails', async () => {
    await control('POST', 'faults', [{ kind: 'expired-token' }]);
    const failing = await runWatch(['--endpoint-url', endpoint]);
    assert.match(failing.stderr, /Check 1 failed/);
    check('watch (faults)', failing);
  });

  it('the emulator that received the signed requests logged none of their credentials, and stops on SIGINT', async () => {
    const calls = (await control('GET', 'calls')) as unknown[];
    assert.ok(calls.length > 0, 'the commands reached this emulator');
    assert.match(emulatorOut, /emulator: \w+\.\w+ [a-z0-9-]+ -> \d{3}/, 'the emulator logged its calls');
    const closed = new Promise<void>((resolve) => emulator!.on('close', () => resolve()));
    emulator!.kill('SIGINT');
    await closed;
    endpoint = '';
    assertNoSecrets('emulator output', emulatorOut);
  });
});
