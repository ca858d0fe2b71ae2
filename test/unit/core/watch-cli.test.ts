import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';
import { formatFindingLine, parseIntervalMs } from '../../../src/cli/commands/watch';
import { findBlindSpots } from '../../../src/core/blind-spot';
import { watchSnapshot } from '../../../src/core/watch-findings';
import { renderBlindSpotsText } from '../../../src/report/blindspots-text';
import { INCIDENT_SCAN } from '../report/html-report.fixture';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { waitFor } from '../../support/wait-for';

/**
 * The watch end to end: the real CLI in its own process, real SDK clients, the emulator's incident account.
 * A bucket created through the us-east-1 endpoint for Seoul while the watch runs must be printed within one
 * interval, exactly once, and Ctrl+C must end the watch cleanly.
 */
const ROOT = path.resolve(__dirname, '../../..');
const BUCKET = 'watch-new-untagged';

describe('tagsight watch against the emulator', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;
  let home: string;
  /** The watch, for `after` to kill should mocha's timeout abandon the test before its own `finally` ran. */
  let watch: ChildProcess | undefined;

  before(async () => {
    emulator = await startEmulator({ scenario: 'incident' });
    home = mkdtempSync(path.join(tmpdir(), 'tagsight-watch-'));
  });

  after(async () => {
    if (watch?.exitCode === null && watch.signalCode === null) watch.kill('SIGKILL');
    await emulator?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('prints a bucket created through us-east-1 for Seoul within one interval, exactly once, and stops on SIGINT', async () => {
    let stdout = '';
    let stderr = '';
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'watch',
        '--endpoint-url',
        emulator.endpoint,
        '--interval-seconds',
        '1',
        '--regions',
        'us-east-1,ap-northeast-2',
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: path.join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    watch = child;
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const running = () => child.exitCode === null && child.signalCode === null;
    // Ends as soon as the watch dies on its own, not at the timeout; either way the failure shows its stderr.
    const waitForWatch = <T>(condition: () => T | undefined | false, what: string) =>
      waitFor(
        () => {
          if (!running()) throw new Error(`The watch exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}`);
          return condition();
        },
        { message: what, timeoutMs: 30_000, onError: 'fail' },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; the watch's stderr:\n${stderr}`);
      });
    const checksDone = () => [...stderr.matchAll(/^Check (\d+) (done|failed)/gm)].length;
    try {
      await waitForWatch(() => /^Check 1 done: 0 new, baseline taken for 2 regions/m.test(stderr), 'the baseline check');
      assert.equal(stdout, '', 'the baseline prints nothing');

      const s3 = new S3Client({
        region: 'us-east-1',
        endpoint: emulator.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const createdAfterChecks = checksDone();
      const createdAt = Date.now();
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } }));
      s3.destroy();

      const line = await waitForWatch(() => stdout.split('\n').find((l) => l.includes(BUCKET)), 'the new bucket to be printed');
      // The finding goes to stdout before the check's summary goes to stderr; the two pipes are read
      // independently, so on a busy machine the summary can arrive later.
      const reportedBy = Number(
        await waitForWatch(() => /^Check (\d+) done: 1 new/m.exec(stderr)?.[1], 'the check that printed it to report "1 new"'),
      );
      // A check already running when the bucket appeared may miss it; the one after must not.
      assert.ok(reportedBy <= createdAfterChecks + 2, `reported by check ${reportedBy}, created after check ${createdAfterChecks}`);
      const fields = line.split('\t');
      assert.equal(fields[1], 'blind-spot');
      assert.equal(fields[2], 'ap-northeast-2');
      assert.equal(fields[3], BUCKET);
      assert.match(fields[4]!, /created through the us-east-1 endpoint/);
      const latencyMs = Date.now() - createdAt;

      const after = checksDone();
      await waitForWatch(() => checksDone() >= after + 3, 'three more checks');
      assert.equal(stdout.split('\n').filter((l) => l.includes(BUCKET)).length, 1, 'printed exactly once');
      assert.equal(stdout.trim().split('\n').length, 1, 'nothing else is new');

      child.kill('SIGINT');
      await waitFor(() => !running(), { message: 'the watch to stop on SIGINT', timeoutMs: 20_000 });
      assert.equal(child.exitCode, 0, stderr);
      assert.match(stderr, /Watch stopped\./);
      console.log(`      (new bucket printed ${latencyMs} ms after CreateBucket, by check ${reportedBy})`);
    } finally {
      if (running()) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  });
});

describe('tagsight watch options', () => {
  it('reads the interval in minutes (default 10) or seconds, and refuses both, zero, junk or more than a day', () => {
    assert.equal(parseIntervalMs({}), 600_000);
    assert.equal(parseIntervalMs({ intervalMinutes: '2' }), 120_000);
    assert.equal(parseIntervalMs({ intervalSeconds: '1.5' }), 1500);
    for (const bad of [
      { intervalMinutes: '0' },
      { intervalSeconds: '-1' },
      { intervalMinutes: 'ten' },
      { intervalMinutes: '1441' },
      { intervalMinutes: '1', intervalSeconds: '1' },
    ]) {
      assert.throws(() => parseIntervalMs(bad), /interval/, JSON.stringify(bad));
    }
  });

  it('exits 2 with a clear message on a bad interval, before any AWS call', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let errors = '';
    stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const code = await main(['node', 'tagsight', 'watch', '--interval-minutes', '0'], { stdout, stderr });
    assert.equal(code, 2);
    assert.match(errors, /--interval-minutes must be a positive number/);
  });

  it('prints one tab-separated line per finding, with tabs and newlines in names flattened', () => {
    const line = formatFindingLine(
      { key: 'k', kind: 'blind-spot', region: 'ap-northeast-2', resource: 'a\tb', resourceType: 'AWS::S3::Bucket', message: 'two\nlines' },
      new Date('2026-11-27T10:00:00Z'),
    );
    assert.equal(line, '2026-11-27T10:00:00.000Z\tblind-spot\tap-northeast-2\ta b\ttwo lines\n');
  });

  it('prints a bucket in a region without a recorder as `unwatched`, the class `tagsight blindspots` puts it in', () => {
    const report = findBlindSpots({
      now: new Date('2026-11-27T10:00:00Z'),
      buckets: [{ name: 'east-new', region: 'us-east-1' }],
      regions: [{ region: 'us-east-1', state: 'not-recording', reason: 'no-recorder' }],
      createEvents: [],
      tags: new Map(),
      rules: [],
    });
    const [finding] = watchSnapshot(INCIDENT_SCAN, report).findings.filter((f) => f.resource === 'east-new');
    const fields = formatFindingLine(finding!, new Date('2026-11-27T10:00:00Z')).trimEnd().split('\t');
    assert.deepEqual(fields.slice(0, 4), ['2026-11-27T10:00:00.000Z', 'unwatched', 'us-east-1', 'east-new']);
    assert.match(renderBlindSpotsText(report), /No Config recorder, so nothing is watched, in 1 region: us-east-1 \(1 bucket: east-new\)/);
  });
});
