import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInProcess } from './run-in-process';

const run = runInProcess;

/** The built bundle, as a user runs it (`npm run build` first; `npm test` does). No AWS variable leaks in. */
const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('tagsight blindspots', function () {
  this.timeout(60_000);

  it('node dist/cli.js blindspots --demo --format json lists rnd-transcribe-test through us-east-1, missing Service', () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
    const result = spawnSync(process.execPath, [CLI, 'blindspots', '--demo', '--format', 'json'], {
      encoding: 'utf8',
      env: { ...env, AWS_EC2_METADATA_DISABLED: 'true' },
      timeout: 60_000,
    });
    assert.equal(result.status, 1, result.stderr);
    const output = JSON.parse(result.stdout) as { blindSpots: Array<{ bucket: string; createdThrough: string; missing: string[] }> };
    assert.deepEqual(
      output.blindSpots.map((spot) => [spot.bucket, spot.createdThrough, spot.missing]),
      [['rnd-transcribe-test', 'us-east-1', ['Service']]],
    );
  });

  it('--demo --format json lists rnd-transcribe-test created through us-east-1, missing Service', async () => {
    const { code, stdout } = await run(['blindspots', '--demo', '--format', 'json']);
    assert.equal(code, 1, 'a blind spot is a finding');
    const output = JSON.parse(stdout) as {
      blindSpots: Array<{
        bucket: string;
        region: string;
        createdThrough: string;
        eventTime: string;
        missing: string[];
        evidence: { userAgent: string };
      }>;
    };
    const spot = output.blindSpots.find((b) => b.bucket === 'rnd-transcribe-test');
    assert.ok(spot, stdout);
    assert.equal(spot.region, 'ap-northeast-2');
    assert.equal(spot.createdThrough, 'us-east-1');
    assert.deepEqual(spot.missing, ['Service']);
    assert.ok(!Number.isNaN(Date.parse(spot.eventTime)));
    assert.match(spot.evidence.userAgent, /Cyberduck/);
    assert.equal(output.blindSpots.length, 1, 'buckets Config knows are not blind spots');
  });

  it('--demo text and markdown name the bucket and the unwatched region', async () => {
    const text = await run(['blindspots', '--demo']);
    assert.match(text.stdout, /rnd-transcribe-test\s+\(ap-northeast-2, unseen for/);
    assert.match(text.stdout, /No Config recorder, so nothing is watched, in \d+ regions?: .*us-east-1 \(1 bucket: /);
    const markdown = await run(['blindspots', '--demo', '--format', 'markdown']);
    assert.match(markdown.stdout, /\| rnd-transcribe-test \| ap-northeast-2 \| us-east-1 \|/);
  });

  it('refuses bad flags with exit code 2', async () => {
    const format = await run(['blindspots', '--demo', '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /argument 'xml' is invalid\. Allowed choices are text, json, markdown/);
    const lookback = await run(['blindspots', '--demo', '--lookback-days', '91']);
    assert.equal(lookback.code, 2);
    assert.match(lookback.stderr, /--lookback-days/);
    assert.equal((await run(['blindspots', '--demo', '--regions', 'mars-1'])).code, 2);
  });
});
